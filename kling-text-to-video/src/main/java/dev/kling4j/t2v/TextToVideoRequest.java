package dev.kling4j.t2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.RequestBuilder;
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
    public static final class Builder extends RequestBuilder<Builder, TextToVideoRequest> {
        private Builder(VideoInput from) {
            super(Category.TEXT_TO_VIDEO, from);
        }

        /**
         * Uses a storyboard ({@code multi_prompt}) instead of a prompt.
         *
         * @param storyboard the shots
         * @return this builder
         */
        public Builder storyboard(Storyboard storyboard) {
            return set("multi_prompt", storyboard);
        }

        /**
         * Sets the duration ({@code duration}, sent as a string).
         *
         * @param seconds 3 to 15
         * @return this builder
         */
        public Builder duration(int seconds) {
            return set("duration", seconds);
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

        /**
         * Turns generated audio on or off ({@code generate_audio}); on costs more.
         *
         * @param audio true for audio
         * @return this builder
         */
        public Builder audio(boolean audio) {
            return set("generate_audio", audio);
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
