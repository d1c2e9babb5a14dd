package dev.kling4j.core.error;

/**
 * A client-side failure: fal could not be reached or the connection broke (DNS, refused connection, TLS,
 * reset), and retries did not help. fal never answered, so there is no status and usually no request id.
 */
public class KlingConnectionException extends KlingTransportException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param requestId fal's request id when the call concerned a known request, or {@code null}
     * @param cause the I/O failure
     */
    public KlingConnectionException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }
}
