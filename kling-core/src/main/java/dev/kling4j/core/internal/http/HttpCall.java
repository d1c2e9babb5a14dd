package dev.kling4j.core.internal.http;

import java.util.Objects;
import okhttp3.Request;

/**
 * One logical HTTP call handed to an {@link HttpTransport}: the OkHttp request plus what the layers need to
 * know about it. Not API.
 *
 * @param request the request (method, URL, headers, body); a streamed body must be re-readable for retries
 * @param retryMode which failures may be repeated
 * @param authenticate whether the auth layer adds {@code Authorization: Key …} (false for pre-signed CDN
 *     URLs)
 * @param endpointId the endpoint the call concerns, for messages, or {@code null}
 * @param requestId the fal request the call concerns, for messages and errors, or {@code null}
 * @param attempt the attempt number, from 1, set by the retry layer
 */
public record HttpCall(
        Request request, RetryMode retryMode, boolean authenticate, String endpointId, String requestId, int attempt) {

    /**
     * Checks the request and the mode.
     *
     * @param request the request
     * @param retryMode which failures may be repeated
     * @param authenticate whether to add Authorization
     * @param endpointId the endpoint, or null
     * @param requestId the request id, or null
     * @param attempt the attempt number
     */
    public HttpCall {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(retryMode, "retryMode");
    }

    /**
     * An authenticated call on no particular request.
     *
     * @param request the request
     * @param retryMode which failures may be repeated
     * @return the call
     */
    public static HttpCall of(Request request, RetryMode retryMode) {
        return new HttpCall(request, retryMode, true, null, null, 1);
    }

    /**
     * This call with another request (used by layers that add headers).
     *
     * @param newRequest the request
     * @return the call
     */
    public HttpCall withRequest(Request newRequest) {
        return new HttpCall(newRequest, retryMode, authenticate, endpointId, requestId, attempt);
    }

    /**
     * This call with or without authentication.
     *
     * @param auth whether to add the Authorization header
     * @return the call
     */
    public HttpCall withAuthenticate(boolean auth) {
        return new HttpCall(request, retryMode, auth, endpointId, requestId, attempt);
    }

    /**
     * This call labelled with an endpoint id.
     *
     * @param id the endpoint id
     * @return the call
     */
    public HttpCall withEndpointId(String id) {
        return new HttpCall(request, retryMode, authenticate, id, requestId, attempt);
    }

    /**
     * This call labelled with a fal request id.
     *
     * @param id the request id
     * @return the call
     */
    public HttpCall withRequestId(String id) {
        return new HttpCall(request, retryMode, authenticate, endpointId, id, attempt);
    }

    /**
     * This call as attempt {@code n}.
     *
     * @param n the attempt number
     * @return the call
     */
    public HttpCall withAttempt(int n) {
        return new HttpCall(request, retryMode, authenticate, endpointId, requestId, n);
    }
}
