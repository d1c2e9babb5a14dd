package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.ValidatedInput;

/**
 * A video-to-video edit: a source video ({@code @Video1}), a prompt saying what to change, and optionally
 * image elements and reference images (4 together at most). No duration, no aspect ratio, no generated
 * audio: the output follows the source video, whose length is what fal bills. Immutable; valid once built;
 * every value reads back through its getter.
 *
 * <pre>{@code
 * VideoEditRequest snow = VideoEditRequest.builder()
 *         .video(Path.of("street.mp4"))
 *         .referenceImage(Path.of("snow.jpg"))
 *         .element(ImageElement.of(Path.of("polar-bear.png")))
 *         .prompt("Cover @Video1 in snow like @Image1 and let @Element1 walk through it")
 *         .build();
 * }</pre>
 */
public final class VideoEditRequest extends VideoToVideoRequest {

    VideoEditRequest(ValidatedInput validated) {
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

    /** Builds a {@link VideoEditRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends VideoToVideoBuilder<Builder, VideoEditRequest> {
        private Builder(VideoEditRequest from) {
            super(Category.VIDEO_TO_VIDEO_EDIT, VideoEditRequest::new, from);
        }
    }
}
