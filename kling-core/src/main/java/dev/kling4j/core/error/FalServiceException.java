package dev.kling4j.core.error;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * fal answered, and the answer was not what the call needed: an HTTP error status, or a success whose body
 * kling4j cannot read ({@link UnexpectedResponseException}). Subclasses name the status family; this class
 * itself is thrown for statuses no subclass covers (for example 409 or 410).
 *
 * <p>Carries everything fal sent: the status, the response headers, the raw body, the request id (from
 * the {@code x-fal-request-id} header, or the id of the request the call concerned), fal's error type
 * (body {@code error_type} or header {@code X-Fal-Error-Type}) and fal's retryable hint
 * ({@code X-Fal-Retryable}).
 */
public class FalServiceException extends KlingException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status fal answered. */
    private final int statusCode;

    private final transient Map<String, List<String>> headers;
    /** The response body as text. */
    private final String body;
    /** fal's error type, or null. */
    private final String errorType;
    /** The X-Fal-Retryable header, or null when absent. */
    private final Boolean retryable;

    /**
     * Creates a service exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     */
    public FalServiceException(String message, ServiceErrorDetails details) {
        this(message, details, null);
    }

    /**
     * Creates a service exception with a cause.
     *
     * @param message what went wrong
     * @param details what fal answered
     * @param cause why the answer could not be used (for example a JSON parse failure), or {@code null}
     */
    public FalServiceException(String message, ServiceErrorDetails details, Throwable cause) {
        super(message, details.requestId(), cause);
        this.statusCode = details.statusCode();
        this.headers = details.headers();
        this.body = details.body();
        this.errorType = details.errorType();
        this.retryable = details.retryable();
    }

    /**
     * The HTTP status code fal answered with.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The response headers, names lower-cased. Empty after deserialization.
     *
     * @return an unmodifiable map from header name to values
     */
    public Map<String, List<String>> headers() {
        return headers == null ? Map.of() : headers;
    }

    /**
     * The raw response body as text (possibly empty, truncated to 64 KiB).
     *
     * @return the body
     */
    public String body() {
        return body;
    }

    /**
     * fal's error type, such as {@code runner_scheduling_failure} or {@code request_timeout}.
     *
     * @return the error type, when fal sent one
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * fal's own hint whether repeating the call may succeed ({@code X-Fal-Retryable}).
     *
     * @return the hint, when fal sent one
     */
    public Optional<Boolean> retryable() {
        return Optional.ofNullable(retryable);
    }

    /**
     * The facts of one error response, as parsed by the transport.
     *
     * @param statusCode the HTTP status
     * @param headers the headers, names lower-cased
     * @param body the raw body text
     * @param requestId fal's request id, or {@code null}
     * @param errorType fal's error type, or {@code null}
     * @param retryable fal's retryable hint, or {@code null}
     */
    public record ServiceErrorDetails(
            int statusCode,
            Map<String, List<String>> headers,
            String body,
            String requestId,
            String errorType,
            Boolean retryable) {
        /**
         * Normalises the details: copies the headers into an unmodifiable sorted map and turns a
         * {@code null} body into an empty string.
         *
         * @param statusCode the HTTP status
         * @param headers the headers
         * @param body the raw body
         * @param requestId the request id, or null
         * @param errorType the error type, or null
         * @param retryable the retryable hint, or null
         */
        public ServiceErrorDetails {
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
            body = body == null ? "" : body;
        }
    }
}
