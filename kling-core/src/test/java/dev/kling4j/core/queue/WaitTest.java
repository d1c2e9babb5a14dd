package dev.kling4j.core.queue;

import static dev.kling4j.core.testing.Routes.json;
import static dev.kling4j.core.testing.Routes.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.testing.Await;
import dev.kling4j.core.testing.FakeSleeper;
import dev.kling4j.core.testing.Routes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitTest {
    static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";
    static final String BASE = "/fal-ai/kling-video/requests/req-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final Routes routes = new Routes();
    final FakeSleeper sleeper = new FakeSleeper();
    KlingClient client;
    QueueClient queue;
    RequestRef ref;

    @BeforeEach
    void setUp() {
        server.setDispatcher(routes);
        client = build(sleeper);
        queue = client.queue();
        ref = queue.attach(ENDPOINT, "req-1");
    }

    KlingClient build(FakeSleeper s) {
        return KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(s)
                .streamSilenceTimeout(Duration.ofMillis(200))
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    RecordedRequest awaitRequest(String method, String path) {
        Await.until(Duration.ofSeconds(5), () -> !routes.requests(method, path).isEmpty());
        List<RecordedRequest> found = routes.requests(method, path);
        if (found.isEmpty()) {
            throw new AssertionError("no " + method + " " + path + " arrived; saw " + routes.requests());
        }
        return found.get(0);
    }

    /** Submits fal received, counted once every call the client started has ended. */
    int submits(KlingClient c) {
        Await.idle(c);
        return routes.requests("POST", "/" + ENDPOINT).size();
    }

    /** An SSE response that sends one event, then nothing for a long time (throttled, not closed). */
    static MockResponse silentAfter(String event) {
        return pausedAfter(event, 1, TimeUnit.SECONDS);
    }

    /** An SSE response that sends one event, then pauses before the rest of the body (a comment) and its end. */
    static MockResponse pausedAfter(String event, long pause, TimeUnit unit) {
        String first = "data: " + event + "\n\n";
        return new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body(first + ": a comment after the pause\n\n")
                .throttleBody(first.length(), pause, unit)
                .build();
    }

    @Test
    void anInterruptedBlockingWaitIsAJobCancelledNamingTheRequestAndSendsACancel() {
        routes.on("GET", BASE + "/status/stream", r -> silentAfter("{\"status\":\"IN_PROGRESS\"}"));
        routes.on("PUT", BASE + "/cancel", r -> json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> queue.await(ref, RequestOptions.defaults()))
                    .isInstanceOfSatisfying(
                            JobCancelledException.class,
                            e -> assertThat(e.requestId()).contains("req-1"))
                    .hasMessageContaining("req-1")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the interrupt flag is set again")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(awaitRequest("PUT", BASE + "/cancel")).isNotNull();
    }

    @Test
    void aWaitOnAClosedClientIsATransportErrorNamingTheRequest() {
        client.close();

        CompletableFuture<JobStatus> f = queue.awaitAsync(
                ref, RequestOptions.builder().deadline(Duration.ofMinutes(1)).build());

        assertThatThrownBy(f::join)
                .cause()
                .isExactlyInstanceOf(KlingTransportException.class)
                .hasMessage("The KlingClient was closed while waiting for request req-1; the job goes on at fal: attach"
                        + " to it by its request id with an open client")
                .hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class)
                .satisfies(e ->
                        assertThat(((KlingTransportException) e).requestId()).contains("req-1"));
    }

    @Test
    void awaitFollowsTheStatusStreamAndReportsEveryUpdate() throws Exception {
        routes.on(
                "GET",
                BASE + "/status/stream",
                r -> sse(
                        "{\"status\":\"IN_QUEUE\",\"queue_position\":2}",
                        "{\"status\":\"IN_PROGRESS\",\"logs\":[{\"message\":\"step 1\",\"level\":\"INFO\"}]}",
                        "{\"status\":\"COMPLETED\",\"metrics\":{\"inference_time\":3.5}}"));
        List<JobStatus> seen = new CopyOnWriteArrayList<>();

        JobStatus done = queue.awaitAsync(
                        ref,
                        RequestOptions.builder().logs(true).onStatus(seen::add).build())
                .get(5, TimeUnit.SECONDS);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(seen)
                .extracting(JobStatus::status)
                .containsExactly(Status.IN_QUEUE, Status.IN_PROGRESS, Status.COMPLETED);
        assertThat(seen.get(0).queuePosition()).hasValue(2);
        assertThat(seen.get(1).logs()).extracting(LogEntry::message).containsExactly("step 1");
        assertThat(routes.requests("GET", BASE + "/status")).isEmpty();
        assertThat(routes.requests().get(0).getUrl().queryParameter("logs")).isEqualTo("1");
    }

    @Test
    void aStreamThatEndsBeforeCompletionFallsBackToPollingWhichFinishesTheJob() throws Exception {
        routes.on("GET", BASE + "/status/stream", r -> sse("{\"status\":\"IN_PROGRESS\"}"));
        routes.sequence(
                "GET",
                BASE + "/status",
                json(202, "{\"status\":\"IN_PROGRESS\"}"),
                json(202, "{\"status\":\"IN_PROGRESS\"}"),
                json(200, "{\"status\":\"COMPLETED\"}"));

        JobStatus done = queue.await(ref, RequestOptions.defaults());

        assertThat(done.isTerminal()).isTrue();
        assertThat(routes.requests("GET", BASE + "/status")).hasSize(3);
        assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aStreamThatFailsFallsBackToPolling() throws Exception {
        routes.on("GET", BASE + "/status/stream", r -> json(500, "{\"detail\":\"no stream\"}"));
        routes.sequence("GET", BASE + "/status", json(200, "{\"status\":\"COMPLETED\"}"));

        assertThat(queue.awaitAsync(ref, RequestOptions.defaults())
                        .get(5, TimeUnit.SECONDS)
                        .isTerminal())
                .isTrue();
    }

    @Test
    void aSilentStreamIsAbandonedAndPollingFinishesTheJob() throws Exception {
        routes.on("GET", BASE + "/status/stream", r -> silentAfter("{\"status\":\"IN_QUEUE\"}"));
        routes.sequence("GET", BASE + "/status", json(200, "{\"status\":\"COMPLETED\"}"));

        JobStatus done = queue.awaitAsync(ref, RequestOptions.defaults()).get(5, TimeUnit.SECONDS);

        assertThat(done.isTerminal()).isTrue();
        assertThat(routes.requests("GET", BASE + "/status/stream")).hasSize(1);
        assertThat(routes.requests("GET", BASE + "/status")).hasSize(1);
    }

    @Test
    void pollingBacksOffToTheCapAndResetsWhenTheQueuePositionMoves() throws Exception {
        KlingClient polling = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(sleeper)
                .maxConcurrentStreams(0)
                .pollInterval(Duration.ofMillis(100), Duration.ofMillis(300))
                .build();
        try {
            routes.sequence(
                    "GET",
                    BASE + "/status",
                    json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":5}"),
                    json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":5}"),
                    json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":5}"),
                    json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":5}"),
                    json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":4}"),
                    json(200, "{\"status\":\"COMPLETED\"}"));

            polling.queue().await(ref, RequestOptions.defaults());

            assertThat(routes.requests("GET", BASE + "/status/stream")).isEmpty();
            assertThat(sleeper.delays()).extracting(Duration::toMillis).containsExactly(100L, 200L, 300L, 300L, 100L);
        } finally {
            polling.close();
        }
    }

    @Test
    void aCompletedStatusWithAnErrorFailsTheWaitWithTheRequestId() {
        routes.on(
                "GET",
                BASE + "/status/stream",
                r -> sse(
                        "{\"status\":\"COMPLETED\",\"error\":\"Internal error\",\"error_type\":\"runner_server_error\"}"));

        assertThatThrownBy(() -> queue.await(ref, RequestOptions.defaults()))
                .isInstanceOfSatisfying(JobFailedException.class, e -> {
                    assertThat(e.requestId()).contains("req-1");
                    assertThat(e.errorType()).contains("runner_server_error");
                    assertThat(e.getMessage()).contains("req-1").contains("Internal error");
                });
    }

    @Test
    void whenTheDeadlinePassesACancelIsSentAndTheFailureCarriesTheRequestId() throws Exception {
        FakeSleeper parked = new FakeSleeper().parkAsync();
        KlingClient c = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(parked)
                .maxConcurrentStreams(0)
                .build();
        try {
            routes.on("GET", BASE + "/status", r -> json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":9}"));
            routes.on("PUT", BASE + "/cancel", r -> json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));

            CompletableFuture<JobStatus> f = c.queue()
                    .awaitAsync(
                            ref,
                            RequestOptions.builder()
                                    .deadline(Duration.ofMillis(100))
                                    .build());

            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                        assertThat(e.requestId()).contains("req-1");
                        assertThat(e.deadline()).isEqualTo(Duration.ofMillis(100));
                        assertThat(e.getMessage()).contains("req-1").contains("cancel");
                    });
            assertThat(awaitRequest("PUT", BASE + "/cancel").getHeaders().get("Authorization"))
                    .isEqualTo("Key k");
            Await.idle(c);
            assertThat(routes.requests("PUT", BASE + "/cancel")).hasSize(1);
            assertThat(routes.requests("POST", "/" + ENDPOINT)).isEmpty();
        } finally {
            c.close();
        }
    }

    @Test
    void cancellingTheFutureSendsACancelToFal() throws Exception {
        KlingClient c = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(new FakeSleeper().parkAsync())
                .maxConcurrentStreams(0)
                .build();
        try {
            routes.on("GET", BASE + "/status", r -> json(202, "{\"status\":\"IN_PROGRESS\"}"));
            routes.on("PUT", BASE + "/cancel", r -> json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
            CompletableFuture<Void> running = new CompletableFuture<>();

            CompletableFuture<JobStatus> f = c.queue()
                    .awaitAsync(
                            ref,
                            RequestOptions.builder()
                                    .onStatus(s -> running.complete(null))
                                    .build());
            running.get(5, TimeUnit.SECONDS);
            f.cancel(true);

            assertThat(f).isCancelled();
            assertThatThrownBy(f::join)
                    .isInstanceOfSatisfying(
                            JobCancelledException.class,
                            e -> assertThat(e.requestId()).contains("req-1"));
            awaitRequest("PUT", BASE + "/cancel");
            assertThat(submits(c)).as("awaiting submits nothing").isZero();
            assertThat(routes.requests("PUT", BASE + "/cancel")).hasSize(1);
        } finally {
            c.close();
        }
    }

    @Test
    void cancellingSubscribeWhileWaitingCancelsTheJobAtFal() throws Exception {
        String u = server.url(BASE).toString();
        KlingClient c = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(new FakeSleeper().parkAsync())
                .maxConcurrentStreams(0)
                .build();
        try {
            routes.on(
                    "POST",
                    "/" + ENDPOINT,
                    r -> json(
                            200,
                            "{\"request_id\":\"req-1\",\"status_url\":\"" + u + "/status\",\"response_url\":\"" + u
                                    + "\",\"cancel_url\":\"" + u + "/cancel\"}"));
            routes.on("GET", BASE + "/status", r -> json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":3}"));
            routes.on("PUT", BASE + "/cancel", r -> json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
            CompletableFuture<Void> queued = new CompletableFuture<>();

            CompletableFuture<JobResult> f = c.queue()
                    .subscribeAsync(
                            ENDPOINT,
                            Map.of(),
                            RequestOptions.builder()
                                    .onStatus(s -> queued.complete(null))
                                    .build());
            queued.get(5, TimeUnit.SECONDS);
            f.cancel(true);

            assertThatThrownBy(f::join)
                    .isInstanceOfSatisfying(
                            JobCancelledException.class,
                            e -> assertThat(e.requestId()).contains("req-1"));
            awaitRequest("PUT", BASE + "/cancel");
            assertThat(submits(c)).isEqualTo(1);
            assertThat(routes.requests("PUT", BASE + "/cancel")).hasSize(1);
        } finally {
            c.close();
        }
    }

    @Test
    void subscribeSubmitsReportsTheRequestIdAtOnceWaitsAndFetchesTheResult() throws Exception {
        String u = server.url(BASE).toString();
        routes.on(
                "POST",
                "/" + ENDPOINT,
                r -> json(
                        200,
                        "{\"request_id\":\"req-1\",\"status_url\":\"" + u + "/status\",\"response_url\":\"" + u
                                + "\",\"cancel_url\":\"" + u + "/cancel\"}"));
        routes.on("GET", BASE + "/status/stream", r -> sse("{\"status\":\"COMPLETED\"}"));
        routes.on("GET", BASE, r -> json(200, "{\"video\":{\"url\":\"https://v3.fal.media/files/x.mp4\"}}"));
        List<String> enqueued = new CopyOnWriteArrayList<>();

        JobResult result = queue.subscribe(
                ENDPOINT,
                Map.of("prompt", "a fox"),
                RequestOptions.builder()
                        .onEnqueued(r -> enqueued.add(r.requestId()))
                        .build());

        assertThat(enqueued).containsExactly("req-1");
        assertThat(result.ref().requestId()).isEqualTo("req-1");
        assertThat(result.output().toJson()).contains("x.mp4");
        assertThat(submits(client)).isEqualTo(1);
        assertThat(routes.requests("GET", BASE)).hasSize(1);
    }

    @Test
    void invalidInputReportedAtResultTimeFailsSubscribeWithAValidationErrorCarryingTheRequestId() {
        String u = server.url(BASE).toString();
        routes.on(
                "POST",
                "/" + ENDPOINT,
                r -> json(
                        200,
                        "{\"request_id\":\"req-1\",\"status_url\":\"" + u + "/status\",\"response_url\":\"" + u
                                + "\",\"cancel_url\":\"" + u + "/cancel\"}"));
        routes.on(
                "GET", BASE + "/status/stream", r -> sse("{\"status\":\"IN_PROGRESS\"}", "{\"status\":\"COMPLETED\"}"));
        routes.on("GET", BASE, r -> json(422, "{\"detail\":[{\"loc\":[\"body\",\"duration\"],\"msg\":\"bad\"}]}"));

        assertThatThrownBy(() -> queue.subscribe(ENDPOINT, Map.of("duration", "7"), RequestOptions.defaults()))
                .isInstanceOfSatisfying(dev.kling4j.core.error.UnprocessableEntityException.class, e -> {
                    assertThat(e.requestId()).contains("req-1");
                    assertThat(e.fieldErrors()).extracting(f -> f.path()).containsExactly("duration");
                });
        assertThat(submits(client)).isEqualTo(1);
    }

    @Test
    void streamSlotsAreGivenBackWhenWaitsEnd() throws Exception {
        routes.on("GET", BASE + "/status/stream", r -> sse("{\"status\":\"COMPLETED\"}"));
        int free = ClientAccess.of(client).resources().streamPermits().availablePermits();

        for (int i = 0; i < free + 2; i++) {
            queue.await(ref, RequestOptions.defaults());
        }

        assertThat(routes.requests("GET", BASE + "/status/stream")).hasSize(free + 2);
        assertThat(routes.requests("GET", BASE + "/status")).isEmpty();
        assertThat(ClientAccess.of(client).resources().streamPermits().availablePermits())
                .isEqualTo(free);
    }

    @Test
    void aStreamThatFalEndsAfterCompletedIsReadToItsEndSoTheNextStreamReusesItsConnection() throws Exception {
        // fal's end of the stream comes just after its COMPLETED event, not in the same read
        routes.on(
                "GET",
                BASE + "/status/stream",
                r -> pausedAfter("{\"status\":\"COMPLETED\"}", 20, TimeUnit.MILLISECONDS));

        for (int i = 0; i < 5; i++) {
            queue.await(ref, RequestOptions.defaults());
            // Cancelled at COMPLETED, the connection would be torn down and never come back to the pool.
            assertThat(Await.until(
                            Duration.ofSeconds(5),
                            () -> ClientAccess.of(client)
                                            .resources()
                                            .streamPool()
                                            .idleConnectionCount()
                                    == 1))
                    .as("the stream's connection is back in the pool after wait %d", i + 1)
                    .isTrue();
        }

        assertThat(routes.requests("GET", BASE + "/status/stream"))
                .hasSize(5)
                .extracting(RecordedRequest::getConnectionIndex)
                .containsOnly(0);
    }

    @Test
    void aStreamLeftOpenAfterCompletedIsCutOffSoItsThreadIsNotHeld() throws Exception {
        routes.on("GET", BASE + "/status/stream", r -> pausedAfter("{\"status\":\"COMPLETED\"}", 1, TimeUnit.HOURS));

        assertThat(queue.await(ref, RequestOptions.defaults()).isTerminal()).isTrue();

        // cut off after the grace (here the 200 ms silence timeout), where fal would have ended it
        okhttp3.Dispatcher dispatcher =
                ClientAccess.of(client).resources().okHttp().dispatcher();
        assertThat(Await.until(Duration.ofSeconds(10), () -> dispatcher.runningCallsCount() == 0))
                .as("the stream's call ended")
                .isTrue();
    }

    @Test
    void twoHundredJobsAwaitedAtOnceUseABoundedNumberOfThreads() throws Exception {
        KlingClient c = KlingClient.builder()
                .apiKey("k")
                .queueUrl(server.url("/").toString())
                .sleeper(sleeper)
                .maxConcurrentStreams(4)
                .maxConcurrentRequests(16)
                .build();
        Map<String, Integer> polls = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger peakThreads = new java.util.concurrent.atomic.AtomicInteger();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                peakThreads.accumulateAndGet(clientThreads(), Math::max);
                String path = r.getUrl().encodedPath();
                if (path.endsWith("/stream")) {
                    return json(503, "{\"detail\":\"no streams today\"}");
                }
                int n = polls.merge(path, 1, Integer::sum);
                return n < 4
                        ? json(202, "{\"status\":\"IN_QUEUE\",\"queue_position\":" + (4 - n) + "}")
                        : json(200, "{\"status\":\"COMPLETED\"}");
            }
        });
        try {
            List<CompletableFuture<JobStatus>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(c.queue().awaitAsync(c.queue().attach(ENDPOINT, "job-" + i), RequestOptions.defaults()));
            }

            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(all).allSatisfy(f -> assertThat(f.join().isTerminal()).isTrue());
            assertThat(polls).hasSize(200);
            // 16 HTTP calls at once at most, plus the scheduler: the client's threads stay far below one per job
            assertThat(peakThreads.get()).isBetween(1, 40);
        } finally {
            c.close();
        }
    }

    /** Live threads of a kling4j client: its HTTP dispatcher's (renamed by OkHttp while busy) and its scheduler. */
    static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("kling4j") || n.startsWith("OkHttp http"))
                .count();
    }
}
