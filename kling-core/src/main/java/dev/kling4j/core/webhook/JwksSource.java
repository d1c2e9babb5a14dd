package dev.kling4j.core.webhook;

import dev.kling4j.core.KlingClient;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where {@link WebhookVerifier} gets the public keys that sign fal's webhook deliveries.
 *
 * <p>A source only fetches; the verifier caches what it returns (for {@code jwksCacheTtl}, 24 hours by
 * default) and asks again when the cache expires or when no cached key verifies a delivery (fal rotated
 * its keys). Implementations may therefore be slow, but must be thread-safe.
 *
 * <pre>{@code
 * // fal's key set over HTTPS (what WebhookVerifier.create() uses):
 * JwksSource fal = JwksSource.url(JwksSource.FAL_JWKS_URL);
 * // keys pinned by the application, e.g. read from its configuration:
 * JwksSource pinned = JwksSource.fromJson(Files.readString(Path.of("fal-jwks.json")));
 * }</pre>
 */
@FunctionalInterface
public interface JwksSource {

    /** The address of fal's webhook key set. */
    String FAL_JWKS_URL = "https://rest.alpha.fal.ai/.well-known/jwks.json";

    /**
     * Fetches the current keys.
     *
     * @return the Ed25519 public keys, possibly empty
     * @throws RuntimeException when the keys cannot be had; the verifier reports it as
     *     {@link WebhookVerificationException.Reason#JWKS_UNAVAILABLE}
     */
    List<PublicKey> fetch();

    /**
     * A source that always returns the given keys, for applications that pin fal's keys and for tests.
     *
     * @param keys Ed25519 public keys
     * @return the source
     * @throws IllegalArgumentException when a key is not an Ed25519 key
     */
    static JwksSource of(PublicKey... keys) {
        return of(Arrays.asList(keys));
    }

    /**
     * A source that always returns the given keys.
     *
     * @param keys Ed25519 public keys
     * @return the source
     * @throws IllegalArgumentException when a key is not an Ed25519 key
     */
    static JwksSource of(List<PublicKey> keys) {
        List<PublicKey> copy = List.copyOf(keys);
        for (PublicKey key : copy) {
            if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException(
                        "keys: " + key.getAlgorithm() + " is not an Ed25519 key; fal signs webhooks with Ed25519 only");
            }
        }
        return () -> copy;
    }

    /**
     * A source that always returns the Ed25519 keys of a JWKS document, read once, now.
     *
     * @param jwksJson a JWKS, e.g. {@code {"keys":[{"kty":"OKP","crv":"Ed25519","x":"..."}]}}; {@code x}
     *     is base64url, with or without {@code =} padding; keys of other types are skipped
     * @return the source
     * @throws IllegalArgumentException when the document is not a JWKS or a key is unreadable
     */
    static JwksSource fromJson(String jwksJson) {
        return of(Jwks.parse(Objects.requireNonNull(jwksJson, "jwksJson")));
    }

    /**
     * A source that fetches a JWKS document over HTTP(S) on every {@link #fetch()}, through a shared
     * kling4j client with no key.
     *
     * @param url an {@code https://} URL, or {@code http://} to a loopback host (tests, emulators)
     * @return the source
     * @throws IllegalArgumentException when the URL is malformed or plain HTTP to a remote host
     */
    static JwksSource url(String url) {
        return url(HttpJwksSource.defaultClient(), url);
    }

    /**
     * A source that fetches a JWKS document through your client's transport (timeouts, proxy, logging);
     * no key is sent.
     *
     * @param client the client to fetch with
     * @param url an {@code https://} URL, or {@code http://} to a loopback host (tests, emulators)
     * @return the source
     * @throws IllegalArgumentException when the URL is malformed or plain HTTP to a remote host
     */
    static JwksSource url(KlingClient client, String url) {
        return new HttpJwksSource(client, HttpJwksSource.checkUrl(url));
    }
}
