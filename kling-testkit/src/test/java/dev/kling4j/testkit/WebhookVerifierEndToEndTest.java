package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.queue.RequestRef;
import dev.kling4j.core.webhook.JwksSource;
import dev.kling4j.core.webhook.WebhookEvent;
import dev.kling4j.core.webhook.WebhookVerificationException;
import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import dev.kling4j.core.webhook.WebhookVerifier;
import dev.kling4j.testkit.WebhookInbox.Delivery;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kling-core's WebhookVerifier on deliveries the emulator signs as fal does, submitted through the SDK. */
class WebhookVerifierEndToEndTest {
    private final FalEmulator fal = FalEmulator.start();
    private final WebhookInbox inbox = new WebhookInbox();
    private final KlingClient client = fal.newClient();

    @AfterEach
    void stop() {
        client.close();
        inbox.close();
        fal.close();
    }

    private Delivery deliveryOfANewJob() throws InterruptedException {
        RequestRef ref = client.queue()
                .submit(
                        "fal-ai/kling-video/o3/pro/text-to-video",
                        Map.of("prompt", "a fox"),
                        RequestOptions.builder().webhookUrl(inbox.url()).build());
        Delivery d = inbox.next();
        assertThat(d).as("a delivery for " + ref.requestId()).isNotNull();
        return d;
    }

    private WebhookVerifier.Builder verifier() {
        return WebhookVerifier.builder().client(client).jwksUrl(fal.jwksUrl());
    }

    private static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, List.of(value));
        }
        return copy;
    }

    @Test
    void aGenuineDeliveryVerifiesAndParses() throws Exception {
        Delivery d = deliveryOfANewJob();

        WebhookEvent event = verifier().build().verifyAndParse(d.body(), d.headers());

        assertThat(event.isOk()).isTrue();
        assertThat(event.requestId()).isEqualTo(d.header("X-Fal-Webhook-Request-Id"));
        assertThat(event.payloadJson()).get().asString().contains("video/mp4");
    }

    @Test
    void aTamperedBodyIsRejectedAsABadSignature() throws Exception {
        Delivery d = deliveryOfANewJob();
        byte[] body = d.body().clone();
        body[body.length - 2] ^= 1;

        assertThat(catchThrowableOfType(
                                WebhookVerificationException.class,
                                () -> verifier().build().verify(body, d.headers()))
                        .reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedHeaderIsRejectedAsABadSignature() throws Exception {
        Delivery d = deliveryOfANewJob();
        Map<String, List<String>> headers = with(d.headers(), "X-Fal-Webhook-User-Id", "someone-else");

        assertThat(catchThrowableOfType(
                                WebhookVerificationException.class,
                                () -> verifier().build().verify(d.body(), headers))
                        .reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aDeliveryVerifiedSixMinutesLateIsStale() throws Exception {
        Delivery d = deliveryOfANewJob();
        MovableClock late = new MovableClock(Instant.now().plus(Duration.ofMinutes(6)));

        assertThat(catchThrowableOfType(
                                WebhookVerificationException.class,
                                () -> verifier().clock(late).build().verify(d.body(), d.headers()))
                        .reason())
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void aKeySetWithoutTheSigningKeyRejectsTheDelivery() throws Exception {
        Delivery d = deliveryOfANewJob();
        JwksSource stranger = JwksSource.of(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());

        assertThat(catchThrowableOfType(
                                WebhookVerificationException.class,
                                () -> verifier().keySource(stranger).build().verify(d.body(), d.headers()))
                        .reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void eachMissingHeaderIsNamed() throws Exception {
        Delivery d = deliveryOfANewJob();
        WebhookVerifier v = verifier().build();
        for (String name : List.of(
                WebhookVerifier.REQUEST_ID_HEADER,
                WebhookVerifier.USER_ID_HEADER,
                WebhookVerifier.TIMESTAMP_HEADER,
                WebhookVerifier.SIGNATURE_HEADER)) {
            WebhookVerificationException e = catchThrowableOfType(
                    WebhookVerificationException.class, () -> v.verify(d.body(), with(d.headers(), name, null)));
            assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
            assertThat(e.header()).get().asString().isEqualToIgnoringCase(name);
        }
    }

    @Test
    void afterTheEmulatorRotatesItsKeyTheVerifierRefetchesOnceAndAccepts() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        WebhookVerifier v = verifier().clock(clock).build();
        Delivery before = deliveryOfANewJob();
        v.verify(before.body(), before.headers()); // caches the first key

        fal.webhookKeys().rotate();
        Delivery after = deliveryOfANewJob();
        clock.advance(Duration.ofMinutes(2)); // past the refetch cool-down, within tolerance

        v.verify(after.body(), after.headers());
        assertThat(fal.requests(r -> r.path().equals("/.well-known/jwks.json"))).hasSize(2);
    }
}
