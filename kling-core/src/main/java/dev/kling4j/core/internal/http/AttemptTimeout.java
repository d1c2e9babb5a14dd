package dev.kling4j.core.internal.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A request tag bounding one whole attempt (connect, write, wait, and reading the body to its end): a body
 * that trickles in slower than any per-read timeout still ends. Set on JSON API calls, never on streamed
 * uploads, downloads or status streams. Not API.
 *
 * @param value the longest one attempt may take
 */
public record AttemptTimeout(Duration value) {

    /**
     * Validates the value.
     *
     * @param value the longest one attempt may take; positive
     */
    public AttemptTimeout {
        Objects.requireNonNull(value, "value");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("attempt timeout must be positive, was " + value);
        }
    }
}
