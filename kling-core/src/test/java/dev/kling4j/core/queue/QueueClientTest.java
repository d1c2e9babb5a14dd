package dev.kling4j.core.queue;

import static dev.kling4j.core.testing.Routes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.testing.FakeSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueClientTest {
    static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";
    static final String BASE = "/fal-ai/kling-video/requests/req-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    KlingClient client;
    QueueClient queue;

    @BeforeEach
    void setUp() {
        client = KlingClient.builder()
                .apiKey("test-key")
                .queueUrl(server.url("/").toString())
                .sleeper(new FakeSleeper())
                .build();
        queue = client.queue();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** Requests the server received, counted once every call the client started has ended. */
    int sent() {
        dev.kling4j.core.testing.Await.idle(client);
        return server.getRequestCount();
    }

    static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    String submitBody() {
        String u = server.url(BASE).toString();
        return "{\"request_id\":\"req-1\",\"status\":\"IN_QUEUE\",\"queue_position\":3,\"status_url\":\"" + u
                + "/status\",\"response_url\":\"" + u + "\",\"cancel_url\":\"" + u
                + "/cancel\",\"gateway_request_id\":\"gw-9\"}";
    }

    @Test
    void submitPostsTheInputToTheEndpointWithEveryOptionAsHeaderOrQuery() throws Exception {
        server.enqueue(json(200, submitBody()));

        RequestRef ref = queue.submit(
                ENDPOINT,
                Map.of("prompt", "a fox", "duration", "5"),
                RequestOptions.builder()
                        .webhookUrl("https://example.com/hook?x=1")
                        .priority(RequestOptions.Priority.LOW)
                        .startTimeout(Duration.ofSeconds(30))
                        .runnerHint("eu")
                        .noRetry(true)
                        .mediaExpiry(Duration.ofHours(1))
                        .maxQueueLength(50)
                        .build());

        assertThat(ref.requestId()).isEqualTo("req-1");
        assertThat(ref.statusUrl()).isEqualTo(server.url(BASE + "/status").toString());
        assertThat(ref.gatewayRequestId()).contains("gw-9");
        assertThat(ref.additionalProperties()).containsKeys("status", "queue_position");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/" + ENDPOINT);
        assertThat(r.getUrl().queryParameter("fal_webhook")).isEqualTo("https://example.com/hook?x=1");
        assertThat(r.getUrl().queryParameter("fal_max_queue_length")).isEqualTo("50");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Key test-key");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().get("User-Agent")).startsWith("kling4j/");
        assertThat(r.getHeaders().get("X-Fal-Queue-Priority")).isEqualTo("low");
        assertThat(r.getHeaders().get("X-Fal-Request-Timeout")).isEqualTo("30");
        assertThat(r.getHeaders().get("X-Fal-Runner-Hint")).isEqualTo("eu");
        assertThat(r.getHeaders().get("X-Fal-No-Retry")).isEqualTo("1");
        assertThat(tree(r.getHeaders().get("X-Fal-Object-Lifecycle-Preference")))
                .isEqualTo(tree("{\"expiration_duration_seconds\":3600}"));
        assertThat(tree(r.getBody().utf8())).isEqualTo(tree("{\"prompt\":\"a fox\",\"duration\":\"5\"}"));
        assertThat(sent()).as("one submit").isEqualTo(1);
    }

    @Test
    void submitWithoutOptionsSendsNoOptionalHeaders() throws Exception {
        server.enqueue(json(200, "{\"request_id\":\"req-1\"}"));

        RequestRef ref = queue.submit(ENDPOINT, JsonValue.parse("{\"prompt\":\"x\"}"));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().query()).isNull();
        assertThat(r.getHeaders().names())
                .doesNotContain(
                        "X-Fal-Queue-Priority",
                        "X-Fal-Request-Timeout",
                        "X-Fal-No-Retry",
                        "X-Fal-Runner-Hint",
                        "X-Fal-Object-Lifecycle-Preference");
        assertThat(ref.responseUrl()).isEqualTo(server.url(BASE).toString());
        assertThat(ref.cancelUrl()).isEqualTo(server.url(BASE + "/cancel").toString());
        assertThat(tree(r.getBody().utf8())).isEqualTo(tree("{\"prompt\":\"x\"}"));
        assertThat(sent()).as("one submit").isEqualTo(1);
    }

    @Test
    void startTimeoutOfOneSecondOrLessIsRefused() {
        assertThatThrownBy(() -> RequestOptions.builder().startTimeout(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 1 second");
    }

    @Test
    void statusWithLogsReadsPositionLogsAndMetrics() throws Exception {
        server.enqueue(json(
                202,
                "{\"status\":\"IN_QUEUE\",\"queue_position\":2,\"logs\":[{\"message\":\"warming\","
                        + "\"level\":\"INFO\",\"source\":\"user\",\"timestamp\":\"2026-11-24T01:00:00.123Z\"}]}"));

        JobStatus s = queue.status(queue.attach(ENDPOINT, "req-1"), true);

        assertThat(s.status()).isEqualTo(Status.IN_QUEUE);
        assertThat(s.queuePosition()).hasValue(2);
        assertThat(s.logs()).singleElement().satisfies(l -> {
            assertThat(l.message()).isEqualTo("warming");
            assertThat(l.level()).isEqualTo(LogLevel.INFO);
            assertThat(l.source()).isEqualTo("user");
            assertThat(l.instant()).isPresent();
        });
        assertThat(s.isTerminal()).isFalse();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo(BASE + "/status");
        assertThat(r.getUrl().queryParameter("logs")).isEqualTo("1");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Key test-key");
        assertThat(sent()).as("one status read").isEqualTo(1);
    }

    @Test
    void resultReturnsTheRawJsonAndMapsToATypeOnRequest() throws Exception {
        server.enqueue(json(200, "{\"video\":{\"url\":\"https://v3.fal.media/files/a.mp4\"},\"seed\":7}"));
        server.enqueue(json(200, "{\"video\":{\"url\":\"https://v3.fal.media/files/a.mp4\"},\"seed\":7}"));
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        JsonValue out = queue.result(ref);
        Map<?, ?> asMap = queue.result(ref, Map.class);

        assertThat(out.get("video").flatMap(v -> v.get("url")).flatMap(JsonValue::asString))
                .contains("https://v3.fal.media/files/a.mp4");
        assertThat(asMap.containsKey("seed")).isTrue();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo(BASE);
        assertThat(sent()).as("two result reads").isEqualTo(2);
    }

    @Test
    void cancelSendsAPutAndReportsFalsAnswer() throws Exception {
        server.enqueue(json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
        server.enqueue(json(400, "{\"status\":\"ALREADY_COMPLETED\"}"));
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        CancelResult first = queue.cancel(ref);
        CancelResult second = queue.cancelAsync(ref).get(5, TimeUnit.SECONDS);

        assertThat(first.accepted()).isTrue();
        assertThat(second.status()).isEqualTo("ALREADY_COMPLETED");
        assertThat(second.accepted()).isFalse();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getUrl().encodedPath()).isEqualTo(BASE + "/cancel");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Key test-key");
        assertThat(server.takeRequest().getMethod()).isEqualTo("PUT");
        assertThat(sent()).as("two cancels").isEqualTo(2);
    }

    @Test
    void attachBuildsUrlsFromOwnerAndAppAndKeepsTheWorkflowsNamespace() {
        RequestRef plain = queue.attach(ENDPOINT, "abc");
        RequestRef workflow = queue.attach("workflows/me/my-flow/extra", "abc");

        assertThat(plain.statusUrl())
                .isEqualTo(server.url("/fal-ai/kling-video/requests/abc/status").toString());
        assertThat(plain.responseUrl())
                .isEqualTo(server.url("/fal-ai/kling-video/requests/abc").toString());
        assertThat(workflow.cancelUrl())
                .isEqualTo(
                        server.url("/workflows/me/my-flow/requests/abc/cancel").toString());
        assertThatThrownBy(() -> queue.attach("workflows/me", "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sent()).as("attach sends nothing").isZero();
    }

    @Test
    void submitAsyncAndStatusAsyncMirrorTheBlockingCalls() throws Exception {
        server.enqueue(json(200, submitBody()));
        server.enqueue(json(200, "{\"status\":\"COMPLETED\",\"metrics\":{\"inference_time\":41.2}}"));

        RequestRef ref = queue.submitAsync(ENDPOINT, Map.of("prompt", "x"), RequestOptions.defaults())
                .get(5, TimeUnit.SECONDS);
        JobStatus s = queue.statusAsync(ref, false).get(5, TimeUnit.SECONDS);

        assertThat(s.isTerminal()).isTrue();
        assertThat(s.isFailed()).isFalse();
        assertThat(s.metrics().get("inference_time").asNumber()).isPresent();
        assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
        assertThat(server.takeRequest().getUrl().queryParameter("logs")).isNull();
        assertThat(sent()).as("one submit, one status").isEqualTo(2);
    }

    @Test
    void statusStreamDeliversEveryEventAndCompletesOnCompleted() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body("data: {\"status\":\"IN_QUEUE\",\"queue_position\":1}\n\n"
                        + "data: {\"status\":\"IN_PROGRESS\"}\n\n"
                        + "data: {\"status\":\"COMPLETED\"}\n\n")
                .build());
        List<JobStatus> seen = new CopyOnWriteArrayList<>();

        JobStatus last = queue.statusStream(queue.attach(ENDPOINT, "req-1"), true, seen::add)
                .get(5, TimeUnit.SECONDS);

        assertThat(last.status()).isEqualTo(Status.COMPLETED);
        assertThat(seen)
                .extracting(JobStatus::status)
                .containsExactly(Status.IN_QUEUE, Status.IN_PROGRESS, Status.COMPLETED);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo(BASE + "/status/stream");
        assertThat(r.getUrl().queryParameter("logs")).isEqualTo("1");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Key test-key");
        assertThat(sent()).as("one stream").isEqualTo(1);
    }

    @Test
    void unknownStatusesAndFieldsAreKeptNotFailedOn() throws Exception {
        server.enqueue(json(
                202,
                "{\"status\":\"PAUSED_FOR_TEA\",\"queue_position\":0,\"brand_new\":{\"a\":[1,2]},"
                        + "\"logs\":[{\"message\":\"m\",\"level\":\"TRACE\",\"extra\":true}]}"));
        server.enqueue(json(200, "{\"request_id\":\"req-1\",\"future_field\":42}"));

        JobStatus s = queue.status(queue.attach(ENDPOINT, "req-1"), true);
        RequestRef ref = queue.submit(ENDPOINT, Map.of());

        assertThat(s.status().value()).isEqualTo("PAUSED_FOR_TEA");
        assertThat(s.status().isKnown()).isFalse();
        assertThat(s.isTerminal()).isFalse();
        assertThat(s.additionalProperties().get("brand_new")).isEqualTo(JsonValue.parse("{\"a\":[1,2]}"));
        assertThat(s.logs().get(0).level().value()).isEqualTo("TRACE");
        assertThat(ref.additionalProperties().get("future_field")).isEqualTo(JsonValue.of(42));
        assertThat(sent()).as("one status, one submit").isEqualTo(2);
    }

    @Test
    void aTruncatedSubmitAnswerIsAnUnknownOutcomeKeepingTheRequestIdFromTheHeader() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .setHeader("x-fal-request-id", "req-9")
                .body("{\"request_id\":\"req-9\",\"status_u")
                .build());

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of("prompt", "x")))
                .isInstanceOfSatisfying(
                        SubmitOutcomeUnknownException.class,
                        e -> assertThat(e.requestId()).contains("req-9"))
                .hasMessageContaining("req-9")
                .cause()
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.body()).isEqualTo("{\"request_id\":\"req-9\",\"status_u");
                    assertThat(e.requestId()).isEmpty();
                });
        assertThat(sent()).as("one submit, not resent").isEqualTo(1);
    }

    @Test
    void aSubmitAnsweredWithHtmlIsAnUnknownOutcomeWhoseCauseKeepsTheBody() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("<html>gateway</html>")
                .build());

        assertThatThrownBy(() -> queue.submit(ENDPOINT, Map.of("prompt", "x")))
                .isInstanceOfSatisfying(
                        SubmitOutcomeUnknownException.class,
                        e -> assertThat(e.requestId()).isEmpty())
                .hasMessageContaining("check the fal dashboard")
                .cause()
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.body()).isEqualTo("<html>gateway</html>");
                })
                .hasMessageStartingWith("fal answered 200 to POST " + server.url("/" + ENDPOINT)
                        + " with a body that is" + " not JSON (");
        assertThat(sent()).as("one submit, not resent").isEqualTo(1);
    }

    @Test
    void aResultThatIsNotJsonIsAnUnexpectedResponseNamingTheRequest() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("x-fal-request-id", "req-1")
                .body("not json")
                .build());
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        assertThatThrownBy(() -> queue.result(ref))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.requestId()).contains("req-1");
                    assertThat(e.body()).isEqualTo("not json");
                    assertThat(e.headers()).containsKey("x-fal-request-id");
                })
                .hasMessageContaining("for request req-1");
    }

    /** A type the result cannot fit: fal sends {@code video} as an object. */
    record Flat(String video) {}

    @Test
    void aResultThatDoesNotFitTheTypeAskedForNamesTheRequestAndKeepsTheOutput() {
        server.enqueue(json(200, "{\"video\":{\"url\":\"https://v3.fal.media/v.mp4\"}}"));
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        assertThatThrownBy(() -> queue.result(ref, Flat.class))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.requestId()).contains("req-1");
                    assertThat(e.body()).isEqualTo("{\"video\":{\"url\":\"https://v3.fal.media/v.mp4\"}}");
                })
                .hasMessageStartingWith("fal's result for request req-1 does not fit Flat: ")
                .hasMessageEndingWith("; compare the type with the raw output")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobResultThatDoesNotFitTheTypeAskedForNamesTheRequest() {
        JobResult result = new JobResult(
                queue.attach(ENDPOINT, "req-2"),
                JobStatus.parse("req-2", "{\"status\":\"COMPLETED\"}"),
                JsonValue.parse("{\"video\":[1]}"),
                null);

        assertThatThrownBy(() -> result.as(Flat.class))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageStartingWith("fal's result for request req-2 does not fit Flat: ");
    }

    @Test
    void aStatusThatIsNotAnObjectOrNotJsonIsAnUnexpectedResponse() {
        assertThatThrownBy(() -> JobStatus.parse("req-3", "[1,2]"))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.requestId()).contains("req-3");
                    assertThat(e.body()).isEqualTo("[1,2]");
                })
                .hasMessage("Status for request req-3 is not a JSON object: [1,2]; fal or a proxy in between sent"
                        + " something else");
        assertThatThrownBy(() -> JobStatus.parse("req-3", "{"))
                .isInstanceOfSatisfying(
                        UnexpectedResponseException.class,
                        e -> assertThat(e.body()).isEqualTo("{"))
                .hasMessageStartingWith("Unreadable status for request req-3: ")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void jsonValuesRefuseBadTextAndMisfitsAsArguments() {
        assertThatThrownBy(() -> JsonValue.parse("{"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not valid JSON: ");
        assertThatThrownBy(() -> JsonValue.parse("{\"video\":[1]}").as(Flat.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read JSON as " + Flat.class.getName() + ": ");
    }

    @Test
    void aMalformedStatusBodyIsATypedErrorCarryingTheRequestId() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("<html>gateway</html>")
                .build());
        RequestRef ref = queue.attach(ENDPOINT, "req-1");

        assertThatThrownBy(() -> queue.status(ref, false))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.requestId()).contains("req-1");
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.body()).isEqualTo("<html>gateway</html>");
                    assertThat(e.headers()).containsKey("content-type");
                })
                .hasMessageStartingWith(
                        "fal answered 200 to GET " + server.url("/fal-ai/kling-video/requests/req-1/status")
                                + " with a body that is not JSON for request req-1 (")
                .hasMessageEndingWith("): <html>gateway</html>; fal or a proxy in between sent something else")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        assertThat(sent()).as("one status read").isEqualTo(1);
    }
}
