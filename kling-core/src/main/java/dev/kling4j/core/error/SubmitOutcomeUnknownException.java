package dev.kling4j.core.error;

/**
 * A submit was sent but no answer came back (read timeout or a connection lost after the request was
 * written). fal may have accepted it and may bill it: kling4j does not resubmit. Do not resubmit blindly
 * either; check your fal dashboard (or a webhook you configured) for a request on this endpoint before
 * trying again.
 */
public class SubmitOutcomeUnknownException extends KlingException {
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
        super("Submit to " + endpointId + " was sent but no answer arrived (" + cause + "): the request may exist"
                + " and may be billed. Do not resubmit blindly; check the fal dashboard or your webhook for a"
                + " request on this endpoint first.", null, cause);
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
