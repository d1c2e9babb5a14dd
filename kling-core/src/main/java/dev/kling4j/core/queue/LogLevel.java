package dev.kling4j.core.queue;

import dev.kling4j.core.OpenEnum;
import java.util.List;

/** The level of a job log line: an open enum keeping unknown values. */
public final class LogLevel extends OpenEnum {
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

    private static final List<LogLevel> KNOWN = List.of(STDERR, STDOUT, ERROR, INFO, WARN, DEBUG);

    private LogLevel(String value) {
        super(value);
    }

    /**
     * The level for a wire value; unknown values are kept.
     *
     * @param value the wire value
     * @return the level
     */
    public static LogLevel of(String value) {
        return lookup(value, KNOWN, LogLevel::new);
    }
}
