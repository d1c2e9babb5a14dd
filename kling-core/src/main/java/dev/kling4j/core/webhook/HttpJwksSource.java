package dev.kling4j.core.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Fetches a JWKS with the JDK's HTTP client.
 *
 * <p>Stop-gap until kling4j's transport lands: it will then go through {@code KlingClient} (its proxy,
 * timeouts and User-Agent). The key set is public, so no credentials are sent.
 */
final class HttpJwksSource implements JwksSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final HttpClient http;

    HttpJwksSource(URI uri) {
        this.uri = uri;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The URL as a URI, when it is HTTPS, or plain HTTP to a loopback host. */
    static URI checkUrl(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jwksUrl '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        String host = uri.getHost();
        boolean loopback = "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || !("https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && loopback))) {
            throw new IllegalArgumentException("jwksUrl '" + url + "' must be an https:// URL"
                    + " (plain http:// only to localhost, 127.0.0.1 or [::1])");
        }
        return uri;
    }

    @Override
    public List<PublicKey> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        return Jwks.parse(response.body());
    }

    @Override
    public String toString() {
        return "JwksSource.url(" + uri + ")";
    }
}
