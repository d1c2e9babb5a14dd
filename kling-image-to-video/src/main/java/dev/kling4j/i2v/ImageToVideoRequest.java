package dev.kling4j.i2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.GenerationRequestBuilder;
import dev.kling4j.core.model.Storyboard;
import dev.kling4j.core.model.VideoInput;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An image-to-video request: a start image ({@code image_url}), an optional end image, a prompt or a
 * storyboard, a duration (3–15 s, fal's default 5) and audio on or off. The aspect ratio comes from the
 * image. Immutable; valid once built.
 *
 * <pre>{@code
 * ImageToVideoRequest walk = ImageToVideoRequest.builder()
 *         .image(Media.file(Path.of("character.png")))
 *         .prompt("The character walks forward, arms swinging, camera tracking")
 *         .duration(10)
 *         .audio(true)
 *         .build();
 * }</pre>
 *
 * Elements and reference images are not taken here: use reference-to-video, which also takes a start frame.
 */
public final class ImageToVideoRequest extends AbstractVideoRequest {

    ImageToVideoRequest(VideoInput input) {
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

    /**
     * The start image.
     *
     * @return the image
     */
    public Media image() {
        return input().get("image_url", Media.class).orElseThrow();
    }

    /**
     * The end image.
     *
     * @return the image, or empty
     */
    public Optional<Media> endImage() {
        return input().get("end_image_url", Media.class);
    }

    /**
     * The prompt.
     *
     * @return the prompt, or empty when a storyboard is used
     */
    public Optional<String> prompt() {
        return input().get("prompt", String.class);
    }

    /**
     * The storyboard.
     *
     * @return the storyboard, or empty when a prompt is used
     */
    public Optional<Storyboard> storyboard() {
        return input().get("multi_prompt", Storyboard.class);
    }

    /**
     * The requested duration.
     *
     * @return seconds, or empty for fal's default (5)
     */
    public OptionalInt duration() {
        return input().get("duration", Integer.class).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * Whether audio is generated.
     *
     * @return the setting, or empty for fal's default (off)
     */
    public Optional<Boolean> audio() {
        return input().get("generate_audio", Boolean.class);
    }

    /** Builds an {@link ImageToVideoRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends GenerationRequestBuilder<Builder, ImageToVideoRequest> {
        private Builder(VideoInput from) {
            super(Category.IMAGE_TO_VIDEO, from);
        }

        /**
         * Sets the start image ({@code image_url}); required.
         *
         * @param image a URL, data URI or local file (jpg, png, webp, gif, avif; at least 300 px a side)
         * @return this builder
         */
        public Builder image(Media image) {
            return set("image_url", image);
        }

        /**
         * Sets the end image ({@code end_image_url}).
         *
         * @param image the last frame
         * @return this builder
         */
        public Builder endImage(Media image) {
            return set("end_image_url", image);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected ImageToVideoRequest create(VideoInput validated) {
            return new ImageToVideoRequest(validated);
        }
    }
}
