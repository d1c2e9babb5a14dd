package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import java.util.Objects;
import java.util.function.Function;

/**
 * The base of every category's typed request builder: it holds the {@link VideoInput} being built, the
 * endpoint table and {@link Validation} mode to check it with, offers what every category takes
 * ({@code prompt}, {@code shot_type}, extra body properties), and validates on {@link #build()}. A
 * category's builder declares only its own fields, most of them by implementing the {@code Has….Setter}
 * interfaces.
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <R> the request it builds
 */
public abstract class RequestBuilder<B extends RequestBuilder<B, R>, R extends VideoRequest> implements FieldSetter<B> {
    private final Category category;
    private final Function<ValidatedInput, R> create;
    private final VideoInput.Builder input;
    private Catalog catalog;
    private Validation validation;

    /**
     * Starts a builder of a category's requests: empty, or holding an existing request (for
     * {@code toBuilder()}: its fields, table and mode).
     *
     * @param category the category whose table entry validates the request
     * @param create makes the typed request of a validated input
     * @param from the request to start from, or {@code null} to start empty (strict, the shipped table)
     */
    protected RequestBuilder(Category category, Function<ValidatedInput, R> create, R from) {
        this.category = Objects.requireNonNull(category, "category");
        this.create = Objects.requireNonNull(create, "create");
        this.input = from == null ? VideoInput.builder() : from.input().toBuilder();
        this.catalog = from == null ? Catalog.standard() : from.catalog();
        this.validation = from == null ? Validation.STRICT : from.validation();
    }

    @SuppressWarnings("unchecked") // B is this class's own type, by the bound
    private B self() {
        return (B) this;
    }

    @Override
    public final B set(String field, Object value) {
        input.set(field, value);
        return self();
    }

    @Override
    public final B add(String field, Object item) {
        input.add(field, item);
        return self();
    }

    /**
     * Sets the prompt ({@code prompt}); {@code @Element1}, {@code @Image1}, {@code @Video1} refer to the
     * request's inputs where the category takes them. Exclusive with a storyboard.
     *
     * @param prompt the prompt, at most 2,500 characters in the shipped table
     * @return this builder
     */
    public final B prompt(String prompt) {
        return set("prompt", Objects.requireNonNull(prompt, "prompt"));
    }

    /**
     * Sets how shots are cut ({@code shot_type}).
     *
     * @param shotType {@link ShotType#CUSTOMIZE} (fal's default) or, except on video-to-video,
     *     {@link ShotType#INTELLIGENT}
     * @return this builder
     */
    public final B shotType(ShotType shotType) {
        return set("shot_type", Objects.requireNonNull(shotType, "shotType").value());
    }

    /**
     * Sets how shots are cut ({@code shot_type}) from its text, kept exactly as given: one the endpoint table
     * does not list is refused by strict validation and sent with a warning by lenient validation.
     *
     * @param shotType e.g. {@code intelligent}
     * @return this builder
     */
    public final B shotType(String shotType) {
        return shotType(ShotType.of(shotType));
    }

    /**
     * Adds a body property kling4j does not model yet, sent as it is and not validated (fal adds fields
     * without notice). One named like a modelled field is refused by strict validation; lenient validation
     * sends it in place of that field, with a warning.
     *
     * @param name the wire name
     * @param value a string, number, boolean, or a list or map of those
     * @return this builder
     */
    public final B extraBody(String name, Object value) {
        input.extraBody(name, value);
        return self();
    }

    /**
     * Sets how strictly {@link #build()} holds the request to the endpoint table.
     *
     * @param validation {@link Validation#STRICT} (the default) or {@link Validation#LENIENT}
     * @return this builder
     */
    public final B validation(Validation validation) {
        this.validation = Objects.requireNonNull(validation, "validation");
        return self();
    }

    /**
     * Sets the endpoint table {@link #build()} checks the request against, e.g. one read with
     * {@link Catalog#load(java.nio.file.Path)} that knows a limit fal raised; its field types also shape the
     * wire body.
     *
     * @param catalog the table; {@link Catalog#standard()} by default
     * @return this builder
     */
    public final B catalog(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        return self();
    }

    /**
     * Validates and builds the request.
     *
     * @return the request; in lenient mode with what was let through in {@link VideoRequest#warnings()}
     * @throws dev.kling4j.core.error.InvalidRequestException listing every problem with its field path
     */
    public final R build() {
        return create.apply(RequestValidator.check(catalog, category, input.build(), validation));
    }
}
