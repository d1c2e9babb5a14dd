package dev.kling4j.core.queue;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.internal.http.HttpErrors;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished job: its reference, its final status, the model's output as raw JSON, and what fal says it
 * billed. Immutable.
 */
public final class JobResult {
    /** The response header in which fal reports the quantity it billed for a request. */
    public static final String BILLABLE_UNITS_HEADER = "x-fal-billable-units";

    private final RequestRef ref;
    private final JobStatus status;
    private final JsonValue output;
    private final BigDecimal billableUnits;

    /**
     * A finished job.
     *
     * @param ref the request
     * @param status the final ({@code COMPLETED}, not failed) status
     * @param output the model's output JSON
     * @param billableUnits the quantity fal billed, from {@value #BILLABLE_UNITS_HEADER}, or {@code null} when fal
     *     did not say
     */
    public JobResult(RequestRef ref, JobStatus status, JsonValue output, BigDecimal billableUnits) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.status = Objects.requireNonNull(status, "status");
        this.output = Objects.requireNonNull(output, "output");
        this.billableUnits = billableUnits;
    }

    /**
     * The request.
     *
     * @return the reference
     */
    public RequestRef ref() {
        return ref;
    }

    /**
     * The final status.
     *
     * @return a {@code COMPLETED} status without an error
     */
    public JobStatus status() {
        return status;
    }

    /**
     * The model's output.
     *
     * @return the output JSON
     */
    public JsonValue output() {
        return output;
    }

    /**
     * The quantity fal billed for the request, as its result's {@value #BILLABLE_UNITS_HEADER} header says
     * (seconds of output for the Kling endpoints).
     *
     * @return the units, or empty when fal did not send the header: then what was billed is unknown, not zero
     */
    public Optional<BigDecimal> billableUnits() {
        return Optional.ofNullable(billableUnits);
    }

    /**
     * The output mapped to a type (unknown fields ignored).
     *
     * @param type the type
     * @param <T> the type
     * @return the mapped output
     * @throws dev.kling4j.core.error.UnexpectedResponseException when the output does not fit {@code type}; it
     *     names the request
     */
    public <T> T as(Class<T> type) {
        return read(ref.requestId(), output, type);
    }

    /** Maps a job's output to a type; a misfit is an answer kling4j cannot read, and names the request. */
    static <T> T read(String requestId, JsonValue output, Class<T> type) {
        try {
            return output.as(type);
        } catch (IllegalArgumentException e) {
            throw HttpErrors.unexpected(
                    "fal's result for request " + requestId + " does not fit " + type.getSimpleName() + ": "
                            + e.getMessage() + "; compare the type with the raw output",
                    200,
                    Map.of(),
                    output.toJson(),
                    requestId,
                    e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobResult j
                && ref.equals(j.ref)
                && status.equals(j.status)
                && output.equals(j.output)
                && Objects.equals(billableUnits, j.billableUnits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref, status, output, billableUnits);
    }

    @Override
    public String toString() {
        return "JobResult{" + ref.requestId() + ", billable units "
                + (billableUnits == null ? "unknown" : billableUnits.toPlainString()) + "}";
    }
}
