package dev.kling4j.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A value fal sends from a set that may grow: known constants, plus any other string kept as it came, so
 * that a new value fal adds never breaks a parse. Subclasses declare their constants and an {@code of}
 * factory built on {@link #lookup}. Two values are equal when their class and text are.
 */
public abstract class OpenEnum {
    private final String value;

    /**
     * Creates a value.
     *
     * @param value the wire text
     */
    protected OpenEnum(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * Finds the known constant for a wire value (ignoring case and surrounding blanks), or makes an unknown
     * one that keeps the text as it came.
     *
     * @param value the wire value
     * @param known the known constants
     * @param unknown makes a value for text no constant has
     * @param <E> the open enum
     * @return the constant, or a new unknown value
     */
    protected static <E extends OpenEnum> E lookup(String value, List<E> known, Function<String, E> unknown) {
        String normalized = Objects.requireNonNull(value, "value").trim().toUpperCase(Locale.ROOT);
        for (E e : known) {
            if (e.value().equals(normalized)) {
                return e;
            }
        }
        return unknown.apply(value);
    }

    /**
     * Finds the known constant whose text is exactly a value, or makes an unknown one that keeps the text:
     * for values kling4j sends, where fal compares the text exactly ({@code "Customize"} is not
     * {@code "customize"}), so a near miss stays visible instead of being corrected silently.
     *
     * @param value the text
     * @param known the known constants
     * @param unknown makes a value for text no constant has
     * @param <E> the open enum
     * @return the constant, or a new unknown value
     */
    protected static <E extends OpenEnum> E lookupExact(String value, List<E> known, Function<String, E> unknown) {
        Objects.requireNonNull(value, "value");
        for (E e : known) {
            if (e.value().equals(value)) {
                return e;
            }
        }
        return unknown.apply(value);
    }

    /**
     * The wire text.
     *
     * @return the value as fal sent it
     */
    public final String value() {
        return value;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((OpenEnum) o).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public final String toString() {
        return value;
    }
}
