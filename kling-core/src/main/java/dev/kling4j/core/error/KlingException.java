package dev.kling4j.core.error;

import java.util.Optional;

/**
 * The root of every exception kling4j throws, but {@link JobCancelledException}. Unchecked: callers catch
 * the group or the class they can act on.
 *
 * <p>Four groups sit under it, one per question a caller asks first:
 * <ul>
 *   <li>{@link RequestNotSentException}: refused before anything reached fal; nothing was sent or spent.</li>
 *   <li>{@link KlingTransportException}: fal could not be reached or did not answer, after retries.</li>
 *   <li>{@link FalServiceException}: fal answered, with an error status or a body kling4j cannot read.</li>
 *   <li>{@link JobOutcomeException}: the job itself failed, ran out of time, or may exist unseen.</li>
 * </ul>
 * {@code dev.kling4j.core.webhook.WebhookVerificationException}, the one error of the receiving side,
 * extends this class directly.
 *
 * <p>Every exception that concerns a request fal has accepted carries its request id in
 * {@link #requestId()} and in its message, so that a job already paid for can always be found again (for
 * example with {@code QueueClient.attach}).
 */
public abstract class KlingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** fal's request id, or null when no request exists. */
    private final String requestId;

    /**
     * Creates an exception. When the message does not name the request id, it is appended, so that a
     * message logged alone still finds the job.
     *
     * @param message what went wrong and how to fix it
     * @param requestId fal's request id, or {@code null} when no request exists
     * @param cause the underlying cause, or {@code null}
     */
    protected KlingException(String message, String requestId, Throwable cause) {
        super(withRequestId(message, requestId), cause);
        this.requestId = requestId;
    }

    /**
     * Creates an exception that concerns no fal request.
     *
     * @param message what went wrong and how to fix it
     */
    protected KlingException(String message) {
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

    private static String withRequestId(String message, String requestId) {
        if (requestId == null || requestId.isEmpty() || (message != null && message.contains(requestId))) {
            return message;
        }
        return (message == null ? "" : message + " ") + "(request " + requestId + ")";
    }
}
