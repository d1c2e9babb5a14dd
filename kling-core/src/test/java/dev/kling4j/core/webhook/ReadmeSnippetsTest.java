package dev.kling4j.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The webhook snippets of README.md, compiled and run. */
class ReadmeSnippetsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final FalSigner fal = new FalSigner();
    private final Map<String, String> results = new ConcurrentHashMap<>();

    /** Stands in for a model's result type. */
    record VideoResult(Video video) {
        record Video(String url) {}
    }

    // --- snippet: receiver ---
    private final WebhookVerifier verifier;
    private final DeliveryDeduplicator dedup = DeliveryDeduplicator.create();

    /** Answers one delivery; returns the HTTP status to send back to fal. */
    int onDelivery(byte[] body, Map<String, List<String>> headers) {
        WebhookEvent event;
        try {
            event = verifier.verifyAndParse(body, headers);
        } catch (WebhookVerificationException e) {
            // e.reason() says why; 503 (keys unavailable) makes fal deliver again later
            return e.reason().httpStatus();
        }
        DeliveryDeduplicator.Outcome outcome = dedup.handleOnce(event, e -> {
            if (e.isOk()) {
                VideoResult result = e.payload(VideoResult.class);
                results.put(e.requestId(), result.video().url());
            } else {
                results.put(e.requestId(), "failed: " + e.error().orElse("unknown error"));
            }
        });
        return outcome == DeliveryDeduplicator.Outcome.IN_PROGRESS ? 503 : 200;
    }
    // --- end snippet ---

    ReadmeSnippetsTest() {
        verifier = WebhookVerifier.builder()
                .keySource(JwksSource.of(fal.publicKey()))
                .clock(new MutableClock(NOW))
                .build();
    }

    @Test
    void theReceiverStoresEachResultOnceAndRefusesForgeries() {
        byte[] body =
                "{\"request_id\":\"req-1\",\"status\":\"OK\",\"payload\":{\"video\":{\"url\":\"https://x/v.mp4\"}}}"
                        .getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = fal.headers("req-1", "user-1", NOW, body);

        assertThat(onDelivery(body, headers)).isEqualTo(200);
        assertThat(onDelivery(body, headers)).isEqualTo(200);
        assertThat(results).containsExactly(Map.entry("req-1", "https://x/v.mp4"));

        assertThat(onDelivery(body, new FalSigner().headers("req-1", "user-1", NOW, body)))
                .isEqualTo(401);
        assertThat(onDelivery(body, Map.of())).isEqualTo(400);
    }

    @Test
    void configurationSnippetBuilds() {
        // --- snippet: configuration ---
        WebhookVerifier custom = WebhookVerifier.builder()
                .jwksUrl("https://rest.alpha.fal.ai/.well-known/jwks.json") // the default
                .tolerance(Duration.ofSeconds(300)) // the default
                .jwksCacheTtl(Duration.ofHours(24)) // the default
                .refetchCooldown(Duration.ofMinutes(1)) // the default
                .build();
        // --- end snippet ---
        String pinnedJwks = fal.jwks();
        // --- snippet: pinned ---
        WebhookVerifier pinned = WebhookVerifier.builder()
                .keySource(JwksSource.fromJson(pinnedJwks)) // {"keys":[{"kty":"OKP","crv":"Ed25519","x":"..."}]}
                .build();
        // --- end snippet ---
        assertThat(custom).isNotNull();
        assertThat(pinned).isNotNull();
    }
}
