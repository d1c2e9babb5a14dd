package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that takes a last frame ({@code end_image_url}): image-to-video, and reference-to-video (there
 * only together with a start frame).
 */
public interface HasEndFrame extends VideoRequest {

    /**
     * The last frame.
     *
     * @return the image, or empty
     */
    default Optional<Media> endFrame() {
        return input().get("end_image_url", Media.class);
    }

    /**
     * The setters of the builders of such requests.
     *
     * @param <B> the builder
     */
    interface Setter<B> extends FieldSetter<B> {

        /**
         * Sets the last frame ({@code end_image_url}).
         *
         * @param image a URL, data URI or local file
         * @return this builder
         */
        default B endFrame(Media image) {
            return set("end_image_url", Objects.requireNonNull(image, "image"));
        }

        /**
         * Sets a local last frame, uploaded when the request runs.
         *
         * @param image the file
         * @return this builder
         */
        default B endFrame(Path image) {
            return endFrame(Media.file(image));
        }
    }
}
