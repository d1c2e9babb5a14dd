package dev.kling4j.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY = ("{\"request_id\":\"req-1\",\"gateway_request_id\":\"gw-1\",\"status\":\"OK\","
                    + "\"payload\":{\"video\":{\"url\":\"https://v3.fal.media/files/x.mp4\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    private final FalSigner fal = new FalSigner();
    private final MutableClock clock = new MutableClock(NOW);

    private WebhookVerifier verifier(JwksSource source) {
        return WebhookVerifier.builder().keySource(source).clock(clock).build();
    }

    private Map<String, List<String>> signedNow(FalSigner signer, byte[] body) {
        return signer.headers("req-1", "user-1", clock.instant(), body);
    }

    private static WebhookVerificationException rejection(
            WebhookVerifier verifier, byte[] body, Map<String, List<String>> headers) {
        return catchThrowableOfType(WebhookVerificationException.class, () -> verifier.verify(body, headers));
    }

    private static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return copy;
    }

    @Test
    void aDeliverySignedByFalPasses() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));

        assertThatCode(() -> verifier.verify(BODY, signedNow(fal, BODY))).doesNotThrowAnyException();
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> lower = new LinkedHashMap<>();
        signedNow(fal, BODY).forEach((name, values) -> lower.put(name.toLowerCase(), values));

        assertThatCode(() -> verifier.verify(BODY, lower)).doesNotThrowAnyException();
    }

    @Test
    void aLookupFunctionServesAsTheHeaders() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, String> servletLike = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signedNow(fal, BODY).forEach((name, values) -> servletLike.put(name, values.get(0)));

        WebhookEvent event = verifier.verifyAndParse(BODY, servletLike::get);

        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.isOk()).isTrue();
    }

    @Test
    void aChangedBodyIsRejectedAsABadSignature() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers = signedNow(fal, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("\"OK\"", "\"ERROR\"")
                .getBytes(StandardCharsets.UTF_8);

        WebhookVerificationException e = rejection(verifier, tampered, headers);

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.reason().httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain("ERROR").doesNotContain("v3.fal.media");
        assertThat(e.requestId()).contains("req-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Fal-Webhook-Request-Id", "X-Fal-Webhook-User-Id"})
    void aChangedIdHeaderIsRejectedAsABadSignature(String header) {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers = with(signedNow(fal, BODY), header, "someone-else");

        assertThat(rejection(verifier, BODY, headers).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aChangedTimestampWithinToleranceIsRejectedAsABadSignature() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers =
                with(signedNow(fal, BODY), "X-Fal-Webhook-Timestamp", Long.toString(NOW.getEpochSecond() - 10));

        assertThat(rejection(verifier, BODY, headers).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTimestampMoreThan300SecondsOldIsStale() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers = fal.headers("req-1", "user-1", NOW.minusSeconds(301), BODY);

        WebhookVerificationException e = rejection(verifier, BODY, headers);

        assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(e.header()).contains("X-Fal-Webhook-Timestamp");
        assertThat(e.getMessage()).contains("301 s behind");
    }

    @Test
    void aTimestampMoreThan300SecondsAheadIsStale() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers = fal.headers("req-1", "user-1", NOW.plusSeconds(301), BODY);

        WebhookVerificationException e = rejection(verifier, BODY, headers);

        assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(e.getMessage()).contains("301 s ahead");
    }

    @Test
    void timestampsExactly300SecondsAwayStillPass() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));

        assertThatCode(() -> verifier.verify(BODY, fal.headers("r", "u", NOW.minusSeconds(300), BODY)))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(BODY, fal.headers("r", "u", NOW.plusSeconds(300), BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void theToleranceIsConfigurable() {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .keySource(JwksSource.of(fal.publicKey()))
                .clock(clock)
                .tolerance(Duration.ofSeconds(30))
                .build();

        assertThat(rejection(verifier, BODY, fal.headers("r", "u", NOW.minusSeconds(31), BODY))
                        .reason())
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThatCode(() -> verifier.verify(BODY, fal.headers("r", "u", NOW.minusSeconds(30), BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void aSignatureFromAKeyNotInTheKeySetIsRejected() {
        FalSigner stranger = new FalSigner();
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));

        WebhookVerificationException e = rejection(verifier, BODY, signedNow(stranger, BODY));

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "X-Fal-Webhook-Request-Id",
                "X-Fal-Webhook-User-Id",
                "X-Fal-Webhook-Timestamp",
                "X-Fal-Webhook-Signature"
            })
    void eachMissingHeaderIsNamed(String header) {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers = new LinkedHashMap<>(signedNow(fal, BODY));
        headers.remove(header);

        WebhookVerificationException e = rejection(verifier, BODY, headers);

        assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
        assertThat(e.header()).contains(header);
        assertThat(e.getMessage()).contains(header);
    }

    @Test
    void aBlankHeaderCountsAsMissing() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));

        WebhookVerificationException e =
                rejection(verifier, BODY, with(signedNow(fal, BODY), "X-Fal-Webhook-User-Id", " "));

        assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
        assertThat(e.header()).contains("X-Fal-Webhook-User-Id");
    }

    @Test
    void aTimestampThatIsNotANumberIsMalformed() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));

        WebhookVerificationException e = rejection(
                verifier, BODY, with(signedNow(fal, BODY), "X-Fal-Webhook-Timestamp", "2026-03-01T12:00:00Z"));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
        assertThat(e.header()).contains("X-Fal-Webhook-Timestamp");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 126, 128, 130})
    void aSignatureThatIsNot64BytesOfHexIsMalformed(int length) {
        String signature = "z".repeat(length);
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));

        WebhookVerificationException e =
                rejection(verifier, BODY, with(signedNow(fal, BODY), "X-Fal-Webhook-Signature", signature));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
        assertThat(e.header()).contains("X-Fal-Webhook-Signature");
    }

    @Test
    void anUppercaseHexSignaturePasses() {
        WebhookVerifier verifier = verifier(JwksSource.of(fal.publicKey()));
        Map<String, List<String>> headers = signedNow(fal, BODY);
        headers.put(
                "X-Fal-Webhook-Signature",
                List.of(headers.get("X-Fal-Webhook-Signature").get(0).toUpperCase()));

        assertThatCode(() -> verifier.verify(BODY, headers)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyKeySetMeansNoKey() {
        WebhookVerifier verifier = verifier(JwksSource.of(List.of()));

        WebhookVerificationException e = rejection(verifier, BODY, signedNow(fal, BODY));

        assertThat(e.reason()).isEqualTo(Reason.NO_KEY);
        assertThat(e.reason().httpStatus()).isEqualTo(503);
    }

    @Test
    void aKeySourceThatFailsMeansTheKeySetIsUnavailable() {
        WebhookVerifier verifier = verifier(() -> {
            throw new IllegalStateException("connection refused");
        });

        WebhookVerificationException e = rejection(verifier, BODY, signedNow(fal, BODY));

        assertThat(e.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
        assertThat(e.reason().httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("connection refused");
        assertThat(e.requestId()).contains("req-1");
    }

    /** A key source whose keys the test changes, counting its fetches. */
    private static final class RotatingSource implements JwksSource {
        final AtomicInteger fetches = new AtomicInteger();
        volatile List<PublicKey> keys;

        RotatingSource(PublicKey... keys) {
            this.keys = List.of(keys);
        }

        @Override
        public List<PublicKey> fetch() {
            fetches.incrementAndGet();
            return new ArrayList<>(keys);
        }
    }

    @Test
    void keysAreFetchedOnceAndCached() {
        RotatingSource source = new RotatingSource(fal.publicKey());
        WebhookVerifier verifier = verifier(source);

        for (int i = 0; i < 5; i++) {
            verifier.verify(BODY, signedNow(fal, BODY));
            clock.advance(Duration.ofHours(1));
        }

        assertThat(source.fetches).hasValue(1);
    }

    @Test
    void aRotatedKeyIsFoundByOneFetchOfTheKeySet() {
        FalSigner next = new FalSigner();
        RotatingSource source = new RotatingSource(fal.publicKey());
        WebhookVerifier verifier = verifier(source);
        verifier.verify(BODY, signedNow(fal, BODY));

        source.keys = List.of(next.publicKey());
        clock.advance(Duration.ofMinutes(5));
        verifier.verify(BODY, signedNow(next, BODY));

        assertThat(source.fetches).hasValue(2);
        verifier.verify(BODY, signedNow(next, BODY));
        assertThat(source.fetches).as("the new keys are cached").hasValue(2);
    }

    @Test
    void aSignatureNoKeyVerifiesCausesOneFetchNotALoop() {
        RotatingSource source = new RotatingSource(fal.publicKey());
        WebhookVerifier verifier = verifier(source);
        verifier.verify(BODY, signedNow(fal, BODY));
        clock.advance(Duration.ofMinutes(5));
        FalSigner forger = new FalSigner();

        assertThat(rejection(verifier, BODY, signedNow(forger, BODY)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(source.fetches).hasValue(2);

        assertThat(rejection(verifier, BODY, signedNow(forger, BODY)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(source.fetches)
                .as("keys just fetched are not fetched again within the cool-down")
                .hasValue(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(rejection(verifier, BODY, signedNow(forger, BODY)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(source.fetches)
                .as("after the cool-down, one fetch per failure")
                .hasValue(3);
    }

    @Test
    void cachedKeysExpireAfter24Hours() {
        RotatingSource source = new RotatingSource(fal.publicKey());
        WebhookVerifier verifier = verifier(source);
        verifier.verify(BODY, signedNow(fal, BODY));

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        verifier.verify(BODY, signedNow(fal, BODY));
        assertThat(source.fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        verifier.verify(BODY, signedNow(fal, BODY));
        assertThat(source.fetches).hasValue(2);
    }

    @Test
    void theCacheLifetimeIsConfigurable() {
        RotatingSource source = new RotatingSource(fal.publicKey());
        WebhookVerifier verifier = WebhookVerifier.builder()
                .keySource(source)
                .clock(clock)
                .jwksCacheTtl(Duration.ofHours(1))
                .build();
        verifier.verify(BODY, signedNow(fal, BODY));

        clock.advance(Duration.ofHours(1));
        verifier.verify(BODY, signedNow(fal, BODY));

        assertThat(source.fetches).hasValue(2);
    }

    @Test
    void aFailedFetchIsNotRetriedWithinTheCoolDown() {
        AtomicInteger fetches = new AtomicInteger();
        WebhookVerifier verifier = verifier(() -> {
            fetches.incrementAndGet();
            throw new IllegalStateException("HTTP 502");
        });

        rejection(verifier, BODY, signedNow(fal, BODY));
        WebhookVerificationException second = rejection(verifier, BODY, signedNow(fal, BODY));

        assertThat(second.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofMinutes(1));
        rejection(verifier, BODY, signedNow(fal, BODY));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aDerivedVerifierKeepsTheOtherSettings() {
        WebhookVerifier strict = verifier(JwksSource.of(fal.publicKey())).toBuilder()
                .tolerance(Duration.ofSeconds(5))
                .build();

        assertThat(rejection(strict, BODY, fal.headers("r", "u", NOW.minusSeconds(6), BODY))
                        .reason())
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThatCode(() -> strict.verify(BODY, fal.headers("r", "u", NOW, BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void concurrentDeliveriesShareOneFetch() throws Exception {
        RotatingSource source = new RotatingSource(fal.publicKey());
        WebhookVerifier verifier = verifier(source);
        Map<String, List<String>> headers = signedNow(fal, BODY);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger passed = new AtomicInteger();
        for (int i = 0; i < 16; i++) {
            threads.add(new Thread(() -> {
                try {
                    go.await();
                    verifier.verify(BODY, headers);
                    passed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(passed).hasValue(16);
        assertThat(source.fetches).hasValue(1);
    }
}
