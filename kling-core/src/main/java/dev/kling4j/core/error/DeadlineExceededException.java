package dev.kling4j.core.error;

import java.time.Duration;

/**
 * A wait ran out of its deadline ({@code RequestOptions.deadline}) before the job ended. By default the job
 * was then cancelled at fal; with {@code DeadlineAction.LEAVE_RUNNING} it was left running, and attaching to
 * its request id fetches it later. Either way the message and {@link #requestId()} name the job.
 */
public class DeadlineExceededException extends JobOutcomeException {
    private static final long serialVersionUID = 1L;

    /** The deadline that passed. */
    private final Duration deadline;
    /** Whether a cancel was sent to fal. */
    private final boolean cancelled;

    /**
     * Creates the exception for a deadline that cancelled the job.
     *
     * @param requestId the request
     * @param deadline the deadline that passed
     */
    public DeadlineExceededException(String requestId, Duration deadline) {
        this(requestId, deadline, true);
    }

    /**
     * Creates the exception.
     *
     * @param requestId the request
     * @param deadline the deadline that passed
     * @param cancelled whether a cancel was sent to fal, or the job was left running
     */
    public DeadlineExceededException(String requestId, Duration deadline, boolean cancelled) {
        super(
                "Request " + requestId + " did not complete within its deadline of " + deadline
                        + (cancelled
                                ? "; a cancel was sent to fal. Give long jobs a longer deadline"
                                : "; it was left running at fal: attach to " + requestId
                                        + " to fetch its result later"),
                requestId,
                null);
        this.deadline = deadline;
        this.cancelled = cancelled;
    }

    /**
     * The deadline that passed.
     *
     * @return the deadline
     */
    public Duration deadline() {
        return deadline;
    }

    /**
     * Whether a cancel was sent to fal when the deadline passed.
     *
     * @return false when the job was left running
     */
    public boolean cancelled() {
        return cancelled;
    }
}
