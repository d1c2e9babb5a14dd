package dev.kling4j.core.error;

/**
 * fal answered 403 Forbidden: the key is valid but may not use this endpoint or request (for example a request owned by another account, or a balance exhausted). Not retried.
 */
public class PermissionDeniedException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public PermissionDeniedException(String message, ServiceErrorDetails details) {
        super(message, details);
    }
}
