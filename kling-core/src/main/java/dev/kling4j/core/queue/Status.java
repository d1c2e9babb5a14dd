package dev.kling4j.core.queue;

import java.util.Locale;
import java.util.Objects;

/**
 * A job's queue status: an open enum. The known values are constants; any other string fal sends is kept
 * as it is and treated as not finished.
 */
public final class Status {
    /** Waiting in the queue ({@code queue_position} says where). */
    public static final Status IN_QUEUE = new Status("IN_QUEUE");
    /** Running on a runner. */
    public static final Status IN_PROGRESS = new Status("IN_PROGRESS");
    /** Finished: succeeded, failed (then {@code error} is set) or cancelled. The only terminal status. */
    public static final Status COMPLETED = new Status("COMPLETED");

    private final String value;

    private Status(String value) {
        this.value = value;
    }

    /**
     * The status for a wire value; unknown values are kept.
     *
     * @param value the wire value, such as {@code IN_QUEUE}
     * @return the status
     */
    public static Status of(String value) {
        String v = Objects.requireNonNull(value, "value").trim().toUpperCase(Locale.ROOT);
        switch (v) {
            case "IN_QUEUE":
                return IN_QUEUE;
            case "IN_PROGRESS":
                return IN_PROGRESS;
            case "COMPLETED":
                return COMPLETED;
            default:
                return new Status(value);
        }
    }

    /**
     * The wire value.
     *
     * @return the value as fal sent it
     */
    public String value() {
        return value;
    }

    /**
     * Whether this is one of the constants kling4j knows.
     *
     * @return false for a value fal added later
     */
    public boolean isKnown() {
        return this == IN_QUEUE || this == IN_PROGRESS || this == COMPLETED;
    }

    /**
     * Whether the job is finished (only {@link #COMPLETED}).
     *
     * @return true when terminal
     */
    public boolean isTerminal() {
        return this == COMPLETED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
