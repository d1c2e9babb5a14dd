package dev.kling4j.core.error;

import java.util.Optional;

/**
 * The root of every exception kling4j throws. Unchecked: callers catch the subtype they can act on.
 *
 * <p>Every exception that concerns a request fal has accepted carries its request id, so that a job
 * already paid for can always be found again (for example with {@code QueueClient.attach}).
 */
public class KlingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** fal's request id, or null when no request exists. */
    private final String requestId;

    /**
     * Creates an exception.
     *
     * @param message what went wrong and, where possible, how to fix it
     * @param requestId fal's request id, or {@code null} when no request exists
     * @param cause the underlying cause, or {@code null}
     */
    public KlingException(String message, String requestId, Throwable cause) {
        super(message, cause);
        this.requestId = requestId;
    }

    /**
     * Creates an exception that concerns no fal request.
     *
     * @param message what went wrong and, where possible, how to fix it
     */
    public KlingException(String message) {
        this(message, null, null);
    }

    /**
     * The id fal gave the request this failure concerns, when there is one.
     *
     * @return the request id, or empty when the failure happened before fal accepted a request
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
