package dev.kling4j.core.error;

import java.time.Duration;

/**
 * The whole-job deadline passed before the job completed. kling4j has sent a cancel to fal for the
 * request (a queued request then never runs; a running one is signalled) and failed the wait.
 */
public class DeadlineExceededException extends JobOutcomeException {
    private static final long serialVersionUID = 1L;

    /** The deadline that passed. */
    private final Duration deadline;

    /**
     * Creates the exception.
     *
     * @param requestId the request that did not finish in time
     * @param deadline the deadline that passed
     */
    public DeadlineExceededException(String requestId, Duration deadline) {
        super("Request " + requestId + " did not complete within its deadline of " + deadline + "; a cancel was"
                + " sent to fal. Give long jobs a longer deadline", requestId, null);
        this.deadline = deadline;
    }

    /**
     * The deadline that passed.
     *
     * @return the deadline
     */
    public Duration deadline() {
        return deadline;
    }
}
