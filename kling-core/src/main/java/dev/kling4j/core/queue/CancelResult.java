package dev.kling4j.core.queue;

/**
 * fal's answer to a cancel.
 *
 * @param requestId the request
 * @param status fal's status text: {@code CANCELLATION_REQUESTED}, {@code ALREADY_COMPLETED}, {@code OK},
 *     {@code NOT_FOUND}, or a value fal added later
 * @param httpStatus the HTTP status (202, 200, 400 or 404)
 */
public record CancelResult(String requestId, String status, int httpStatus) {
    /**
     * Whether the job will not run to completion because of this cancel.
     *
     * @return true for {@code CANCELLATION_REQUESTED} or {@code OK}
     */
    public boolean accepted() {
        return "CANCELLATION_REQUESTED".equals(status) || "OK".equals(status);
    }
}
