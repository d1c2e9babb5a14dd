package dev.kling4j.core.queue;

import java.util.Locale;
import java.util.Objects;

/** The level of a job log line: an open enum keeping unknown values. */
public final class LogLevel {
    /** Standard error of the runner. */
    public static final LogLevel STDERR = new LogLevel("STDERR");
    /** Standard output of the runner. */
    public static final LogLevel STDOUT = new LogLevel("STDOUT");
    /** An error. */
    public static final LogLevel ERROR = new LogLevel("ERROR");
    /** Information. */
    public static final LogLevel INFO = new LogLevel("INFO");
    /** A warning. */
    public static final LogLevel WARN = new LogLevel("WARN");
    /** Debugging detail. */
    public static final LogLevel DEBUG = new LogLevel("DEBUG");

    private final String value;

    private LogLevel(String value) {
        this.value = value;
    }

    /**
     * The level for a wire value; unknown values are kept.
     *
     * @param value the wire value
     * @return the level
     */
    public static LogLevel of(String value) {
        String v = Objects.requireNonNull(value, "value").trim().toUpperCase(Locale.ROOT);
        for (LogLevel l : new LogLevel[] {STDERR, STDOUT, ERROR, INFO, WARN, DEBUG}) {
            if (l.value.equals(v)) {
                return l;
            }
        }
        return new LogLevel(value);
    }

    /**
     * The wire value.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogLevel l && l.value.equals(value);
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
