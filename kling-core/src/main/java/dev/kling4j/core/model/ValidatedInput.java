package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.error.Problem;
import java.util.List;
import java.util.Objects;

/**
 * An input that passed {@link RequestValidator}: the fields, the endpoint table and mode it was checked
 * with, and the warnings a {@link Validation#LENIENT} check kept. What every typed request is made of; only
 * the validator makes one, so that a request is always valid for its table.
 */
public final class ValidatedInput {
    private final VideoInput input;
    private final Catalog catalog;
    private final Category category;
    private final Validation validation;
    private final List<Problem> warnings;

    ValidatedInput(
            VideoInput input, Catalog catalog, Category category, Validation validation, List<Problem> warnings) {
        this.input = Objects.requireNonNull(input, "input");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.category = Objects.requireNonNull(category, "category");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The fields, by wire name.
     *
     * @return the input
     */
    public VideoInput input() {
        return input;
    }

    /**
     * The endpoint table the input was checked against.
     *
     * @return the catalog
     */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * The category the input was checked for.
     *
     * @return the category
     */
    public Category category() {
        return category;
    }

    /**
     * The mode the input was checked in.
     *
     * @return the mode
     */
    public Validation validation() {
        return validation;
    }

    /**
     * What a lenient check let through: values past the table, sent as they are.
     *
     * @return an immutable list; always empty after a strict check
     */
    public List<Problem> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ValidatedInput{" + category.id() + ", " + validation + ", " + input
                + (warnings.isEmpty() ? "" : ", warnings=" + warnings) + "}";
    }
}
