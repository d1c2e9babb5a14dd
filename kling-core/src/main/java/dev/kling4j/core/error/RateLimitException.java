package dev.kling4j.core.error;

/**
 * fal answered 429 Too Many Requests, and retries (honouring {@code Retry-After}) did not help. Slow down or raise the limit with fal.
 */
public class RateLimitException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public RateLimitException(String message, ServiceErrorDetails details) {
        super(message, details);
    }
}
