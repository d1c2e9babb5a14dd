package dev.kling4j.ref;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.Element;
import dev.kling4j.core.model.GenerationRequest;
import dev.kling4j.core.model.GenerationRequestBuilder;
import dev.kling4j.core.model.HasAspectRatio;
import dev.kling4j.core.model.HasElements;
import dev.kling4j.core.model.HasEndFrame;
import dev.kling4j.core.model.HasReferenceImages;
import dev.kling4j.core.model.ValidatedInput;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference-to-video request: elements ({@code @Element1}…), reference images ({@code @Image1}…), optional
 * start and end frames, a prompt or storyboard, a duration (3–15 s), an aspect ratio ({@code 16:9} default,
 * {@code 9:16}, {@code 1:1}) and audio on or off. At most 7 elements and images together (4 when an element
 * carries a video), at most one element with a video. Immutable; valid once built; every value reads back
 * through its getter.
 *
 * <pre>{@code
 * ReferenceToVideoRequest scene = ReferenceToVideoRequest.builder()
 *         .element(Element.builder().frontalImage(knightFront).referenceImage(knightSide).build())
 *         .element(Element.builder().frontalImage(dragonFront).referenceImage(dragonSide).build())
 *         .referenceImage(castle)
 *         .prompt("@Element1 faces @Element2 in front of @Image1 at dawn")
 *         .duration(8)
 *         .build();
 * }</pre>
 */
public final class ReferenceToVideoRequest extends GenerationRequest
        implements HasAspectRatio, HasElements<Element>, HasReferenceImages, HasEndFrame {

    ReferenceToVideoRequest(ValidatedInput validated) {
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
     * The first frame ({@code start_image_url}).
     *
     * @return the image, or empty
     */
    public Optional<Media> startFrame() {
        return media("start_image_url");
    }

    /** Builds a {@link ReferenceToVideoRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends GenerationRequestBuilder<Builder, ReferenceToVideoRequest>
            implements HasAspectRatio.Setter<Builder>,
                    HasElements.Setter<Builder, Element>,
                    HasReferenceImages.Setter<Builder>,
                    HasEndFrame.Setter<Builder> {
        private Builder(ReferenceToVideoRequest from) {
            super(Category.REFERENCE_TO_VIDEO, ReferenceToVideoRequest::new, from);
        }

        /**
         * Sets the first frame ({@code start_image_url}); needed for an end frame.
         *
         * @param image a URL, data URI or local file
         * @return this builder
         */
        public Builder startFrame(Media image) {
            return set("start_image_url", Objects.requireNonNull(image, "image"));
        }

        /**
         * Sets a local first frame, uploaded when the request runs.
         *
         * @param image the file
         * @return this builder
         */
        public Builder startFrame(Path image) {
            return startFrame(Media.file(image));
        }
    }
}
