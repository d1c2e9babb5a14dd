package dev.kling4j.core.internal.http;

import dev.kling4j.core.error.MissingCredentialsException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * Adds {@code Authorization: Key …} to calls that ask for it, plus {@code User-Agent} and a default
 * {@code Accept: application/json} to every call. A missing key fails the call with
 * {@link MissingCredentialsException}. Not API.
 */
public final class AuthTransport implements HttpTransport {
    private final HttpTransport delegate;
    private final Supplier<String> key;
    private final String userAgent;

    /**
     * Creates the layer.
     *
     * @param delegate the next layer
     * @param key supplies the key ({@code id:secret} or a plain key), or {@code null} when none is configured
     * @param userAgent the User-Agent value
     */
    public AuthTransport(HttpTransport delegate, Supplier<String> key, String userAgent) {
        this.delegate = delegate;
        this.key = key;
        this.userAgent = userAgent;
    }

    private HttpCall decorate(HttpCall call) {
        Request.Builder b = call.request().newBuilder().header("User-Agent", userAgent);
        if (call.request().header("Accept") == null) {
            b.header("Accept", "application/json");
        }
        if (call.authenticate()) {
            String k = key.get();
            if (k == null || k.isBlank()) {
                throw new MissingCredentialsException();
            }
            b.header("Authorization", "Key " + k);
        }
        return call.withRequest(b.build());
    }

    @Override
    public Response execute(HttpCall call) {
        return delegate.execute(decorate(call));
    }

    @Override
    public CompletableFuture<Response> executeAsync(HttpCall call) {
        HttpCall decorated;
        try {
            decorated = decorate(call);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.executeAsync(decorated);
    }

    @Override
    public EventSource openStream(HttpCall call, EventSourceListener listener) {
        return delegate.openStream(decorate(call), listener);
    }
}
