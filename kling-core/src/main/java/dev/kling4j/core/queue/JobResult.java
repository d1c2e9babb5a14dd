package dev.kling4j.core.queue;

import dev.kling4j.core.JsonValue;
import java.util.Objects;

/**
 * A finished job: its reference, its final status and the model's output as raw JSON.
 *
 * @param ref the request
 * @param status the final ({@code COMPLETED}, not failed) status
 * @param output the model's output JSON
 */
public record JobResult(RequestRef ref, JobStatus status, JsonValue output) {
    /**
     * Checks for nulls.
     *
     * @param ref the request
     * @param status the final status
     * @param output the output JSON
     */
    public JobResult {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
    }

    /**
     * The output mapped to a type (unknown fields ignored).
     *
     * @param type the type
     * @param <T> the type
     * @return the mapped output
     */
    public <T> T as(Class<T> type) {
        return output.as(type);
    }
}
