package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.VideoInput;

/**
 * A video-to-video edit: a source video ({@code @Video1}), a prompt saying what to change, and optionally
 * image elements and reference images (4 together at most). No duration, no aspect ratio, no generated
 * audio: the output follows the source video, whose length is what fal bills. Immutable; valid once built.
 *
 * <pre>{@code
 * VideoEditRequest snow = VideoEditRequest.builder()
 *         .video(Media.file(Path.of("street.mp4")))
 *         .referenceImage(Media.file(Path.of("snow.jpg")))
 *         .element(ImageElement.of(Media.file(Path.of("polar-bear.png"))))
 *         .prompt("Cover @Video1 in snow like @Image1 and let @Element1 walk through it")
 *         .build();
 * }</pre>
 */
public final class VideoEditRequest extends AbstractVideoRequest {

    VideoEditRequest(VideoInput input) {
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

    /** Builds a {@link VideoEditRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends VideoToVideoBuilder<Builder, VideoEditRequest> {
        private Builder(VideoInput from) {
            super(Category.VIDEO_TO_VIDEO_EDIT, from);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected VideoEditRequest create(VideoInput validated) {
            return new VideoEditRequest(validated);
        }
    }
}
