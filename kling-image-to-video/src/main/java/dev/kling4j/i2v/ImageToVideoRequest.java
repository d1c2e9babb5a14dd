package dev.kling4j.i2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.GenerationRequest;
import dev.kling4j.core.model.GenerationRequestBuilder;
import dev.kling4j.core.model.HasEndFrame;
import dev.kling4j.core.model.ValidatedInput;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image-to-video request: a start image ({@code image_url}), an optional last frame, a prompt or a
 * storyboard, a duration (3–15 s, fal's default 5) and audio on or off. The aspect ratio comes from the
 * image. Immutable; valid once built; every value reads back through its getter.
 *
 * <pre>{@code
 * ImageToVideoRequest walk = ImageToVideoRequest.builder()
 *         .image(Path.of("character.png"))
 *         .prompt("The character walks forward, arms swinging, camera tracking")
 *         .duration(10)
 *         .audio(true)
 *         .build();
 * }</pre>
 *
 * Elements and reference images are not taken here: use reference-to-video, which also takes a start frame.
 */
public final class ImageToVideoRequest extends GenerationRequest implements HasEndFrame {

    ImageToVideoRequest(ValidatedInput validated) {
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

    /**
     * The start image ({@code image_url}).
     *
     * @return the image
     */
    public Media image() {
        return media("image_url").orElseThrow();
    }

    /** Builds an {@link ImageToVideoRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends GenerationRequestBuilder<Builder, ImageToVideoRequest>
            implements HasEndFrame.Setter<Builder> {
        private Builder(ImageToVideoRequest from) {
            super(Category.IMAGE_TO_VIDEO, ImageToVideoRequest::new, from);
        }

        /**
         * Sets the start image ({@code image_url}); required.
         *
         * @param image a URL, data URI or local file (jpg, png, webp, gif, avif; at least 300 px a side)
         * @return this builder
         */
        public Builder image(Media image) {
            return set("image_url", Objects.requireNonNull(image, "image"));
        }

        /**
         * Sets a local start image, uploaded when the request runs.
         *
         * @param image the file
         * @return this builder
         */
        public Builder image(Path image) {
            return image(Media.file(image));
        }
    }
}
