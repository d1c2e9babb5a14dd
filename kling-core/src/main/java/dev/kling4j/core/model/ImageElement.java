package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An image-only element for video-to-video, referred to as {@code @Element1}, …: a frontal image and 0–3
 * reference images. No video, no voice.
 *
 * <pre>{@code
 * ImageElement bear = ImageElement.of(Path.of("polar-bear.png"));
 * }</pre>
 */
public final class ImageElement {
    private final Media frontalImage;
    private final List<Media> referenceImages;

    private ImageElement(Media frontalImage, List<Media> referenceImages) {
        this.frontalImage = Objects.requireNonNull(frontalImage, "frontalImage");
        this.referenceImages = List.copyOf(referenceImages);
    }

    /**
     * An element from its frontal image and any reference images.
     *
     * @param frontalImage the main view
     * @param referenceImages other angles, 0 to 3
     * @return the element
     */
    public static ImageElement of(Media frontalImage, Media... referenceImages) {
        return new ImageElement(frontalImage, List.of(referenceImages));
    }

    /**
     * An element from local files, uploaded when the request runs.
     *
     * @param frontalImage the main view
     * @param referenceImages other angles, 0 to 3
     * @return the element
     */
    public static ImageElement of(Path frontalImage, Path... referenceImages) {
        return new ImageElement(
                Media.file(frontalImage),
                Arrays.stream(referenceImages).map(Media::file).toList());
    }

    /**
     * Starts an element.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The main view ({@code frontal_image_url}).
     *
     * @return the image
     */
    public Media frontalImage() {
        return frontalImage;
    }

    /**
     * Other angles ({@code reference_image_urls}).
     *
     * @return an immutable list
     */
    public List<Media> referenceImages() {
        return referenceImages;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageElement e
                && frontalImage.equals(e.frontalImage)
                && referenceImages.equals(e.referenceImages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frontalImage, referenceImages);
    }

    @Override
    public String toString() {
        return "ImageElement{frontal=" + Shown.media(frontalImage) + ", references=" + Shown.media(referenceImages)
                + "}";
    }

    /** Builds an {@link ImageElement}. */
    public static final class Builder extends ElementImagesBuilder<Builder> {
        private Builder() {}

        /**
         * Builds the element.
         *
         * @return the element
         * @throws NullPointerException when no frontal image was set
         */
        public ImageElement build() {
            return new ImageElement(
                    Objects.requireNonNull(
                            frontal(), "an image element needs a frontal image: call frontalImage(…) before build()"),
                    references());
        }
    }
}
