package dev.kling4j.core.error;

/**
 * fal answered with a 5xx status (500, 502, 503, 504, ...) and retries did not help. fal does not bill requests that fail with 5xx. {@link #errorType()} says which part failed (for example {@code runner_scheduling_failure}).
 */
public class InternalServerException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public InternalServerException(String message, ServiceErrorDetails details) {
        super(message, details);
    }
}
