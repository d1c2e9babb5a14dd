package dev.kling4j.core.queue;

import static dev.kling4j.core.testing.Routes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.error.BadRequestException;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.PermissionDeniedException;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.testing.Await;
import dev.kling4j.core.testing.FakeSleeper;
import dev.kling4j.core.testing.Routes;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue client's submit, attach and cancel logic: every submit counted at the server, the answers fal can
 * give to each, and cancellation reaching the HTTP call and, once the job exists, fal.
 */
class QueueSubmitCancelTest {
    static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";
    static final String BASE = "/fal-ai/kling-video/requests/req-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final Routes routes = new Routes();
    final List<Call> cancelled = new CopyOnWriteArrayList<>();
    OkHttpClient ok;
    KlingClient client;
    QueueClient queue;

    @BeforeEach
    void setUp() {
        server.setDispatcher(routes);
        ok = new OkHttpClient.Builder()
                .eventListener(new EventListener() {
                    @Override
                    public void canceled(Call call) {
                        cancelled.add(call);
                    }
                })
                .build();
        client = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .okHttpClient(ok)
                .sleeper(new FakeSleeper().parkAsync())
                .maxConcurrentStreams(0)
                .build();
        queue = client.queue();
    }

    @AfterEach
    void tearDown() {
        client.close();
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    /** POSTs the server received once every call the client started has ended. */
    int submits() {
        Await.idle(client);
        return routes.requests("POST", "/" + ENDPOINT).size();
    }

    String answer() {
        String u = server.url(BASE).toString();
        return "{\"request_id\":\"req-1\",\"status_url\":\"" + u + "/status\",\"response_url\":\"" + u
                + "\",\"cancel_url\":\"" + u + "/cancel\"}";
    }

    // ---------------------------------------------------------------- submit

    @Test
    void aJsonValueInputIsSentAsItIsOnce() throws Exception {
        routes.on("POST", "/" + ENDPOINT, r -> json(200, answer()));

        queue.submit(ENDPOINT, JsonValue.parse("{\"prompt\":\"x\",\"duration\":\"5\"}"));

        assertThat(submits()).isEqualTo(1);
        assertThat(QueueClientTest.tree(routes.requests().get(0).getBody().utf8()))
                .isEqualTo(QueueClientTest.tree("{\"prompt\":\"x\",\"duration\":\"5\"}"));
    }

    @Test
    void anAcceptedSubmitWithoutARequestIdFailsKeepingTheHeadersIdAndIsNotResent() {
        routes.on(
                "POST",
                "/" + ENDPOINT,
                r -> new MockResponse.Builder()
                        .code(200)
                        .setHeader("x-fal-request-id", "req-h")
                        .body("{\"status\":\"IN_QUEUE\"}")
                        .build());

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of()))
                .isInstanceOfSatisfying(SubmitOutcomeUnknownException.class, e -> {
                    assertThat(e.requestId()).contains("req-h");
                    assertThat(e.endpointId()).isEqualTo(ENDPOINT);
                    assertThat(e).hasMessageContaining("the request req-h exists and may be billed");
                })
                .cause()
                .isInstanceOfSatisfying(UnexpectedResponseException.class, c -> {
                    assertThat(c.statusCode()).isEqualTo(200);
                    assertThat(c.body()).isEqualTo("{\"status\":\"IN_QUEUE\"}");
                    assertThat(c.requestId()).contains("req-h");
                    assertThat(c.headers()).containsKey("x-fal-request-id");
                })
                .hasMessage("fal accepted the submit to " + ENDPOINT + " but its answer has no request_id:"
                        + " {\"status\":\"IN_QUEUE\"} (request req-h)");
        assertThat(submits()).isEqualTo(1);
    }

    @Test
    void anEmptyAcceptedAnswerIsNoRequestIdEither() {
        routes.on(
                "POST",
                "/" + ENDPOINT,
                r -> new MockResponse.Builder().code(200).body(" ").build());

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of()))
                .isInstanceOfSatisfying(
                        SubmitOutcomeUnknownException.class,
                        e -> assertThat(e.requestId()).isEmpty())
                .hasMessageContaining("Do not resubmit blindly")
                .cause()
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageEndingWith("has no request_id: null");
        assertThat(submits()).isEqualTo(1);
    }

    @Test
    void aRefusedAsyncSubmitFailsWithFalsErrorAndNothingIsResent() {
        routes.on("POST", "/" + ENDPOINT, r -> json(400, "{\"detail\":\"bad input\"}"));

        assertThatThrownBy(() -> queue.submitAsync(ENDPOINT, Map.of(), RequestOptions.defaults())
                        .join())
                .hasCauseInstanceOf(BadRequestException.class);
        assertThat(submits()).isEqualTo(1);
    }

    @Test
    void anAsyncSubmitThatCannotConnectFailsWithAConnectionErrorNotAnNpe() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KlingClient dead = KlingClient.builder()
                .apiKey("k")
                .queueUrl("http://127.0.0.1:" + closedPort)
                .sleeper(new FakeSleeper())
                .retryPolicy(RetryPolicy.none())
                .build()) {
            assertThatThrownBy(() -> dead.queue()
                            .submitAsync(ENDPOINT, Map.of(), RequestOptions.defaults())
                            .join())
                    .hasCauseInstanceOf(KlingConnectionException.class);
        }
    }

    @Test
    void anInputThatCannotBeSerialisedFailsTheAsyncSubmitBeforeAnythingIsSent() {
        Object unserialisable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                throw new IllegalStateException("no");
            }
        };

        CompletableFuture<RequestRef> f = queue.submitAsync(ENDPOINT, unserialisable, RequestOptions.defaults());

        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::join)
                .cause()
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("input");
                            assertThat(p.message()).startsWith("cannot be written as JSON for " + ENDPOINT + ": ");
                            assertThat(p.fix()).contains("JsonValue");
                        }));
        assertThat(routes.requests()).isEmpty();
    }

    @Test
    void cancellingAnAsyncSubmitCancelsItsHttpCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = holdSubmitAnswers(release);

        CompletableFuture<RequestRef> f = queue.submitAsync(ENDPOINT, Map.of(), RequestOptions.defaults());
        assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
        f.cancel(true);
        release.countDown();

        assertThat(Await.until(Duration.ofSeconds(5), () -> !cancelled.isEmpty()))
                .as("the HTTP call was cancelled")
                .isTrue();
        assertThat(submits()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- subscribe

    @Test
    void aSubscribeWhoseSubmitIsRefusedFailsWithThatErrorAndWaitsForNothing() {
        routes.on("POST", "/" + ENDPOINT, r -> json(500, "{\"detail\":\"down\"}"));

        assertThatThrownBy(() -> queue.subscribe(ENDPOINT, Map.of(), RequestOptions.defaults()))
                .isInstanceOf(InternalServerException.class);
        assertThat(submits()).isEqualTo(1);
        assertThat(routes.requests()).hasSize(1);
    }

    @Test
    void aSubscribeCancelledBeforeFalAnsweredTheSubmitCancelsTheJobOnceItExists() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = holdSubmitAnswers(release);
        routes.on("PUT", BASE + "/cancel", r -> json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
        List<RequestRef> enqueued = new CopyOnWriteArrayList<>();

        CompletableFuture<JobResult> f = queue.subscribeAsync(
                ENDPOINT,
                Map.of(),
                RequestOptions.builder().onEnqueued(enqueued::add).build());
        assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
        f.cancel(true);
        release.countDown();

        assertThat(Await.until(
                        Duration.ofSeconds(5),
                        () -> !routes.requests("PUT", BASE + "/cancel").isEmpty()))
                .as("a cancel reached fal")
                .isTrue();
        assertThatThrownBy(f::join).isInstanceOf(JobCancelledException.class);
        assertThat(submits()).isEqualTo(1);
        assertThat(routes.requests("GET", BASE + "/status")).isEmpty();
        assertThat(enqueued).isEmpty();
    }

    // ---------------------------------------------------------------- attach

    @Test
    void attachNeedsAnOwnerAndAnAppAndReadsTheEndpointIdLeniently() {
        RequestRef two = queue.attach("fal-ai/kling-video", "abc");
        RequestRef slashed = queue.attach("  /fal-ai/kling-video/o3/pro/text-to-video ", "abc");
        RequestRef comfy = queue.attach("comfy/me/flow", "abc");

        assertThat(two.statusUrl())
                .isEqualTo(server.url("/fal-ai/kling-video/requests/abc/status").toString());
        assertThat(slashed.responseUrl())
                .isEqualTo(server.url("/fal-ai/kling-video/requests/abc").toString());
        assertThat(comfy.cancelUrl())
                .isEqualTo(server.url("/comfy/me/flow/requests/abc/cancel").toString());
        assertThat(two.gatewayRequestId()).isEmpty();
        for (String bad : new String[] {"fal-ai", "", "/", "fal-ai//x", "fal-ai/x?y=1", "fal-ai/x#y", "comfy/me"}) {
            assertThatThrownBy(() -> queue.attach(bad, "abc"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.isEmpty() || bad.equals("/") ? "Not an endpoint id" : bad);
        }
        assertThatThrownBy(() -> queue.attach(ENDPOINT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> queue.submit("no-slash", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(routes.requests()).isEmpty();
    }

    // ---------------------------------------------------------------- cancel

    @Test
    void cancelReadsFalsStatusOrFallsBackOnTheHttpCode() throws Exception {
        routes.sequence(
                "PUT",
                BASE + "/cancel",
                json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"),
                new MockResponse.Builder().code(200).build(),
                new MockResponse.Builder().code(400).build(),
                new MockResponse.Builder().code(404).build(),
                new MockResponse.Builder()
                        .code(404)
                        .body("{\"detail\":\"gone\"}")
                        .build(),
                new MockResponse.Builder().code(200).body("not json").build(),
                new MockResponse.Builder().code(400).body("<html>").build(),
                new MockResponse.Builder().code(404).body("<html>").build(),
                json(200, "{\"status\":7}"));
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        List<CancelResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(i % 2 == 0 ? queue.cancel(ref) : queue.cancelAsync(ref).get(5, TimeUnit.SECONDS));
        }

        assertThat(results)
                .extracting(CancelResult::status)
                .containsExactly(
                        "CANCELLATION_REQUESTED",
                        "OK",
                        "ALREADY_COMPLETED",
                        "NOT_FOUND",
                        "NOT_FOUND",
                        "OK",
                        "ALREADY_COMPLETED",
                        "NOT_FOUND",
                        "OK");
        assertThat(results)
                .extracting(CancelResult::httpStatus)
                .containsExactly(202, 200, 400, 404, 404, 200, 400, 404, 200);
        assertThat(results).extracting(CancelResult::requestId).containsOnly("req-1");
        assertThat(routes.requests("PUT", BASE + "/cancel")).hasSize(9);
    }

    @Test
    void aCancelFalRefusesOtherwiseIsAnErrorWithTheRequestId() {
        routes.on("PUT", BASE + "/cancel", r -> json(403, "{\"detail\":\"not yours\"}"));
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        assertThatThrownBy(() -> queue.cancel(ref))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        e -> assertThat(e.requestId()).contains("req-1"));
        assertThatThrownBy(() -> queue.cancelAsync(ref).join()).hasCauseInstanceOf(PermissionDeniedException.class);
        assertThat(routes.requests("PUT", BASE + "/cancel")).hasSize(2);
    }

    /** fal receives submits but answers them (accepted) only once {@code release} opens; returns when one arrived. */
    CountDownLatch holdSubmitAnswers(CountDownLatch release) {
        CountDownLatch arrived = new CountDownLatch(1);
        routes.on("POST", "/" + ENDPOINT, r -> {
            arrived.countDown();
            await(release);
            return json(200, answer());
        });
        return arrived;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
