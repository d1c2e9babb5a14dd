package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.VideoInput;

/**
 * A video-to-video reference request: a new video based on a source video ({@code @Video1}: its motion,
 * camera, style), with image elements and reference images (4 together at most), an aspect ratio
 * ({@code auto} default, {@code 16:9}, {@code 9:16}, {@code 1:1}) and an optional duration (3–15 s; without
 * one, fal follows and bills the source video's length). Immutable; valid once built.
 *
 * <pre>{@code
 * VideoReferenceRequest watercolor = VideoReferenceRequest.builder()
 *         .video(Media.file(Path.of("dance.mp4")))
 *         .referenceImage(Media.file(Path.of("watercolor.jpg")))
 *         .element(ImageElement.of(Media.file(Path.of("dancer.png"))))
 *         .prompt("Based on @Video1, @Element1 dances in the watercolor style of @Image1")
 *         .keepAudio(true)
 *         .build();
 * }</pre>
 */
public final class VideoReferenceRequest extends AbstractVideoRequest {

    VideoReferenceRequest(VideoInput input) {
        super(input);
    }

    /**
     * Starts a request.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(VideoInput.builder().build());
    }

    /**
     * A builder holding this request, to change some of it.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(input());
    }

    /** Builds a {@link VideoReferenceRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends VideoToVideoBuilder<Builder, VideoReferenceRequest> {
        private Builder(VideoInput from) {
            super(Category.VIDEO_TO_VIDEO_REFERENCE, from);
        }

        /**
         * Sets the aspect ratio ({@code aspect_ratio}).
         *
         * @param aspectRatio {@code auto}, {@code 16:9}, {@code 9:16} or {@code 1:1}
         * @return this builder
         */
        public Builder aspectRatio(String aspectRatio) {
            return set("aspect_ratio", aspectRatio);
        }

        /**
         * Sets the duration ({@code duration}, sent as a string); without it the output follows the source.
         *
         * @param seconds 3 to 15
         * @return this builder
         */
        public Builder duration(int seconds) {
            return set("duration", seconds);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected VideoReferenceRequest create(VideoInput validated) {
            return new VideoReferenceRequest(validated);
        }
    }
}
