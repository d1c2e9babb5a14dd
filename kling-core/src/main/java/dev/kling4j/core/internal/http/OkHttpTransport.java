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
 * <p>It derives its clients from the given one with OkHttp's {@code retryOnConnectionFailure} turned off
 * (OkHttp could otherwise silently resend a billed POST) and a network interceptor that records whether an
 * attempt reached the wire, so that the retry layer knows whether a failed submit may exist at fal. SSE
 * streams use a derived client without a read timeout (the queue's silence watchdog replaces it) and with a
 * connection pool of their own, so that a long-lived (or cancelled) stream connection is never handed to a
 * short call.
 */
public final class OkHttpTransport implements HttpTransport {
    private final OkHttpClient client;
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
        this.sse = EventSources.createFactory(client.newBuilder().readTimeout(java.time.Duration.ZERO)
                .connectionPool(streamPool).build());
    }

    private static Response markSent(Interceptor.Chain chain) throws IOException {
        SentFlag flag = chain.request().tag(SentFlag.class);
        if (flag != null) {
            flag.set(true);
        }
        return chain.proceed(chain.request());
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
            return bounded(client.newCall(call.request().newBuilder().tag(SentFlag.class, flag).build())).execute();
        } catch (IOException e) {
            throw new HttpIOException(e, flag.get());
        }
    }

    @Override
    public CompletableFuture<Response> executeAsync(HttpCall httpCall) {
        SentFlag flag = new SentFlag();
        CompletableFuture<Response> future = new CompletableFuture<>();
        Call call = bounded(client.newCall(httpCall.request().newBuilder().tag(SentFlag.class, flag).build()));
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
