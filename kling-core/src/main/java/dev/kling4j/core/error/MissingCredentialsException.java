package dev.kling4j.core.error;

/**
 * A call needed fal credentials but none were configured. Set {@code FAL_KEY}, or {@code FAL_KEY_ID} and
 * {@code FAL_KEY_SECRET}, or pass a key to {@code KlingClient.builder().apiKey(...)}.
 */
public class MissingCredentialsException extends RequestNotSentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the standard message naming both environment variable forms.
     */
    public MissingCredentialsException() {
        super("No fal API key configured: set FAL_KEY, or FAL_KEY_ID and FAL_KEY_SECRET, or call"
                + " KlingClient.builder().apiKey(...)");
    }
}
