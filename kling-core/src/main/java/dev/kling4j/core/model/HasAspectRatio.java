package dev.kling4j.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A request that takes an aspect ratio ({@code aspect_ratio}): text- and reference-to-video, and
 * video-to-video reference. Image-to-video takes its ratio from the start image.
 */
public interface HasAspectRatio extends VideoRequest {

    /**
     * The aspect ratio, an open value: text kling4j does not know comes back as it was set.
     *
     * @return the ratio, or empty for fal's default ({@code 16:9}; {@code auto} on video-to-video reference)
     */
    default Optional<AspectRatio> aspectRatio() {
        return input().get("aspect_ratio", String.class).map(AspectRatio::of);
    }

    /**
     * The setters of the builders of such requests.
     *
     * @param <B> the builder
     */
    interface Setter<B> extends FieldSetter<B> {

        /**
         * Sets the aspect ratio ({@code aspect_ratio}).
         *
         * @param aspectRatio one the endpoint table lists for the category (see {@link AspectRatio})
         * @return this builder
         */
        default B aspectRatio(AspectRatio aspectRatio) {
            return set(
                    "aspect_ratio",
                    Objects.requireNonNull(aspectRatio, "aspectRatio").value());
        }

        /**
         * Sets the aspect ratio ({@code aspect_ratio}) from its text, kept exactly as given: one the table
         * does not list is refused by strict validation and sent with a warning by lenient validation.
         *
         * @param aspectRatio e.g. {@code 9:16}
         * @return this builder
         */
        default B aspectRatio(String aspectRatio) {
            return aspectRatio(AspectRatio.of(aspectRatio));
        }
    }
}
