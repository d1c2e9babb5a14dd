package dev.kling4j.core.webhook;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.internal.Urls;
import dev.kling4j.core.internal.http.HttpCall;
import dev.kling4j.core.internal.http.RetryMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches a JWKS through a {@link KlingClient}'s transport (its timeouts, proxy, logging), without
 * credentials: the key set is public. Not retried here: a failed fetch makes the delivery fail with
 * {@code JWKS_UNAVAILABLE}, and fal delivers it again.
 */
final class HttpJwksSource implements JwksSource {
    private final KlingClient client;
    private final HttpUrl url;

    HttpJwksSource(KlingClient client, HttpUrl url) {
        this.client = Objects.requireNonNull(client, "client");
        this.url = url;
    }

    /** The URL, when it is HTTPS, or plain HTTP to a loopback host. */
    static HttpUrl checkUrl(String url) {
        Objects.requireNonNull(url, "url");
        return Urls.checkHttpUrl(url, "jwksUrl", false);
    }

    /** A client with no key and kling4j's defaults, made on first use, for verifiers given no client. */
    static KlingClient defaultClient() {
        return DefaultClient.CLIENT;
    }

    @Override
    public List<PublicKey> fetch() {
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .get()
                .build();
        try (Response response = ClientAccess.of(client)
                .resources()
                .transport()
                .execute(HttpCall.of(request, RetryMode.NONE).withAuthenticate(false))) {
            if (response.code() != 200) {
                throw new IllegalStateException("GET " + url + " answered HTTP " + response.code());
            }
            return Jwks.parse(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JwksSource.url(" + url + ")";
    }

    private static final class DefaultClient {
        static final KlingClient CLIENT = KlingClient.builder().build();
    }
}
