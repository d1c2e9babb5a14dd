package dev.kling4j.core.error;

/**
 * A submit was sent but no answer came back (read timeout or a connection lost after the request was
 * written). fal may have accepted it and may bill it: kling4j does not resubmit. Do not resubmit blindly
 * either; check your fal dashboard (or a webhook you configured) for a request on this endpoint before
 * trying again.
 */
public class SubmitOutcomeUnknownException extends JobOutcomeException {
    private static final long serialVersionUID = 1L;

    /** The endpoint the submit was sent to. */
    private final String endpointId;

    /**
     * Creates the exception.
     *
     * @param endpointId the endpoint the submit went to
     * @param cause the I/O failure
     */
    public SubmitOutcomeUnknownException(String endpointId, Throwable cause) {
        this(endpointId, null, cause);
    }

    /**
     * Creates the exception for a submit whose answer started (fal accepted it) but could not be read.
     *
     * @param endpointId the endpoint the submit went to
     * @param requestId the request id from the answer's {@code x-fal-request-id} header, or {@code null}
     * @param cause the I/O or parse failure
     */
    public SubmitOutcomeUnknownException(String endpointId, String requestId, Throwable cause) {
        super(
                "Submit to " + endpointId + " was sent but no " + (requestId == null ? "" : "readable ")
                        + "answer arrived (" + cause + "): the request "
                        + (requestId == null ? "may exist" : requestId + " exists")
                        + " and may be billed. Do not resubmit blindly; "
                        + (requestId == null
                                ? "check the fal dashboard or your webhook for a request on this endpoint first."
                                : "attach to it by its request id."),
                requestId,
                cause);
        this.endpointId = endpointId;
    }

    /**
     * The endpoint the submit went to.
     *
     * @return the endpoint id
     */
    public String endpointId() {
        return endpointId;
    }
}
