package dev.kling4j.core.internal.http;

import java.util.concurrent.CompletableFuture;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * The small HTTP interface kling4j talks through: one OkHttp adapter and decorators over it (see
 * {@link Transports#create}). Not API; public only because other kling-core packages use it.
 *
 * <p>Any status comes back as a {@link Response}; the caller owns it and must close it (its body may be a
 * stream, for example a download). Failures that left no response are thrown as
 * {@link dev.kling4j.core.error.KlingException}s once the retry layer is done with them.
 */
public interface HttpTransport {
    /**
     * Sends the call and blocks until the response headers arrive.
     *
     * @param call the call
     * @return the response, which the caller must close
     * @throws dev.kling4j.core.error.KlingException on connection failures, timeouts, missing credentials
     */
    Response execute(HttpCall call);

    /**
     * Sends the call without blocking. Cancelling the returned future cancels the HTTP call; a response that
     * arrives after cancellation is closed.
     *
     * @param call the call
     * @return a future of the response, which the caller must close
     */
    CompletableFuture<Response> executeAsync(HttpCall call);

    /**
     * Opens a server-sent-events stream. Not retried: callers fall back to polling on failure. The stream
     * holds one OkHttp dispatcher thread while open.
     *
     * @param call the GET call
     * @param listener receives the events
     * @return the stream, to cancel
     */
    EventSource openStream(HttpCall call, EventSourceListener listener);
}
