package dev.kling4j.ref;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.Element;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.GenerationRequestBuilder;
import dev.kling4j.core.model.VideoInput;

/**
 * A reference-to-video request: elements ({@code @Element1}…), reference images ({@code @Image1}…), optional
 * start and end frames, a prompt or storyboard, a duration (3–15 s), an aspect ratio ({@code 16:9} default,
 * {@code 9:16}, {@code 1:1}) and audio on or off. At most 7 elements and images together (4 when an element
 * carries a video), at most one element with a video. Immutable; valid once built.
 *
 * <pre>{@code
 * ReferenceToVideoRequest scene = ReferenceToVideoRequest.builder()
 *         .element(Element.builder().frontalImage(Media.file(knightFront)).referenceImage(Media.file(knightSide)).build())
 *         .element(Element.builder().frontalImage(Media.file(dragonFront)).referenceImage(Media.file(dragonSide)).build())
 *         .referenceImage(Media.file(castle))
 *         .prompt("@Element1 faces @Element2 in front of @Image1 at dawn")
 *         .duration(8)
 *         .build();
 * }</pre>
 */
public final class ReferenceToVideoRequest extends AbstractVideoRequest {

    ReferenceToVideoRequest(VideoInput input) {
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

    /** Builds a {@link ReferenceToVideoRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends GenerationRequestBuilder<Builder, ReferenceToVideoRequest> {
        private Builder(VideoInput from) {
            super(Category.REFERENCE_TO_VIDEO, from);
        }

        /**
         * Adds an element; the first is {@code @Element1} in prompts.
         *
         * @param element the element
         * @return this builder
         */
        public Builder element(Element element) {
            return add("elements", element);
        }

        /**
         * Adds a reference image ({@code image_urls}); the first is {@code @Image1} in prompts.
         *
         * @param image the image
         * @return this builder
         */
        public Builder referenceImage(Media image) {
            return add("image_urls", image);
        }

        /**
         * Sets the first frame ({@code start_image_url}).
         *
         * @param image the first frame
         * @return this builder
         */
        public Builder startFrame(Media image) {
            return set("start_image_url", image);
        }

        /**
         * Sets the last frame ({@code end_image_url}).
         *
         * @param image the last frame
         * @return this builder
         */
        public Builder endFrame(Media image) {
            return set("end_image_url", image);
        }

        /**
         * Sets the aspect ratio ({@code aspect_ratio}).
         *
         * @param aspectRatio {@code 16:9}, {@code 9:16} or {@code 1:1}
         * @return this builder
         */
        public Builder aspectRatio(String aspectRatio) {
            return set("aspect_ratio", aspectRatio);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected ReferenceToVideoRequest create(VideoInput validated) {
            return new ReferenceToVideoRequest(validated);
        }
    }
}
