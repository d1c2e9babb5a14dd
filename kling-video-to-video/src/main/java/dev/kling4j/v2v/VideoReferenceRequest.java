package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.HasAspectRatio;
import dev.kling4j.core.model.HasDuration;
import dev.kling4j.core.model.ValidatedInput;

/**
 * A video-to-video reference request: a new video based on a source video ({@code @Video1}: its motion,
 * camera, style), with image elements and reference images (4 together at most), an aspect ratio
 * ({@code auto} default, {@code 16:9}, {@code 9:16}, {@code 1:1}) and an optional duration (3–15 s; without
 * one, fal follows and bills the source video's length). Immutable; valid once built; every value reads back
 * through its getter.
 *
 * <pre>{@code
 * VideoReferenceRequest watercolor = VideoReferenceRequest.builder()
 *         .video(Path.of("dance.mp4"))
 *         .referenceImage(Path.of("watercolor.jpg"))
 *         .element(ImageElement.of(Path.of("dancer.png")))
 *         .prompt("Based on @Video1, @Element1 dances in the watercolor style of @Image1")
 *         .keepAudio(true)
 *         .build();
 * }</pre>
 */
public final class VideoReferenceRequest extends VideoToVideoRequest implements HasAspectRatio, HasDuration {

    VideoReferenceRequest(ValidatedInput validated) {
        super(validated);
    }

    /**
     * Starts a request.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder holding this request (its fields, endpoint table and validation mode), to change some of it.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link VideoReferenceRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends VideoToVideoBuilder<Builder, VideoReferenceRequest>
            implements HasAspectRatio.Setter<Builder>, HasDuration.Setter<Builder> {
        private Builder(VideoReferenceRequest from) {
            super(Category.VIDEO_TO_VIDEO_REFERENCE, VideoReferenceRequest::new, from);
        }
    }
}
