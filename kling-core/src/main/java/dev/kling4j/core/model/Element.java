package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A character or object for reference-to-video, referred to in prompts as {@code @Element1},
 * {@code @Element2}, …: either an <b>image set</b> (a frontal image and 1–3 reference images from other
 * angles) or a <b>video</b> of it (at most one element per request; the images are then optional), and
 * optionally a voice id (from fal's Kling create-voice endpoint).
 *
 * <pre>{@code
 * Element hero = Element.builder()
 *         .frontalImage(Path.of("hero-front.png"))
 *         .referenceImage(Path.of("hero-side.png"))
 *         .voiceId("voice_123")
 *         .build();
 * }</pre>
 *
 * <pre>{@code
 * Element dancer = Element.builder().video(Path.of("dancer.mp4")).build(); // a video element
 * }</pre>
 *
 * What an element needs (a frontal image and a reference image unless it has a video), the counts and the
 * one-video rule are checked with the rest of the request, so that every problem is reported at once with
 * its field path.
 */
public final class Element {
    private final Media frontalImage;
    private final List<Media> referenceImages;
    private final Media video;
    private final String voiceId;

    private Element(Builder b) {
        this.frontalImage = b.frontal();
        this.referenceImages = List.copyOf(b.references());
        this.video = b.video;
        this.voiceId = b.voiceId;
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
     * The main view ({@code frontal_image_url}); an image element needs one, a video element may leave it out.
     *
     * @return the image, or empty
     */
    public Optional<Media> frontalImage() {
        return Optional.ofNullable(frontalImage);
    }

    /**
     * Extra angles ({@code reference_image_urls}).
     *
     * @return an immutable list
     */
    public List<Media> referenceImages() {
        return referenceImages;
    }

    /**
     * A video of the element ({@code video_url}).
     *
     * @return the video, or empty
     */
    public Optional<Media> video() {
        return Optional.ofNullable(video);
    }

    /**
     * The voice bound to the element ({@code voice_id}).
     *
     * @return the voice id, or empty
     */
    public Optional<String> voiceId() {
        return Optional.ofNullable(voiceId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element e
                && Objects.equals(frontalImage, e.frontalImage)
                && referenceImages.equals(e.referenceImages)
                && Objects.equals(video, e.video)
                && Objects.equals(voiceId, e.voiceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frontalImage, referenceImages, video, voiceId);
    }

    @Override
    public String toString() {
        return "Element{" + (frontalImage == null ? "no frontal" : "frontal=" + Shown.media(frontalImage))
                + ", references=" + Shown.media(referenceImages)
                + (video == null ? "" : ", video=" + Shown.media(video))
                + (voiceId == null ? "" : ", voiceId=" + voiceId) + "}";
    }

    /** Builds an {@link Element}. */
    public static final class Builder extends ElementImagesBuilder<Builder> {
        private Media video;
        private String voiceId;

        private Builder() {}

        /**
         * Adds reference images.
         *
         * @param images the images
         * @return this builder
         */
        public Builder referenceImages(List<Media> images) {
            images.forEach(this::referenceImage);
            return this;
        }

        /**
         * Sets a video of the element; at most one element of a request may have one.
         *
         * @param video the video
         * @return this builder
         */
        public Builder video(Media video) {
            this.video = Objects.requireNonNull(video, "video");
            return this;
        }

        /**
         * Sets a local video of the element, uploaded when the request runs.
         *
         * @param video the .mp4 or .mov file
         * @return this builder
         */
        public Builder video(Path video) {
            return video(Media.file(video));
        }

        /**
         * Binds a voice, by the id fal's Kling create-voice endpoint returned.
         *
         * @param voiceId the voice id
         * @return this builder
         */
        public Builder voiceId(String voiceId) {
            this.voiceId = Objects.requireNonNull(voiceId, "voiceId");
            return this;
        }

        /**
         * Builds the element; what it needs is checked with the request it joins.
         *
         * @return the element
         */
        public Element build() {
            return new Element(this);
        }
    }
}
