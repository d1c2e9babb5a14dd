package dev.kling4j.core.error;

/**
 * fal answered 404 Not Found: the endpoint id or the request id is unknown, or the result has expired (fal keeps results 1 hour after completion, 6 minutes when they are 10 KB or more). Not retried.
 */
public class NotFoundException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public NotFoundException(String message, ServiceErrorDetails details) {
        super(message, details);
    }
}
