package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import java.nio.file.Path;
import java.util.List;

/**
 * A request that takes reference images ({@code image_urls}, {@code @Image1}, {@code @Image2}, … in its
 * prompts): reference-to-video and both video-to-video categories.
 */
public interface HasReferenceImages extends VideoRequest {

    /**
     * The reference images, in order: the first is {@code @Image1}.
     *
     * @return an immutable list, possibly empty
     */
    default List<Media> referenceImages() {
        return input().get("image_urls")
                .filter(List.class::isInstance)
                .map(list -> ((List<?>) list).stream().map(Media.class::cast).toList())
                .orElse(List.of());
    }

    /**
     * The setters of the builders of such requests.
     *
     * @param <B> the builder
     */
    interface Setter<B> extends FieldSetter<B> {

        /**
         * Adds a reference image ({@code image_urls}); the first is {@code @Image1} in prompts.
         *
         * @param image a URL, data URI or local file
         * @return this builder
         */
        default B referenceImage(Media image) {
            return add("image_urls", image);
        }

        /**
         * Adds a local reference image, uploaded when the request runs.
         *
         * @param image the file
         * @return this builder
         */
        default B referenceImage(Path image) {
            return referenceImage(Media.file(image));
        }
    }
}
