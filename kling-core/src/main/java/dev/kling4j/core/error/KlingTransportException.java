package dev.kling4j.core.error;

/**
 * kling4j could not talk to fal: no answer arrived, after the client's retries. What happened to a job
 * the call concerned is not known; {@link #requestId()} names it when there is one, so it can be looked up
 * again ({@code QueueClient.attach}) once the network is back.
 *
 * <p>The classes: {@link KlingConnectionException} (fal unreachable, or the connection broke, including
 * {@link TransferStalledException}) and {@link KlingTimeoutException} (an attempt timed out). This class
 * itself is thrown when kling4j abandoned the call on its own side before an answer came: the thread was
 * interrupted during a retry's backoff or an upload, or the {@code KlingClient} was closed during a wait.
 * Calls that fail this way are not worth repeating blindly: check why the thread was interrupted or the
 * client closed.
 */
public class KlingTransportException extends KlingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to go on
     * @param requestId fal's request id when the call concerned a known request, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public KlingTransportException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }
}
