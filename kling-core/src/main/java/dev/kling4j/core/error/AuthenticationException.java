package dev.kling4j.core.error;

/**
 * fal answered 401 Unauthorized: the API key is missing, wrong or revoked. Check {@code FAL_KEY} (or {@code FAL_KEY_ID} and {@code FAL_KEY_SECRET}). Not retried.
 */
public class AuthenticationException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public AuthenticationException(String message, ServiceErrorDetails details) {
        super(message, details);
    }
}
