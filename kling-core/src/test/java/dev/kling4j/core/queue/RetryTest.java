package dev.kling4j.core.queue;

import static dev.kling4j.core.testing.Routes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.RateLimitException;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.testing.FakeSleeper;
import dev.kling4j.core.testing.LeakCounter;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeSleeper sleeper = new FakeSleeper();
    final LeakCounter leaks = new LeakCounter();
    OkHttpClient ok;
    KlingClient client;
    QueueClient queue;
    RequestRef ref;

    @BeforeEach
    void setUp() {
        ok = new OkHttpClient.Builder().addInterceptor(leaks).build();
        client = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .okHttpClient(ok)
                .readTimeout(Duration.ofMillis(300))
                .sleeper(sleeper)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        queue = client.queue();
        ref = queue.attach(ENDPOINT, "req-1");
    }

    @AfterEach
    void tearDown() {
        client.close();
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder()
                .code(code)
                .body("{\"detail\":\"busy\"}")
                .build();
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "7")
                .build());
        server.enqueue(json(200, "{\"status\":\"IN_PROGRESS\"}"));

        JobStatus s = queue.status(ref, false);

        assertThat(s.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAgainstTheClock() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "Tue, 24 Nov 2026 10:00:12 GMT")
                .build());
        server.enqueue(json(200, "{\"status\":\"IN_PROGRESS\"}"));

        queue.status(ref, false);

        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(12));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterLongerThanTheMaximumEndsTheRetries() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "3600")
                .build());

        assertThatThrownBy(() -> queue.status(ref, false)).isInstanceOf(RateLimitException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** Through a real client, so with the real jitter: its bounds only (RetryTransportTest injects it, exactly). */
    @Test
    void backoffIsExponentialWithJitterAndStopsAtMaxAttempts() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(502));
        }

        assertThatThrownBy(() -> queue.result(ref)).isInstanceOf(InternalServerException.class);

        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(sleeper.delays()).hasSize(3);
        assertThat(sleeper.delays().get(0).toMillis()).isBetween(375L, 625L);
        assertThat(sleeper.delays().get(1).toMillis()).isBetween(750L, 1250L);
        assertThat(sleeper.delays().get(2).toMillis()).isBetween(1500L, 2500L);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void noResponseIsLeftOpenAfterRetriesSyncOrAsync() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(500));
        server.enqueue(json(200, "{\"status\":\"IN_QUEUE\"}"));
        server.enqueue(status(504));
        server.enqueue(json(200, "{\"status\":\"IN_QUEUE\"}"));

        queue.status(ref, false);
        queue.statusAsync(ref, false).get(5, TimeUnit.SECONDS);

        assertThat(leaks.opened()).isEqualTo(5);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void submitIsNotResentAfterAReadTimeout() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of("prompt", "x")))
                .isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("may exist")
                .hasMessageContaining("Do not resubmit blindly")
                .hasMessageContaining(ENDPOINT);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void submitIsResentWhenTheIngressRefusedItWithoutARequestId() {
        server.enqueue(status(503));
        server.enqueue(json(200, "{\"request_id\":\"req-1\"}"));

        RequestRef r = queue.submit(ENDPOINT, Map.of("prompt", "x"));

        assertThat(r.requestId()).isEqualTo("req-1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.delays()).as("the resend came after a backoff").hasSize(1);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void submitIsNotResentWhenA503CarriesARequestId() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("x-fal-request-id", "req-x")
                .build());

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of("prompt", "x")))
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("req-x");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void submitIsNotResentAfterA500() {
        server.enqueue(status(500));

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of())).isInstanceOf(InternalServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void submitIsResentOn429() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("x-fal-request-id", "r")
                .build());
        server.enqueue(json(200, "{\"request_id\":\"req-1\"}"));

        queue.submit(ENDPOINT, Map.of());

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.delays()).as("the resend came after a backoff").hasSize(1);
    }

    @Test
    void aResponseMarkedNotRetryableByFalIsNotRetried() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("X-Fal-Retryable", "false")
                .build());

        assertThatThrownBy(() -> queue.status(ref, false)).isInstanceOf(InternalServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void asyncCallsRetryThroughTheSleeperWithoutBlocking() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "2")
                .build());
        server.enqueue(status(502));
        server.enqueue(json(200, "{\"video\":1}"));

        assertThat(queue.resultAsync(ref).get(5, TimeUnit.SECONDS).toJson()).isEqualTo("{\"video\":1}");
        assertThat(sleeper.delays()).hasSize(2).first().isEqualTo(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void a504UserStartTimeoutIsNeverRetried() {
        server.enqueue(new MockResponse.Builder()
                .code(504)
                .setHeader("X-Fal-Request-Timeout-Type", "user")
                .body("{\"detail\":\"start timeout\",\"error_type\":\"startup_timeout\"}")
                .build());

        assertThatThrownBy(() -> queue.status(ref, false)).isInstanceOf(InternalServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSubmitWhoseConnectionWasRefusedIsRetriedThenReportedAsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        KlingClient dead = KlingClient.builder()
                .apiKey("k")
                .queueUrl("http://127.0.0.1:" + closedPort)
                .sleeper(sleeper)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
                .build();
        try {
            assertThatThrownBy(() -> dead.queue().submit(ENDPOINT, Map.of()))
                    .isInstanceOf(KlingConnectionException.class)
                    .hasMessageContaining("after 3 attempt");
            assertThat(sleeper.delays()).hasSize(2);
        } finally {
            dead.close();
        }
    }
}
