package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the builders of {@link Element} and {@link ImageElement} share: a frontal image and reference images,
 * each from a {@link Media} or a local file.
 *
 * @param <B> the concrete builder
 */
abstract class ElementImagesBuilder<B extends ElementImagesBuilder<B>> {
    private Media frontalImage;
    private final List<Media> referenceImages = new ArrayList<>();

    @SuppressWarnings("unchecked") // B is this class's own type, by the bound
    private B self() {
        return (B) this;
    }

    /**
     * Sets the main view ({@code frontal_image_url}).
     *
     * @param image the frontal image
     * @return this builder
     */
    public final B frontalImage(Media image) {
        this.frontalImage = Objects.requireNonNull(image, "image");
        return self();
    }

    /**
     * Sets the main view from a local file, uploaded when the request runs.
     *
     * @param image the frontal image file
     * @return this builder
     */
    public final B frontalImage(Path image) {
        return frontalImage(Media.file(image));
    }

    /**
     * Adds a reference image, another angle ({@code reference_image_urls}): 1 to 3 in an element's image set,
     * 0 to 3 in an image element.
     *
     * @param image the image
     * @return this builder
     */
    public final B referenceImage(Media image) {
        referenceImages.add(Objects.requireNonNull(image, "image"));
        return self();
    }

    /**
     * Adds a local reference image, uploaded when the request runs.
     *
     * @param image the file
     * @return this builder
     */
    public final B referenceImage(Path image) {
        return referenceImage(Media.file(image));
    }

    /** The frontal image set, or null. */
    final Media frontal() {
        return frontalImage;
    }

    /** The reference images added, in order. */
    final List<Media> references() {
        return referenceImages;
    }
}
