package dev.kling4j.core.error;

import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The caller cancelled a wait ({@code future.cancel(true)} on the future of {@code awaitAsync},
 * {@code subscribeAsync} or {@code generateAsync}, or an interrupted blocking wait); kling4j has sent a
 * cancel to fal for the request.
 *
 * <p>This is the one kling4j exception outside {@link KlingException}, and so outside its four groups,
 * on purpose: it extends {@link CancellationException} because the JDK's futures require it. A
 * {@link java.util.concurrent.CompletableFuture} reports {@code isCancelled()} only when it completed with
 * a {@code CancellationException}, and {@code join()}/{@code get()} then throw it as the JDK specifies for
 * cancellation; a {@code KlingException} there would make a cancelled job look failed to every caller
 * that checks {@code isCancelled()} or catches {@code CancellationException}. Catch it beside
 * {@code KlingException} when you cancel jobs; {@link #requestId()} names the job, and the message does too.
 */
public class JobCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** fal's request id of the cancelled job, or null before the submit returned. */
    private final String requestId;

    /**
     * Creates the exception.
     *
     * @param requestId the request that was cancelled, or {@code null} when the submit had not yet answered
     */
    public JobCancelledException(String requestId) {
        super(
                requestId == null
                        ? "Cancelled by the caller before fal answered the submit; if the submit reached fal,"
                                + " a cancel is sent as soon as its request id arrives"
                        : "Request " + requestId + " was cancelled by the caller; a cancel was sent to fal");
        this.requestId = requestId;
    }

    /**
     * The request that was cancelled.
     *
     * @return the request id, or empty when the submit had not answered yet
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
