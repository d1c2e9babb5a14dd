package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import java.util.Objects;

/**
 * The base of every category's typed request builder: it holds the {@link VideoInput} being built, offers
 * what every category takes ({@code prompt}, {@code shot_type}, extra body properties), and validates on
 * {@link #build()}. A category's builder adds one-line setters for its own fields.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <R> the request it builds
 */
public abstract class RequestBuilder<B extends RequestBuilder<B, R>, R extends VideoRequest> {
    private final CategorySpec spec;
    private final VideoInput.Builder input;

    /**
     * Starts an empty request of a category.
     *
     * @param category the category whose table entry validates the request
     */
    protected RequestBuilder(Category category) {
        this(category, VideoInput.builder().build());
    }

    /**
     * Starts from an existing request's input (for {@code toBuilder()}).
     *
     * @param category the category
     * @param from the input to copy
     */
    protected RequestBuilder(Category category, VideoInput from) {
        this.spec = Catalog.standard().category(Objects.requireNonNull(category, "category"));
        this.input = from.toBuilder();
    }

    /**
     * This builder, typed.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * Wraps the validated input into the typed request.
     *
     * @param validated the input, valid for the category
     * @return the request
     */
    protected abstract R create(VideoInput validated);

    /**
     * Sets a field by wire name; {@code null} removes it.
     *
     * @param field the wire name
     * @param value the typed value
     * @return this builder
     */
    protected final B set(String field, Object value) {
        input.set(field, value);
        return self();
    }

    /**
     * Appends an item to a list field, e.g. an element to {@code elements}.
     *
     * @param field the wire name of a list field
     * @param item the item
     * @return this builder
     */
    protected final B add(String field, Object item) {
        input.add(field, item);
        return self();
    }

    /**
     * Sets the prompt ({@code prompt}); {@code @Element1}, {@code @Image1}, {@code @Video1} refer to the
     * request's inputs where the category takes them. Exclusive with a storyboard.
     *
     * @param prompt the prompt, at most 2,500 characters
     * @return this builder
     */
    public B prompt(String prompt) {
        return set("prompt", Objects.requireNonNull(prompt, "prompt"));
    }

    /**
     * Sets how shots are cut ({@code shot_type}): {@code customize} (fal's default) or {@code intelligent}.
     *
     * @param shotType the shot type
     * @return this builder
     */
    public B shotType(String shotType) {
        return set("shot_type", Objects.requireNonNull(shotType, "shotType"));
    }

    /**
     * Adds a body property kling4j does not model yet, sent as it is and not validated (fal adds fields
     * without notice).
     *
     * @param name the wire name
     * @param value a string, number, boolean, or a list or map of those
     * @return this builder
     */
    public B extraBody(String name, Object value) {
        input.extraBody(name, value);
        return self();
    }

    /**
     * Validates and builds the request.
     *
     * @return the request
     * @throws dev.kling4j.core.error.InvalidRequestException listing every problem with its field path
     */
    public final R build() {
        VideoInput built = input.build();
        RequestValidator.check(spec, built);
        return create(built);
    }
}
