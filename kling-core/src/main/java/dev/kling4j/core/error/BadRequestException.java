package dev.kling4j.core.error;

/**
 * fal answered 400 Bad Request: the request was malformed (for example an unknown endpoint path or a bad query parameter). Not retried.
 */
public class BadRequestException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public BadRequestException(String message, ServiceErrorDetails details) {
        super(message, details);
    }
}
