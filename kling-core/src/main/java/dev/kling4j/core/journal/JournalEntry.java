package dev.kling4j.core.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One journalled request: what is needed to find it again at fal (request id and endpoint), and what the
 * user asked for (model key, output path, estimated cost), and what fal billed once it finished. Never holds
 * credentials.
 *
 * @param requestId fal's request id
 * @param endpointId the endpoint it was submitted to, e.g. {@code fal-ai/kling-video/o3/pro/text-to-video}
 * @param modelKey the model key, e.g. {@code kling_o3_pro_t2v}
 * @param createdAt when it was submitted
 * @param state where it stands
 * @param output where the video is (or will be) written, or null when none was chosen
 * @param estimatedCost the estimated total in USD, or null when unknown
 * @param billedUnits the quantity fal billed ({@code x-fal-billable-units}), or null when not known
 * @param billedCost what fal billed in USD (units × the estimate's rate), or null when not known
 */
public record JournalEntry(
        String requestId,
        String endpointId,
        String modelKey,
        Instant createdAt,
        JournalState state,
        String output,
        BigDecimal estimatedCost,
        BigDecimal billedUnits,
        BigDecimal billedCost) {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * Checks the entry.
     *
     * @param requestId fal's request id
     * @param endpointId the endpoint it was submitted to
     * @param modelKey the model key
     * @param createdAt when it was submitted
     * @param state where it stands
     * @param output where the video is (or will be) written, or null when none was chosen
     * @param estimatedCost the estimated total in USD, or null when unknown
     * @param billedUnits the quantity fal billed ({@code x-fal-billable-units}), or null when not known
     * @param billedCost what fal billed in USD (units × the estimate's rate), or null when not known
     * @throws IllegalArgumentException when the request id has characters unfit for a file name
     */
    public JournalEntry {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(modelKey, "modelKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        if (!isValidRequestId(requestId)) {
            throw new IllegalArgumentException(
                    "request id '" + requestId + "' must be 1-128 letters, digits, '.', '_' or '-'");
        }
    }

    /**
     * A new entry in state {@link JournalState#OPEN}.
     *
     * @param requestId fal's request id
     * @param endpointId the endpoint id
     * @param modelKey the model key
     * @param createdAt when it was submitted
     * @param output the output path, or null
     * @param estimatedCost the estimate, or null when unknown
     * @return the entry
     */
    public static JournalEntry open(
            String requestId,
            String endpointId,
            String modelKey,
            Instant createdAt,
            String output,
            BigDecimal estimatedCost) {
        return new JournalEntry(
                requestId, endpointId, modelKey, createdAt, JournalState.OPEN, output, estimatedCost, null, null);
    }

    /**
     * Whether a string can be a journalled request id (and so a file name).
     *
     * @param requestId the candidate
     * @return true when it is 1-128 letters, digits, '.', '_' or '-', not starting with a dot
     */
    public static boolean isValidRequestId(String requestId) {
        return requestId != null && SAFE_ID.matcher(requestId).matches();
    }

    /**
     * The output path, when one was chosen.
     *
     * @return the path as given
     */
    public Optional<String> outputPath() {
        return Optional.ofNullable(output);
    }

    /**
     * The estimated total, when it was known.
     *
     * @return USD
     */
    public Optional<BigDecimal> estimate() {
        return Optional.ofNullable(estimatedCost);
    }

    /**
     * This entry in another state, with an output path when one is given.
     *
     * @param newState the state
     * @param newOutput the output path, or null to keep the current one
     * @return the changed copy
     */
    public JournalEntry with(JournalState newState, String newOutput) {
        return new JournalEntry(
                requestId,
                endpointId,
                modelKey,
                createdAt,
                newState,
                newOutput != null ? newOutput : output,
                estimatedCost,
                billedUnits,
                billedCost);
    }

    /**
     * This entry with what fal billed.
     *
     * @param units the quantity fal billed, or null when not known
     * @param cost what that cost in USD, or null when not known
     * @return the updated entry
     */
    public JournalEntry withBilled(BigDecimal units, BigDecimal cost) {
        return new JournalEntry(requestId, endpointId, modelKey, createdAt, state, output, estimatedCost, units, cost);
    }

    /**
     * The quantity fal billed.
     *
     * @return the units, or empty when not known (never zero for "unknown")
     */
    public Optional<BigDecimal> billed() {
        return Optional.ofNullable(billedUnits);
    }
}
