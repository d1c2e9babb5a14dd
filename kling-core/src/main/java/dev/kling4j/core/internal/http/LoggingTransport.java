package dev.kling4j.core.internal.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each attempt through SLF4J logger {@code dev.kling4j.http}: DEBUG with method, URL, status, attempt
 * and elapsed time; TRACE with headers and JSON bodies (up to 16 KiB). The {@code Authorization} header is
 * always shown as {@code ██}. Nothing is logged at INFO or above. Not API.
 */
public final class LoggingTransport implements HttpTransport {
    static final Logger LOG = LoggerFactory.getLogger("dev.kling4j.http");
    private static final long MAX_TRACE_BODY = 16 * 1024;

    private final HttpTransport delegate;

    /**
     * Creates the layer.
     *
     * @param delegate the next layer
     */
    public LoggingTransport(HttpTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response execute(HttpCall call) {
        long start = System.nanoTime();
        traceRequest(call);
        try {
            Response r = delegate.execute(call);
            logResponse(call, r, start);
            return r;
        } catch (RuntimeException e) {
            logFailure(call, e, start);
            throw e;
        }
    }

    @Override
    public CompletableFuture<Response> executeAsync(HttpCall call) {
        long start = System.nanoTime();
        traceRequest(call);
        CompletableFuture<Response> f = delegate.executeAsync(call);
        // A new future, completed only after logging: dependents of one future may run concurrently on
        // different threads, and two threads must never read (peek) one response body at once.
        CompletableFuture<Response> out = new CompletableFuture<>();
        out.whenComplete((r, t) -> {
            if (out.isCancelled()) {
                f.cancel(true);
            }
        });
        f.whenComplete((r, t) -> {
            if (r != null) {
                logResponse(call, r, start);
                if (!out.complete(r)) {
                    r.close();
                }
            } else {
                logFailure(call, t, start);
                out.completeExceptionally(t);
            }
        });
        return out;
    }

    @Override
    public EventSource openStream(HttpCall call, EventSourceListener listener) {
        LOG.debug(
                "{} {} (event stream opened)",
                call.request().method(),
                call.request().url());
        traceRequest(call);
        return delegate.openStream(call, listener);
    }

    private static void logResponse(HttpCall call, Response r, long start) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {} -> {} (attempt {}, {} ms{})",
                    call.request().method(),
                    call.request().url(),
                    r.code(),
                    call.attempt(),
                    (System.nanoTime() - start) / 1_000_000,
                    r.header("x-fal-request-id") == null ? "" : ", x-fal-request-id " + r.header("x-fal-request-id"));
        }
        if (LOG.isTraceEnabled()) {
            String body = "";
            if (isJson(r.body().contentType())) {
                try {
                    body = r.peekBody(MAX_TRACE_BODY).string();
                } catch (IOException e) {
                    body = "(unreadable: " + e + ")";
                }
            }
            LOG.trace("response headers:\n{}response body: {}", redact(r.headers()), body);
        }
    }

    private static void logFailure(HttpCall call, Throwable t, long start) {
        LOG.debug(
                "{} {} -> failed (attempt {}, {} ms): {}",
                call.request().method(),
                call.request().url(),
                call.attempt(),
                (System.nanoTime() - start) / 1_000_000,
                t.toString());
    }

    private static void traceRequest(HttpCall call) {
        if (!LOG.isTraceEnabled()) {
            return;
        }
        Request req = call.request();
        String body = "";
        if (req.body() != null && isJson(req.body().contentType())) {
            try (Buffer buf = new Buffer()) {
                long length = req.body().contentLength();
                if (length >= 0 && length <= MAX_TRACE_BODY && !req.body().isOneShot()) {
                    req.body().writeTo(buf);
                    body = buf.readUtf8();
                }
            } catch (IOException e) {
                body = "(unreadable: " + e + ")";
            }
        }
        LOG.trace("request {} {} headers:\n{}request body: {}", req.method(), req.url(), redact(req.headers()), body);
    }

    /**
     * Formats headers with the Authorization value hidden.
     *
     * @param headers the headers
     * @return one {@code name: value} line per header
     */
    public static String redact(Headers headers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
                    ? "██"
                    : headers.value(i);
            sb.append(name).append(": ").append(value).append('\n');
        }
        return sb.toString();
    }

    private static boolean isJson(MediaType type) {
        return type != null && type.subtype().contains("json");
    }
}
