package dev.kling4j.core.error;

/**
 * fal answered with a success status (2xx), but with a body kling4j cannot read: not JSON, or JSON
 * without a field the call needs (a result without {@code video}, a submit without {@code request_id}, an
 * upload without its URL or etag), or a webhook delivery whose payload is missing or does not fit. Usually
 * a change on fal's side or a proxy in between: {@link #body()} holds what arrived (at most 64 KiB). The
 * job, when there is one, is not lost: {@link #requestId()} names it.
 *
 * <p>{@link #statusCode()} is the status of the answer; where kling4j reads the body after the HTTP call
 * has ended (a result's output, a status event of a stream, a webhook delivery) it is 200, the status such
 * answers come with.
 */
public class UnexpectedResponseException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what arrived, what was missing from it and what to do
     * @param details what fal answered
     * @param cause the parse failure, or {@code null}
     */
    public UnexpectedResponseException(String message, ServiceErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }
}
