package dev.kling4j.core.internal.http;

import dev.kling4j.core.testing.LeakCounter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * The layer under {@link RetryTransport} in its unit tests: answers each attempt with the next scripted outcome
 * (a status, an I/O failure, or, for async calls, a future the test completes itself), records every attempt and
 * counts the response bodies it handed out and how many were closed.
 */
final class ScriptedTransport implements HttpTransport {
    private final Deque<Outcome> script = new ArrayDeque<>();
    private final List<HttpCall> calls = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Response>> futures = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private Outcome last;
    /** More attempts than any test scripts: a retry loop that does not stop fails fast instead of hanging. */
    static final int RUNAWAY = 50;
    /** What {@link #openStream} returns, to show the stream was handed through. */
    final EventSource stream = new EventSource() {
        @Override
        public okhttp3.Request request() {
            return null;
        }

        @Override
        public void cancel() {}
    };

    /** One scripted answer. */
    private record Outcome(int code, Headers headers, IOException failure, boolean sent, boolean pending) {}

    /** The next attempt is answered with this status (and headers, as name/value pairs). */
    synchronized ScriptedTransport status(int code, String... headers) {
        return add(new Outcome(code, Headers.of(headers), null, false, false));
    }

    /** The next attempt fails with this I/O error, the request having (or not) reached the wire. */
    synchronized ScriptedTransport failure(IOException e, boolean requestSent) {
        return add(new Outcome(0, null, e, requestSent, false));
    }

    /** The next async attempt returns a future that the test completes (see {@link #futures()}). */
    synchronized ScriptedTransport pending() {
        return add(new Outcome(0, null, null, false, true));
    }

    private ScriptedTransport add(Outcome o) {
        script.add(o);
        return this;
    }

    /** The next outcome; once the script is used up, the last one again. */
    private synchronized Outcome next() {
        if (calls.size() > RUNAWAY) {
            throw new AssertionError("runaway retries: " + calls.size() + " attempts");
        }
        Outcome o = script.poll();
        if (o == null) {
            if (last == null) {
                throw new AssertionError("no outcome scripted for attempt " + (calls.size()));
            }
            return last;
        }
        last = o;
        return o;
    }

    @Override
    public Response execute(HttpCall call) {
        calls.add(call);
        Outcome o = next();
        if (o.failure() != null) {
            throw new HttpIOException(o.failure(), o.sent());
        }
        return response(call, o.code(), o.headers());
    }

    @Override
    public CompletableFuture<Response> executeAsync(HttpCall call) {
        calls.add(call);
        Outcome o;
        try {
            o = next();
        } catch (AssertionError e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Response> f = new CompletableFuture<>();
        futures.add(f);
        if (o.pending()) {
            return f;
        }
        if (o.failure() != null) {
            f.completeExceptionally(new HttpIOException(o.failure(), o.sent()));
        } else {
            f.complete(response(call, o.code(), o.headers()));
        }
        return f;
    }

    @Override
    public EventSource openStream(HttpCall call, EventSourceListener listener) {
        calls.add(call);
        return stream;
    }

    /** A response whose body counts its close. */
    Response response(HttpCall call, int code, Headers headers) {
        opened.incrementAndGet();
        ResponseBody body = LeakCounter.closeCounted(ResponseBody.create("{}", null), closed::incrementAndGet);
        return new Response.Builder()
                .request(call.request())
                .protocol(Protocol.HTTP_1_1)
                .code(code)
                .message("scripted")
                .headers(headers)
                .body(body)
                .build();
    }

    /** Every attempt, in order. */
    List<HttpCall> calls() {
        return List.copyOf(calls);
    }

    /** The attempt numbers the retry layer gave, in order. */
    List<Integer> attempts() {
        return calls.stream().map(HttpCall::attempt).toList();
    }

    /** The futures returned to async attempts, in order. */
    List<CompletableFuture<Response>> futures() {
        return List.copyOf(futures);
    }

    /** Response bodies handed out and not closed. */
    int open() {
        return opened.get() - closed.get();
    }

    /** Response bodies handed out. */
    int opened() {
        return opened.get();
    }
}
