package dev.kling4j.core.webhook;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks that a webhook delivery comes from fal, unchanged and recent, before anyone acts on it.
 *
 * <p>fal signs each delivery with Ed25519. The signed message is the UTF-8 of
 * {@code request_id + "\n" + user_id + "\n" + timestamp + "\n" + hex(sha256(body))}, taken from the
 * headers {@code X-Fal-Webhook-Request-Id}, {@code X-Fal-Webhook-User-Id} and
 * {@code X-Fal-Webhook-Timestamp} (unix seconds) and the raw body bytes; the signature is the hex in
 * {@code X-Fal-Webhook-Signature}. A delivery passes when the timestamp is within the tolerance of now
 * (300 seconds by default, either way) and one key of fal's key set verifies the signature. The JDK
 * verifies Ed25519 by itself; no library is needed.
 *
 * <p>Keys come from a {@link JwksSource} (fal's JWKS at {@link JwksSource#FAL_JWKS_URL} by default),
 * are cached for 24 hours, and are fetched once more when no cached key verifies a delivery, which is
 * how a key rotation is picked up. That forced fetch happens at most once a minute by default
 * ({@link Builder#refetchCooldown(Duration)}), so forged deliveries cannot flood the key server.
 *
 * <p>Pass the body exactly as received, before any JSON parsing: one changed byte fails the check. The
 * verifier never logs and never puts the body in an exception. Instances are immutable and thread-safe;
 * build one per application and share it.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.create();   // fal's keys, 300 s tolerance
 * try {
 *     WebhookEvent event = verifier.verifyAndParse(body, headers);   // byte[], Map<String, List<String>>
 *     if (event.isOk()) {
 *         MyResult result = event.payload(MyResult.class);
 *     }
 *     // answer 200
 * } catch (WebhookVerificationException e) {
 *     // answer e.reason().httpStatus(); 503 makes fal deliver again later
 * }
 * }</pre>
 */
public final class WebhookVerifier {
    /** Header carrying fal's request id. */
    public static final String REQUEST_ID_HEADER = "X-Fal-Webhook-Request-Id";
    /** Header carrying the id of the fal user the request belongs to. */
    public static final String USER_ID_HEADER = "X-Fal-Webhook-User-Id";
    /** Header carrying the time of signing, in unix seconds. */
    public static final String TIMESTAMP_HEADER = "X-Fal-Webhook-Timestamp";
    /** Header carrying the Ed25519 signature, in hex. */
    public static final String SIGNATURE_HEADER = "X-Fal-Webhook-Signature";

    private static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    private static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(24);
    private static final Duration DEFAULT_REFETCH_COOLDOWN = Duration.ofMinutes(1);
    private static final int SIGNATURE_LENGTH = 64;

    private final Builder settings;
    private final KeyCache keys;

    private WebhookVerifier(Builder builder) {
        this.settings = builder.copy();
        this.keys = new KeyCache(settings.source(), settings.jwksCacheTtl, settings.refetchCooldown, settings.clock);
    }

    /**
     * A verifier with the defaults: fal's key set, 300 seconds of tolerance, keys cached for 24 hours,
     * the system clock.
     *
     * @return the verifier
     */
    public static WebhookVerifier create() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults of {@link #create()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this verifier's settings, to derive a verifier that differs in some. The new
     * verifier has its own key cache.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * Verifies a delivery, with its headers as a map from name to values (name case ignored; the first
     * value of a header counts), as servlet containers and the JDK's {@code HttpExchange} give them.
     *
     * @param body the raw body bytes, exactly as received
     * @param headers the request headers
     * @throws WebhookVerificationException when the delivery is not authentic or not recent, or keys are unavailable
     */
    public void verify(byte[] body, Map<String, List<String>> headers) {
        verify(body, lookup(headers));
    }

    /**
     * Verifies a delivery, with its headers behind a lookup function (for example
     * {@code request::getHeader} of a servlet request).
     *
     * @param body the raw body bytes, exactly as received
     * @param header returns the value of the header with the given name, or null when absent; it is
     *     called with the canonical names (e.g. {@code X-Fal-Webhook-Signature}) and should ignore case
     * @throws WebhookVerificationException when the delivery is not authentic or not recent, or keys are unavailable
     */
    public void verify(byte[] body, Function<String, String> header) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(header, "header");
        String requestId = required(header, REQUEST_ID_HEADER, null);
        String userId = required(header, USER_ID_HEADER, requestId);
        String timestamp = required(header, TIMESTAMP_HEADER, requestId);
        String signatureHex = required(header, SIGNATURE_HEADER, requestId);
        checkTimestamp(timestamp, requestId);
        byte[] signature = parseSignature(signatureHex, requestId);
        byte[] message = (requestId + "\n" + userId + "\n" + timestamp + "\n" + sha256Hex(body))
                .getBytes(StandardCharsets.UTF_8);
        try {
            checkSignature(message, signature, requestId);
        } catch (WebhookVerificationException e) {
            if (e.requestId().isPresent()) {
                throw e;
            }
            throw new WebhookVerificationException(
                    e.reason(), e.header().orElse(null), e.getMessage(), requestId, e.getCause());
        }
    }

    /**
     * Verifies a delivery as {@link #verify(byte[], Map)} does, then reads its body.
     *
     * @param body the raw body bytes, exactly as received
     * @param headers the request headers
     * @return the event
     * @throws WebhookVerificationException when the delivery is not authentic or not recent, keys are
     *     unavailable, or ({@link Reason#MALFORMED_BODY}) the body is not a webhook JSON object
     */
    public WebhookEvent verifyAndParse(byte[] body, Map<String, List<String>> headers) {
        return verifyAndParse(body, lookup(headers));
    }

    /**
     * Verifies a delivery as {@link #verify(byte[], Function)} does, then reads its body.
     *
     * @param body the raw body bytes, exactly as received
     * @param header returns the value of the header with the given name, or null when absent
     * @return the event
     * @throws WebhookVerificationException when the delivery is not authentic or not recent, keys are
     *     unavailable, or ({@link Reason#MALFORMED_BODY}) the body is not a webhook JSON object
     */
    public WebhookEvent verifyAndParse(byte[] body, Function<String, String> header) {
        verify(body, header);
        return WebhookEvent.parse(body);
    }

    private static Function<String, String> lookup(Map<String, List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        return name -> {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (name.equalsIgnoreCase(entry.getKey())
                        && entry.getValue() != null
                        && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        };
    }

    private static String required(Function<String, String> header, String name, String requestId) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException(
                    Reason.MISSING_HEADER,
                    name,
                    "webhook delivery refused: header " + name + " is missing; fal sends it with every delivery",
                    requestId,
                    null);
        }
        return value.trim();
    }

    private void checkTimestamp(String timestamp, String requestId) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(
                    Reason.MALFORMED_HEADER,
                    TIMESTAMP_HEADER,
                    "webhook delivery refused: header " + TIMESTAMP_HEADER + " is not a number of unix seconds",
                    requestId,
                    null);
        }
        long now = settings.clock.instant().getEpochSecond();
        long skew = Math.abs(now - seconds);
        if (seconds < 0 || skew > settings.tolerance.getSeconds()) {
            String when = seconds > now ? "ahead of" : "behind";
            throw new WebhookVerificationException(
                    Reason.STALE_TIMESTAMP,
                    TIMESTAMP_HEADER,
                    "webhook delivery refused: header " + TIMESTAMP_HEADER + " is " + skew + " s " + when
                            + " this server's clock, more than the " + settings.tolerance.getSeconds()
                            + " s tolerance (a replay, or a clock to synchronise)",
                    requestId,
                    null);
        }
    }

    private static byte[] parseSignature(String hex, String requestId) {
        byte[] signature = null;
        if (hex.length() == 2 * SIGNATURE_LENGTH) {
            try {
                signature = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                signature = null;
            }
        }
        if (signature == null) {
            throw new WebhookVerificationException(
                    Reason.MALFORMED_HEADER,
                    SIGNATURE_HEADER,
                    "webhook delivery refused: header " + SIGNATURE_HEADER + " is not an Ed25519 signature in hex"
                            + " (expected " + 2 * SIGNATURE_LENGTH + " hex digits, got " + hex.length()
                            + " characters)",
                    requestId,
                    null);
        }
        return signature;
    }

    private void checkSignature(byte[] message, byte[] signature, String requestId) {
        KeyCache.Snapshot tried = keys.current();
        if (anyVerifies(tried.keys(), message, signature)) {
            return;
        }
        // No cached key verifies: maybe fal rotated its keys. One more try with fresh keys, never a loop.
        KeyCache.Snapshot fresh = keys.refreshAfterMiss(tried);
        if (fresh != null) {
            if (anyVerifies(fresh.keys(), message, signature)) {
                return;
            }
            tried = fresh;
        }
        if (tried.keys().isEmpty()) {
            throw new WebhookVerificationException(
                    Reason.NO_KEY,
                    null,
                    "webhook delivery refused: the key set holds no Ed25519 key to verify signatures with",
                    requestId,
                    null);
        }
        throw new WebhookVerificationException(
                Reason.BAD_SIGNATURE,
                SIGNATURE_HEADER,
                "webhook delivery refused: no key of the key set ("
                        + tried.keys().size() + " keys) verifies"
                        + " the signature; the body or a header was changed, or it was not sent by fal",
                requestId,
                null);
    }

    private static boolean anyVerifies(List<PublicKey> keys, byte[] message, byte[] signature) {
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(message);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (InvalidKeyException | SignatureException e) {
                // A key of another kind, or a signature that is not a curve point: not this key.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK cannot verify Ed25519 (Java 15+ can)", e);
            }
        }
        return false;
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Builds a {@link WebhookVerifier}. Not thread-safe; {@link #build()} copies the settings.
     */
    public static final class Builder {
        private String jwksUrl = JwksSource.FAL_JWKS_URL;
        private JwksSource keySource;
        private KlingClient client;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Duration jwksCacheTtl = DEFAULT_CACHE_TTL;
        private Duration refetchCooldown = DEFAULT_REFETCH_COOLDOWN;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.jwksUrl = jwksUrl;
            b.keySource = keySource;
            b.client = client;
            b.tolerance = tolerance;
            b.jwksCacheTtl = jwksCacheTtl;
            b.refetchCooldown = refetchCooldown;
            b.clock = clock;
            return b;
        }

        private JwksSource source() {
            if (keySource != null) {
                return keySource;
            }
            return client != null ? JwksSource.url(client, jwksUrl) : JwksSource.url(jwksUrl);
        }

        /**
         * Fetches the keys through this client's transport (its timeouts, proxy and logging; no key is sent)
         * instead of a shared default client.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(KlingClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Fetches fal's keys from this URL instead of {@link JwksSource#FAL_JWKS_URL} (an emulator, a
         * proxy). Replaces any {@link #keySource(JwksSource)}.
         *
         * @param jwksUrl an {@code https://} URL, or {@code http://} to a loopback host
         * @return this builder
         * @throws IllegalArgumentException when the URL is malformed or plain HTTP to a remote host
         */
        public Builder jwksUrl(String jwksUrl) {
            HttpJwksSource.checkUrl(jwksUrl); // now, where the mistake is made
            this.jwksUrl = jwksUrl;
            this.keySource = null;
            return this;
        }

        /**
         * Takes keys from this source instead of fetching fal's JWKS, e.g. {@link JwksSource#of(PublicKey...)}
         * for pinned keys. Its keys are cached like fetched ones.
         *
         * @param keySource the source
         * @return this builder
         */
        public Builder keySource(JwksSource keySource) {
            this.keySource = Objects.requireNonNull(keySource, "keySource");
            return this;
        }

        /**
         * How far the delivery's timestamp may be from now, either way. Default 300 seconds.
         *
         * @param tolerance a positive duration, counted in whole seconds
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = positive(tolerance, "tolerance");
            return this;
        }

        /**
         * How long fetched keys are used before they are fetched again. Default 24 hours, the most fal advises.
         *
         * @param jwksCacheTtl a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder jwksCacheTtl(Duration jwksCacheTtl) {
            this.jwksCacheTtl = positive(jwksCacheTtl, "jwksCacheTtl");
            return this;
        }

        /**
         * The least time between two fetches forced by signatures no cached key verifies, and between
         * retries of a failed fetch. Default 1 minute.
         *
         * @param refetchCooldown zero or a positive duration
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder refetchCooldown(Duration refetchCooldown) {
            Objects.requireNonNull(refetchCooldown, "refetchCooldown");
            if (refetchCooldown.isNegative()) {
                throw new IllegalArgumentException("refetchCooldown must not be negative, got " + refetchCooldown);
            }
            this.refetchCooldown = refetchCooldown;
            return this;
        }

        /**
         * The clock timestamps and cache ages are measured with. Default {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the verifier. No key is fetched until the first delivery.
         *
         * @return the verifier
         */
        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }

        static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
