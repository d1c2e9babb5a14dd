package dev.kling4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.error.MissingCredentialsException;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.queue.RequestRef;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class KlingClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void fromEnvReadsFalKeyAndTheBaseUrls() throws Exception {
        server.enqueue(
                new MockResponse.Builder().body("{\"status\":\"IN_QUEUE\"}").build());
        try (KlingClient client = KlingClient.fromEnv(Map.of(
                "FAL_KEY",
                "plain-key",
                "FAL_QUEUE_URL",
                server.url("/q").toString(),
                "FAL_REST_URL",
                "http://127.0.0.1:1/rest",
                "FAL_API_URL",
                "http://localhost:2/v1"))) {
            client.queue().status(client.queue().attach("fal-ai/kling-video/x", "r1"), false);

            assertThat(client.restUrl()).isEqualTo("http://127.0.0.1:1/rest");
            assertThat(client.apiUrl()).isEqualTo("http://localhost:2/v1");
            RecordedRequest r = server.takeRequest();
            assertThat(r.getUrl().encodedPath()).isEqualTo("/q/fal-ai/kling-video/requests/r1/status");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Key plain-key");
        }
    }

    @Test
    void fromEnvJoinsKeyIdAndSecret() throws Exception {
        server.enqueue(
                new MockResponse.Builder().body("{\"status\":\"IN_QUEUE\"}").build());
        try (KlingClient client = KlingClient.fromEnv(Map.of(
                "FAL_KEY_ID",
                "id-1",
                "FAL_KEY_SECRET",
                "s3cret",
                "FAL_QUEUE_URL",
                server.url("/").toString()))) {
            client.queue().status(client.queue().attach("fal-ai/kling-video/x", "r1"), false);

            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Key id-1:s3cret");
        }
    }

    @Test
    void theDefaultsAreFalsHosts() {
        try (KlingClient client = KlingClient.fromEnv(Map.of())) {
            assertThat(client.queueUrl()).isEqualTo("https://queue.fal.run");
            assertThat(client.restUrl()).isEqualTo("https://rest.fal.ai");
            assertThat(client.apiUrl()).isEqualTo("https://api.fal.ai/v1");
            assertThat(client.pollInitialInterval()).hasMillis(200);
            assertThat(client.pollMaxInterval()).hasSeconds(5);
            assertThat(client.streamSilenceTimeout()).hasSeconds(15);
        }
    }

    @Test
    void aMissingKeyFailsAtTheFirstCallNamingBothEnvironmentVariables() {
        try (KlingClient client =
                KlingClient.fromEnv(Map.of("FAL_QUEUE_URL", server.url("/").toString()))) {
            RequestRef ref = client.queue().attach("fal-ai/kling-video/x", "r1");

            assertThat(client.hasCredentials()).isFalse();
            assertThatThrownBy(() -> client.queue().status(ref, false))
                    .isInstanceOf(MissingCredentialsException.class)
                    .hasMessageContaining("FAL_KEY")
                    .hasMessageContaining("FAL_KEY_ID and FAL_KEY_SECRET");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    void plainHttpIsRefusedForNonLoopbackHostsUnlessAllowed() {
        assertThatThrownBy(() -> KlingClient.builder()
                        .queueUrl("http://queue.example.com")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowInsecureHttp");
        assertThatThrownBy(() ->
                        KlingClient.builder().restUrl("http://10.0.0.1:8080").build())
                .isInstanceOf(IllegalArgumentException.class);
        try (KlingClient allowed = KlingClient.builder()
                        .queueUrl("http://queue.example.com")
                        .allowInsecureHttp(true)
                        .build();
                KlingClient loopback = KlingClient.builder()
                        .queueUrl("http://[::1]:9000")
                        .apiUrl("http://127.0.0.2/v1")
                        .build()) {
            assertThat(allowed.queueUrl()).isEqualTo("http://queue.example.com");
            assertThat(loopback.queueUrl()).isEqualTo("http://[::1]:9000");
        }
    }

    @Test
    void theKeyNeverAppearsInToString() {
        try (KlingClient client = KlingClient.builder().apiKey("sk-top-secret").build()) {
            assertThat(client.toString()).doesNotContain("sk-top-secret").contains("****");
            assertThat(client.toBuilder().toString()).doesNotContain("sk-top-secret");
            assertThat(client.withOptions(b -> {}).toString()).doesNotContain("sk-top-secret");
        }
    }

    @Test
    void withOptionsDerivesAClientSharingTheConnectionPool() {
        try (KlingClient client = KlingClient.builder().apiKey("k").build()) {
            KlingClient derived = client.withOptions(b -> b.retryPolicy(RetryPolicy.none()));

            assertThat(derived.retryPolicy()).isEqualTo(RetryPolicy.none());
            assertThat(client.retryPolicy()).isEqualTo(RetryPolicy.defaults());
            assertThat(ClientAccess.of(derived).resources().okHttp().connectionPool())
                    .isSameAs(ClientAccess.of(client).resources().okHttp().connectionPool());
            assertThat(ClientAccess.of(derived).resources().scheduler())
                    .isSameAs(ClientAccess.of(client).resources().scheduler());
            derived.close();
            assertThat(ClientAccess.of(client).resources().scheduler().isShutdown())
                    .isFalse();
        }
    }

    @Test
    void closeReleasesTheThreadsTheClientCreated() {
        KlingClient client = KlingClient.builder().apiKey("k").build();

        client.close();

        assertThat(ClientAccess.of(client).resources().scheduler().isShutdown()).isTrue();
        assertThat(ClientAccess.of(client)
                        .resources()
                        .okHttp()
                        .dispatcher()
                        .executorService()
                        .isShutdown())
                .isTrue();
    }

    @Test
    void retryPolicyStatesItsDefaultsAndRejectsNonsense() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.maxAttempts()).isEqualTo(4);
        assertThat(p.backoff(1)).hasMillis(500);
        assertThat(p.backoff(5)).hasSeconds(8);
        assertThat(p.backoff(60)).hasSeconds(8);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
