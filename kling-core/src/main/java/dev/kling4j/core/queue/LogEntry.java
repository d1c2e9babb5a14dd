package dev.kling4j.core.queue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One log line of a job, as fal reports it in a status with logs.
 *
 * @param message the text
 * @param level the level (open enum)
 * @param source where it came from (for example {@code user}), or an empty string
 * @param timestamp the timestamp text as fal sent it, or an empty string
 */
public record LogEntry(String message, LogLevel level, String source, String timestamp) {
    /**
     * Replaces nulls with empty values.
     *
     * @param message the text
     * @param level the level
     * @param source the source
     * @param timestamp the timestamp text
     */
    public LogEntry {
        message = message == null ? "" : message;
        level = level == null ? LogLevel.INFO : level;
        source = source == null ? "" : source;
        timestamp = timestamp == null ? "" : timestamp;
    }

    /**
     * The timestamp as an instant, when it parses as ISO-8601 (a timestamp without an offset is read as
     * UTC).
     *
     * @return the instant, or empty
     */
    public Optional<Instant> instant() {
        if (timestamp.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(timestamp).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    @Override
    public String toString() {
        return (timestamp.isEmpty() ? "" : timestamp + " ") + level + " " + Objects.toString(message);
    }
}
