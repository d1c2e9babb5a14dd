package dev.kling4j.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.RequestRef;
import dev.kling4j.core.testing.FakeSleeper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Servers close keep-alive connections that stay idle (the JDK's server behind the emulator after 30 s, fal's
 * front after its own timeout), and the client only learns it when it reads from one. A long upload leaves
 * several connections in the pool; a wait of more than that timeout leaves them all closed by the server. A
 * read sent next must go out on a fresh connection, not fail once per stale connection until the retry
 * policy runs out ("unexpected end of stream … after 4 attempt(s)", seen after a multipart upload and a 42 s
 * wait).
 */
class StaleConnectionTest {
    static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";
    /** As many connections as OkHttp's default pool keeps idle: more than the default policy's 4 attempts. */
    static final int CONNECTIONS = 5;

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeSleeper sleeper = new FakeSleeper();

    /** Fills the pool with connections the server has closed since, as a long idle wait would. */
    void leaveOnlyStaleConnectionsInThePool(KlingClient client, RequestRef ref) throws Exception {
        CountDownLatch allArrived = new CountDownLatch(CONNECTIONS);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getUrl().encodedPath().endsWith("/status")) {
                    // Held until every call is in flight, so that each has a connection of its own.
                    allArrived.countDown();
                    allArrived.await(10, TimeUnit.SECONDS);
                    return new MockResponse.Builder()
                            .setHeader("Content-Type", "application/json")
                            .body("{\"status\":\"COMPLETED\"}")
                            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                            .build();
                }
                return new MockResponse.Builder()
                        .setHeader("Content-Type", "application/json")
                        .body("{\"video\":{\"url\":\"https://v3.fal.media/files/fox.mp4\"}}")
                        .build();
            }
        });
        List<CompletableFuture<JobStatus>> calls = IntStream.range(0, CONNECTIONS)
                .mapToObj(i -> client.queue().statusAsync(ref, false))
                .toList();
        for (CompletableFuture<JobStatus> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(server.getRequestCount()).isEqualTo(CONNECTIONS);
    }

    @Test
    void aReadAfterTheServerClosedEveryPooledConnectionGoesOutOnAFreshOne() throws Exception {
        try (KlingClient client = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(sleeper)
                .build()) {
            RequestRef ref = client.queue().attach(ENDPOINT, "req-1");
            leaveOnlyStaleConnectionsInThePool(client, ref);

            JsonValue result = client.queue().result(ref);

            assertThat(result.get("video").flatMap(v -> v.get("url")).flatMap(JsonValue::asString))
                    .contains("https://v3.fal.media/files/fox.mp4");
            assertThat(sleeper.delays()).as("no retry of ours was needed").isEmpty();
        }
    }

    @Test
    void theSameHoldsForAnAsynchronousRead() throws Exception {
        try (KlingClient client = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(sleeper)
                .build()) {
            RequestRef ref = client.queue().attach(ENDPOINT, "req-1");
            leaveOnlyStaleConnectionsInThePool(client, ref);

            JsonValue result = client.queue().resultAsync(ref).get(10, TimeUnit.SECONDS);

            assertThat(result.get("video").flatMap(v -> v.get("url")).flatMap(JsonValue::asString))
                    .contains("https://v3.fal.media/files/fox.mp4");
        }
    }

    @Test
    void aSubmitOnAStaleConnectionIsNeverResentByOkHttp() throws Exception {
        try (KlingClient client = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(sleeper)
                .build()) {
            RequestRef ref = client.queue().attach(ENDPOINT, "req-1");
            leaveOnlyStaleConnectionsInThePool(client, ref);

            // Idle for less than OkHttp's extensive-check threshold, the POST goes out on a stale connection.
            // The client cannot know the server did not read it: an unknown outcome, never a silent resend.
            assertThatThrownBy(() -> client.queue().submit(ENDPOINT, Map.of("prompt", "a fox")))
                    .isInstanceOf(SubmitOutcomeUnknownException.class);
            assertThat(server.getRequestCount()).isEqualTo(CONNECTIONS);
        }
    }
}
