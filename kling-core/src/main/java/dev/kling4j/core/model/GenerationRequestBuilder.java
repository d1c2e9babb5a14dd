package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Category;

/**
 * The builder base of the categories that generate a new video (image-, text- and reference-to-video):
 * what {@link RequestBuilder} offers, plus a storyboard, a duration and generated audio.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <R> the request it builds
 */
public abstract class GenerationRequestBuilder<B extends GenerationRequestBuilder<B, R>, R extends VideoRequest>
        extends RequestBuilder<B, R> {

    /**
     * Starts from an existing request's input (or an empty one).
     *
     * @param category the category
     * @param from the input to copy
     */
    protected GenerationRequestBuilder(Category category, VideoInput from) {
        super(category, from);
    }

    /**
     * Uses a storyboard ({@code multi_prompt}) instead of a prompt.
     *
     * @param storyboard the shots
     * @return this builder
     */
    public B storyboard(Storyboard storyboard) {
        return set("multi_prompt", storyboard);
    }

    /**
     * Sets the duration ({@code duration}, sent as a string); fal's default is 5 s.
     *
     * @param seconds 3 to 15
     * @return this builder
     */
    public B duration(int seconds) {
        return set("duration", seconds);
    }

    /**
     * Turns generated audio on or off ({@code generate_audio}; fal's default is off); on costs more.
     *
     * @param audio true for audio
     * @return this builder
     */
    public B audio(boolean audio) {
        return set("generate_audio", audio);
    }
}
