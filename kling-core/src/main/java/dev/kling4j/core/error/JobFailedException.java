package dev.kling4j.core.error;

import java.util.Optional;

/**
 * A job finished (status {@code COMPLETED}) with an error: the model failed or the request was cancelled
 * (then {@link #errorType()} is {@code client_cancelled}). Carries the request id and fal's {@code error}
 * and {@code error_type}; fal's error text says what the model refused.
 */
public class JobFailedException extends JobOutcomeException {
    private static final long serialVersionUID = 1L;

    /** fal's error message. */
    private final String error;
    /** fal's error type, or null. */
    private final String errorType;

    /**
     * Creates the exception.
     *
     * @param requestId the failed request
     * @param error fal's {@code error} text
     * @param errorType fal's {@code error_type}, or {@code null}
     */
    public JobFailedException(String requestId, String error, String errorType) {
        super(
                "Request " + requestId + " failed: " + error + (errorType == null ? "" : " (" + errorType + ")"),
                requestId,
                null);
        this.error = error;
        this.errorType = errorType;
    }

    /**
     * fal's error text.
     *
     * @return the error
     */
    public String error() {
        return error;
    }

    /**
     * fal's error type, such as {@code client_cancelled}.
     *
     * @return the error type, when fal sent one
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }
}
