package dev.kling4j.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJwksSourceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY =
            "{\"request_id\":\"req-1\",\"status\":\"OK\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

    private final MockWebServer server = new MockWebServer();
    private final FalSigner fal = new FalSigner();
    private String jwksUrl;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        jwksUrl = "http://127.0.0.1:" + server.getPort() + "/.well-known/jwks.json";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theVerifierFetchesTheKeySetFromTheJwksUrl() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(fal.jwks()).build());
        WebhookVerifier verifier = WebhookVerifier.builder()
                .jwksUrl(jwksUrl)
                .clock(new MutableClock(NOW))
                .build();

        WebhookEvent event = verifier.verifyAndParse(BODY, fal.headers("req-1", "user-1", NOW, BODY));

        assertThat(event.requestId()).isEqualTo("req-1");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/.well-known/jwks.json");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void anErrorStatusMakesTheKeySetUnavailable() {
        server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
        WebhookVerifier verifier = WebhookVerifier.builder()
                .jwksUrl(jwksUrl)
                .clock(new MutableClock(NOW))
                .build();

        WebhookVerificationException e = catchThrowableOfType(
                WebhookVerificationException.class,
                () -> verifier.verify(BODY, fal.headers("req-1", "user-1", NOW, BODY)));

        assertThat(e.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 502");
    }

    @Test
    void aKeySetThatIsNotJsonMakesItUnavailable() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("<html>maintenance</html>")
                .build());
        WebhookVerifier verifier = WebhookVerifier.builder()
                .jwksUrl(jwksUrl)
                .clock(new MutableClock(NOW))
                .build();

        WebhookVerificationException e = catchThrowableOfType(
                WebhookVerificationException.class,
                () -> verifier.verify(BODY, fal.headers("req-1", "user-1", NOW, BODY)));

        assertThat(e.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
        assertThat(e.getMessage()).contains("not JSON");
    }
}
