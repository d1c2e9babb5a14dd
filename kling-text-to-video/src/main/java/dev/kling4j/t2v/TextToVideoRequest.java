package dev.kling4j.t2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.GenerationRequestBuilder;
import dev.kling4j.core.model.Storyboard;
import dev.kling4j.core.model.VideoInput;

/**
 * A text-to-video request: a prompt or a storyboard, a duration (3–15 s, fal's default 5), an aspect ratio
 * ({@code 16:9} default, {@code 9:16}, {@code 1:1}) and audio on or off. Immutable; valid once built.
 *
 * <pre>{@code
 * TextToVideoRequest fox = TextToVideoRequest.builder()
 *         .storyboard(Storyboard.builder()
 *                 .shot(3, "A red fox steps out of the forest into fresh snow")
 *                 .shot(5, "The fox leaps, snow bursting around it, slow motion")
 *                 .build())
 *         .duration(8)
 *         .aspectRatio("9:16")
 *         .build();
 * }</pre>
 *
 * No elements and no voices: in O3 those belong to reference-to-video.
 */
public final class TextToVideoRequest extends AbstractVideoRequest {

    TextToVideoRequest(VideoInput input) {
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

    /** Builds a {@link TextToVideoRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends GenerationRequestBuilder<Builder, TextToVideoRequest> {
        private Builder(VideoInput from) {
            super(Category.TEXT_TO_VIDEO, from);
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
        protected TextToVideoRequest create(VideoInput validated) {
            return new TextToVideoRequest(validated);
        }
    }
}
