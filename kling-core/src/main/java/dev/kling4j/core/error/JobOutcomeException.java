package dev.kling4j.core.error;

/**
 * The job itself did not end with a video: it failed at fal ({@link JobFailedException}), did not
 * complete within its deadline ({@link DeadlineExceededException}), or was submitted without an answer so
 * that it may exist unseen ({@link SubmitOutcomeUnknownException}). fal has (or may have) the request, so
 * {@link #requestId()} is present whenever fal gave one.
 *
 * <p>A job cancelled by the caller is not in this group: {@link JobCancelledException} extends
 * {@link java.util.concurrent.CancellationException}, as the futures' contract requires.
 */
public abstract class JobOutcomeException extends KlingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened to the job and what to do next
     * @param requestId fal's request id, or {@code null} when fal's answer never arrived
     * @param cause the underlying failure, or {@code null}
     */
    protected JobOutcomeException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }
}
