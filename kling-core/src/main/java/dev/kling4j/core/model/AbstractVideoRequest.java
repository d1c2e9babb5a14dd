package dev.kling4j.core.model;

import java.util.Objects;

/**
 * What every category's typed request is made of: a validated {@link VideoInput}, with value equality.
 * A subclass adds its {@code builder()} and {@code toBuilder()}, and getters if it wants them.
 */
public abstract class AbstractVideoRequest implements VideoRequest {
    private final VideoInput input;

    /**
     * Wraps a validated input.
     *
     * @param input the input, valid for the subclass's category
     */
    protected AbstractVideoRequest(VideoInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    @Override
    public final VideoInput input() {
        return input;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && input.equals(((AbstractVideoRequest) o).input);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), input);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + input.fields().keySet();
    }
}
