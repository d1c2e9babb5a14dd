package dev.kling4j.core.internal;

import java.util.function.Supplier;

/**
 * A value computed once, on first use, and shared by every client derived from the same root: e.g. fal's
 * live prices, fetched once per process rather than once per call.
 *
 * @param <T> the value's type
 */
public final class Lazy<T> {
    private T value;

    /**
     * The value, computing it with {@code compute} the first time.
     *
     * @param compute makes the value; called at most once unless it throws
     * @return the value
     */
    public synchronized T get(Supplier<T> compute) {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }
}
