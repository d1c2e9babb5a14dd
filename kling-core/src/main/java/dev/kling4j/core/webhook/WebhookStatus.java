package dev.kling4j.core.webhook;

import java.util.Objects;

/**
 * The outcome a webhook delivery reports: {@link #OK}, {@link #ERROR}, or a value fal added later, kept as
 * sent (an open enum: an unknown value never fails a parse).
 *
 * <pre>{@code
 * if (event.status().equals(WebhookStatus.OK)) { ... }
 * }</pre>
 */
public final class WebhookStatus {
    /** The request succeeded; the payload is the model's result. */
    public static final WebhookStatus OK = new WebhookStatus("OK");
    /** The request failed; the payload is the error body. */
    public static final WebhookStatus ERROR = new WebhookStatus("ERROR");

    private final String value;

    private WebhookStatus(String value) {
        this.value = value;
    }

    /**
     * The status for a wire value: a known constant when it is one, else a new unknown status.
     *
     * @param value the {@code status} field as sent
     * @return the status
     */
    public static WebhookStatus of(String value) {
        Objects.requireNonNull(value, "value");
        if (OK.value.equals(value)) {
            return OK;
        }
        if (ERROR.value.equals(value)) {
            return ERROR;
        }
        return new WebhookStatus(value);
    }

    /**
     * The value as sent, e.g. {@code OK}.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Whether this is one of the constants of this class.
     *
     * @return true for {@link #OK} and {@link #ERROR}
     */
    public boolean isKnown() {
        return this == OK || this == ERROR;
    }

    /**
     * Statuses are equal when their values are.
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookStatus && ((WebhookStatus) o).value.equals(value);
    }

    /**
     * A hash of the value.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The value as sent.
     *
     * @return the value
     */
    @Override
    public String toString() {
        return value;
    }
}
