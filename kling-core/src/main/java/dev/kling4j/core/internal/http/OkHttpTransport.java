package dev.kling4j.core.internal.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * The one adapter from {@link HttpTransport} to OkHttp. Not API.
 *
 * <p>It derives its clients from the given one with a network interceptor that records whether an attempt
 * reached the wire, so that the retry layer knows whether a failed submit may exist at fal. Submits (and calls
 * that must not be repeated) go through a client with OkHttp's {@code retryOnConnectionFailure} turned off:
 * OkHttp could otherwise silently resend a billed POST. Reads and idempotent calls keep it on, since it is
 * what sends a request again on a fresh connection when the pooled one it picked turns out to have been
 * closed by the server while idle (servers close idle keep-alive connections, and OkHttp only learns it when
 * it reads; after a long wait every pooled connection can be stale, one per attempt of the retry layer). SSE
 * streams use a derived client without a read timeout (the queue's silence watchdog replaces it) and with a
 * connection pool of their own, so that a long-lived (or cancelled) stream connection is never handed to a
 * short call.
 */
public final class OkHttpTransport implements HttpTransport {
    private final OkHttpClient client;
    private final OkHttpClient repeatable;
    private final EventSource.Factory sse;

    /**
     * Wraps an OkHttp client; the derived clients share its connection pool and dispatcher.
     *
     * @param base the client
     * @param streamPool the connection pool for SSE streams
     */
    public OkHttpTransport(OkHttpClient base, ConnectionPool streamPool) {
        this.client = base.newBuilder()
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(OkHttpTransport::markSent)
                .build();
        this.repeatable = client.newBuilder().retryOnConnectionFailure(true).build();
        this.sse = EventSources.createFactory(repeatable
                .newBuilder()
                .readTimeout(java.time.Duration.ZERO)
                .connectionPool(streamPool)
                .build());
    }

    private static Response markSent(Interceptor.Chain chain) throws IOException {
        SentFlag flag = chain.request().tag(SentFlag.class);
        if (flag != null) {
            flag.set(true);
        }
        return chain.proceed(chain.request());
    }

    /** The client for a call: OkHttp may resend reads and idempotent calls on a fresh connection, nothing else. */
    private OkHttpClient clientFor(HttpCall call) {
        return call.retryMode() == RetryMode.READ || call.retryMode() == RetryMode.IDEMPOTENT ? repeatable : client;
    }

    /** Applies the request's {@link AttemptTimeout}, when it has one, to the whole call. */
    private static Call bounded(Call call) {
        AttemptTimeout limit = call.request().tag(AttemptTimeout.class);
        if (limit != null) {
            call.timeout().timeout(limit.value().toMillis(), TimeUnit.MILLISECONDS);
        }
        return call;
    }

    @Override
    public Response execute(HttpCall call) {
        SentFlag flag = new SentFlag();
        try {
            return bounded(clientFor(call)
                            .newCall(call.request()
                                    .newBuilder()
                                    .tag(SentFlag.class, flag)
                                    .build()))
                    .execute();
        } catch (IOException e) {
            throw new HttpIOException(e, flag.get());
        }
    }

    @Override
    public CompletableFuture<Response> executeAsync(HttpCall httpCall) {
        SentFlag flag = new SentFlag();
        CompletableFuture<Response> future = new CompletableFuture<>();
        Call call = bounded(clientFor(httpCall)
                .newCall(httpCall.request()
                        .newBuilder()
                        .tag(SentFlag.class, flag)
                        .build()));
        future.whenComplete((r, t) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(new HttpIOException(e, flag.get()));
            }

            @Override
            public void onResponse(Call c, Response response) {
                if (!future.complete(response)) {
                    response.close();
                }
            }
        });
        return future;
    }

    @Override
    public EventSource openStream(HttpCall call, EventSourceListener listener) {
        return sse.newEventSource(call.request(), listener);
    }

    /** Whether an attempt reached the network interceptors, i.e. a connection was up and writing began. */
    private static final class SentFlag extends AtomicBoolean {
        private static final long serialVersionUID = 1L;
    }
}
