package dev.kling4j.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted misbehaviour of the emulator's HTTP front, applied to the next request that matches.
 *
 * <p>Immutable; each {@code with…} method returns a copy. Queue faults with {@link Faults#next(Fault)}:
 *
 * <pre>{@code
 * emulator.faults().next(Fault.status(503).retryAfter(2).withRequestId(false).on("POST", "/fal-ai/"));
 * emulator.faults().next(Fault.dropAfterRead().on("POST", "/fal-ai/"));   // job created, answer lost
 * }</pre>
 */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** Answer with a status code instead of serving the request. */
        STATUS,
        /** Close the connection after the headers, before the body is read; nothing is served. */
        DROP_BEFORE_READ,
        /** Serve the request (a submit creates its job), then close the connection instead of answering. */
        DROP_AFTER_READ,
        /** Serve the request, but write the response body a few bytes at a time. */
        SLOW_BODY
    }

    private final Kind kind;
    private final int status;
    private final Long retryAfterSeconds;
    private final boolean withRequestId;
    private final String errorType;
    private final String detail;
    private final String method;
    private final String pathPrefix;
    private final int times;
    private final int chunkBytes;
    private final Duration chunkInterval;

    private Fault(
            Kind kind,
            int status,
            Long retryAfterSeconds,
            boolean withRequestId,
            String errorType,
            String detail,
            String method,
            String pathPrefix,
            int times,
            int chunkBytes,
            Duration chunkInterval) {
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.withRequestId = withRequestId;
        this.errorType = errorType;
        this.detail = detail;
        this.method = method;
        this.pathPrefix = pathPrefix;
        this.times = times;
        this.chunkBytes = chunkBytes;
        this.chunkInterval = chunkInterval;
    }

    /**
     * An answer with this status code, body {@code {"detail":…,"error_type":…}}, with an
     * {@code x-fal-request-id} header and no {@code Retry-After} unless configured.
     *
     * @param code an HTTP status, 100–599
     * @return the fault
     * @throws IllegalArgumentException when the code is out of range
     */
    public static Fault status(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status must be 100..599, was " + code);
        }
        return new Fault(
                Kind.STATUS,
                code,
                null,
                true,
                defaultErrorType(code),
                "Scripted failure " + code,
                null,
                "/",
                1,
                0,
                Duration.ZERO);
    }

    /**
     * A connection closed before the request body is read: nothing is created.
     *
     * @return the fault
     */
    public static Fault dropBeforeRead() {
        return new Fault(Kind.DROP_BEFORE_READ, 0, null, false, null, null, null, "/", 1, 0, Duration.ZERO);
    }

    /**
     * A connection closed after the request was read and served: a submit creates its job but the client
     * never sees the answer (the double-billing case).
     *
     * @return the fault
     */
    public static Fault dropAfterRead() {
        return new Fault(Kind.DROP_AFTER_READ, 0, null, false, null, null, null, "/", 1, 0, Duration.ZERO);
    }

    /**
     * A response whose body is written {@code chunkBytes} at a time: the first chunk at once, then one chunk
     * per {@code interval}. With a long interval, the first chunk arrives and then the body stalls.
     *
     * @param chunkBytes bytes per chunk, at least 1
     * @param interval the pause between chunks
     * @return the fault
     */
    public static Fault slowBody(int chunkBytes, Duration interval) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, was " + chunkBytes);
        }
        return new Fault(
                Kind.SLOW_BODY,
                0,
                null,
                false,
                null,
                null,
                null,
                "/",
                1,
                chunkBytes,
                Objects.requireNonNull(interval, "interval"));
    }

    /**
     * Adds a {@code Retry-After} header (seconds) to a status fault.
     *
     * @param seconds the value to send
     * @return a copy
     */
    public Fault retryAfter(long seconds) {
        return new Fault(
                kind,
                status,
                seconds,
                withRequestId,
                errorType,
                detail,
                method,
                pathPrefix,
                times,
                chunkBytes,
                chunkInterval);
    }

    /**
     * Whether a status fault carries {@code x-fal-request-id} (true by default). Without it the answer looks
     * like fal's ingress refused the request, which clients may safely retry.
     *
     * @param present whether to send the header
     * @return a copy
     */
    public Fault withRequestId(boolean present) {
        return new Fault(
                kind,
                status,
                retryAfterSeconds,
                present,
                errorType,
                detail,
                method,
                pathPrefix,
                times,
                chunkBytes,
                chunkInterval);
    }

    /**
     * Sets the {@code error_type} (body and {@code X-Fal-Error-Type}) and {@code detail} of a status fault.
     *
     * @param type e.g. {@code runner_scheduling_failure}
     * @param message the {@code detail} text
     * @return a copy
     */
    public Fault error(String type, String message) {
        return new Fault(
                kind,
                status,
                retryAfterSeconds,
                withRequestId,
                Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(message, "message"),
                method,
                pathPrefix,
                times,
                chunkBytes,
                chunkInterval);
    }

    /**
     * Restricts the fault to requests with this method whose served path starts with a prefix.
     * By default a fault matches any request.
     *
     * @param httpMethod e.g. {@code POST}, or {@code null} for any
     * @param servedPathPrefix e.g. {@code /fal-ai/kling-video/requests/}
     * @return a copy
     */
    public Fault on(String httpMethod, String servedPathPrefix) {
        return new Fault(
                kind,
                status,
                retryAfterSeconds,
                withRequestId,
                errorType,
                detail,
                httpMethod,
                Objects.requireNonNull(servedPathPrefix, "servedPathPrefix"),
                times,
                chunkBytes,
                chunkInterval);
    }

    /**
     * Applies the fault to this many matching requests in a row (1 by default).
     *
     * @param count at least 1
     * @return a copy
     */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + count);
        }
        return new Fault(
                kind,
                status,
                retryAfterSeconds,
                withRequestId,
                errorType,
                detail,
                method,
                pathPrefix,
                count,
                chunkBytes,
                chunkInterval);
    }

    /**
     * What the fault does.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    int statusCode() {
        return status;
    }

    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    boolean sendsRequestId() {
        return withRequestId;
    }

    String errorType() {
        return errorType;
    }

    String detail() {
        return detail;
    }

    int remainingTimes() {
        return times;
    }

    int chunkBytes() {
        return chunkBytes;
    }

    Duration chunkInterval() {
        return chunkInterval;
    }

    boolean matches(String httpMethod, String path) {
        return (method == null || method.equalsIgnoreCase(httpMethod)) && path.startsWith(pathPrefix);
    }

    private static String defaultErrorType(int code) {
        switch (code) {
            case 504:
                return "request_timeout";
            case 503:
                return "runner_scheduling_failure";
            case 502:
                return "runner_incomplete_response";
            case 500:
                return "internal_error";
            case 499:
                return "client_disconnected";
            case 400:
                return "bad_request";
            default:
                return "scripted";
        }
    }

    @Override
    public String toString() {
        return "Fault{" + kind + (kind == Kind.STATUS ? " " + status : "") + ", on " + (method == null ? "*" : method)
                + " " + pathPrefix + ", times=" + times + "}";
    }
}
