package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Category;
import java.util.Objects;
import java.util.function.Function;

/**
 * The builder base of the categories that generate a new video (image-, text- and reference-to-video):
 * what {@link RequestBuilder} offers, plus a storyboard, a duration and generated audio.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <R> the request it builds
 */
public abstract class GenerationRequestBuilder<B extends GenerationRequestBuilder<B, R>, R extends VideoRequest>
        extends RequestBuilder<B, R> implements HasDuration.Setter<B> {

    /**
     * Starts a builder, empty or holding an existing request.
     *
     * @param category the category
     * @param create makes the typed request of a validated input
     * @param from the request to start from, or {@code null} to start empty
     */
    protected GenerationRequestBuilder(Category category, Function<ValidatedInput, R> create, R from) {
        super(category, create, from);
    }

    /**
     * Uses a storyboard ({@code multi_prompt}) instead of a prompt.
     *
     * @param storyboard the shots
     * @return this builder
     */
    public final B storyboard(Storyboard storyboard) {
        return set("multi_prompt", Objects.requireNonNull(storyboard, "storyboard"));
    }

    /**
     * Turns generated audio on or off ({@code generate_audio}; fal's default is off); on costs more.
     *
     * @param audio true for audio
     * @return this builder
     */
    public final B audio(boolean audio) {
        return set("generate_audio", audio);
    }
}
