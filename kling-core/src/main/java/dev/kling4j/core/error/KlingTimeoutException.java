package dev.kling4j.core.error;

/**
 * A client-side timeout of one HTTP call (connect, read, write or call timeout), after retries. This is the
 * per-attempt timeout; the whole-job deadline is {@link DeadlineExceededException}.
 */
public class KlingTimeoutException extends KlingTransportException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param requestId fal's request id when the call concerned a known request, or {@code null}
     * @param cause the timeout
     */
    public KlingTimeoutException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }
}
