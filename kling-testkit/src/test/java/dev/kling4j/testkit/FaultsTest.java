package dev.kling4j.testkit;

import static dev.kling4j.testkit.Wire.I2V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final String INPUT = "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}";
    private final FalEmulator fal = FalEmulator.start();

    @AfterEach
    void close() {
        fal.close();
    }

    @Test
    void aStatusFaultAnswersOnceWithRetryAfterAndWithoutRequestIdThenServiceResumes() {
        fal.faults().next(Fault.status(503).retryAfter(2).withRequestId(false).on("POST", "/fal-ai/"));
        HttpResponse<String> refused = Wire.post(fal.queueUrl() + "/" + I2V, INPUT);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("2");
        assertThat(refused.headers().firstValue("x-fal-request-id")).isEmpty();
        assertThat(Wire.json(refused).get("error_type").asText()).isEqualTo("runner_scheduling_failure");
        assertThat(fal.jobsCreated()).isZero();

        assertThat(Wire.post(fal.queueUrl() + "/" + I2V, INPUT).statusCode()).isEqualTo(200);
        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(fal.faults().pending()).isZero();
    }

    @Test
    void aStatusFaultCarriesARequestIdByDefaultAndCanRepeat() {
        fal.faults().next(Fault.status(502).times(2).error("runner_incomplete_response", "cut short"));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = Wire.get(fal.queueUrl() + "/fal-ai/kling-video/requests/x/status");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.headers().firstValue("x-fal-request-id")).isPresent();
            assertThat(Wire.json(r).get("detail").asText()).isEqualTo("cut short");
        }
        assertThat(Wire.get(fal.queueUrl() + "/fal-ai/kling-video/requests/x/status")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aConnectionDroppedBeforeTheBodyIsReadCreatesNoJob() {
        fal.faults().next(Fault.dropBeforeRead().on("POST", "/"));
        assertThatThrownBy(() -> Wire.post(fal.queueUrl() + "/" + I2V, INPUT)).hasCauseInstanceOf(IOException.class);
        assertThat(fal.jobsCreated()).isZero();
        assertThat(fal.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyRead()).isFalse());
    }

    @Test
    void aConnectionDroppedAfterTheRequestWasReadStillCreatesTheJob() {
        fal.faults().next(Fault.dropAfterRead().on("POST", "/"));
        assertThatThrownBy(() -> Wire.post(fal.queueUrl() + "/" + I2V, INPUT)).hasCauseInstanceOf(IOException.class);
        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(fal.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyUtf8()).isEqualTo(INPUT));
    }

    @Test
    void aSlowBodyArrivesWholeInManySmallWrites() {
        fal.faults().next(Fault.slowBody(16, Duration.ofMillis(1)).on("POST", "/"));
        HttpResponse<String> r = Wire.post(fal.queueUrl() + "/" + I2V, INPUT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Wire.json(r).get("status").asText()).isEqualTo("IN_QUEUE");
    }

    @Test
    void aDroppedStatusStreamClosesBeforeCompleted() throws Exception {
        fal.script().nextJob().sseDropAfter(1).holdInQueue();
        JsonNode submitted = Wire.submit(fal, I2V, INPUT);
        CompletableFuture<HttpResponse<InputStream>> stream = Wire.HTTP.sendAsync(
                Wire.request(submitted.get("status_url").asText() + "/stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(10))).isTrue();
        fal.release(submitted.get("request_id").asText());
        List<JsonNode> events = Wire.events(stream.get(10, TimeUnit.SECONDS).body());
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.get("status").asText()).isEqualTo("IN_QUEUE"));
        assertThat(fal.awaitCompleted(submitted.get("request_id").asText(), Duration.ofSeconds(10)))
                .isTrue();
    }

    @Test
    void aSilentStatusStreamStaysOpenWithoutEventsWhileTheJobCompletes() throws Exception {
        fal.script().nextJob().sseSilentAfter(1).holdInQueue();
        JsonNode submitted = Wire.submit(fal, I2V, INPUT);
        CompletableFuture<HttpResponse<InputStream>> stream = Wire.HTTP.sendAsync(
                Wire.request(submitted.get("status_url").asText() + "/stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(10))).isTrue();
        fal.release(submitted.get("request_id").asText());
        assertThat(fal.awaitCompleted(submitted.get("request_id").asText(), Duration.ofSeconds(10)))
                .isTrue();
        assertThat(Wire.json(Wire.get(submitted.get("status_url").asText()))
                        .get("status")
                        .asText())
                .isEqualTo("COMPLETED");

        assertThat(fal.openStatusStreams()).isEqualTo(1);
        fal.close(); // only now does the silent stream end
        List<JsonNode> events = Wire.events(stream.get(10, TimeUnit.SECONDS).body());
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.get("status").asText()).isEqualTo("IN_QUEUE"));
    }

    @Test
    void everyRequestIsRecordedWithItsKeyRedacted() {
        Wire.post(fal.queueUrl() + "/" + I2V + "?fal_webhook=" + "http%3A%2F%2F127.0.0.1%3A9%2Fhook", INPUT);
        RecordedRequest r = fal.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/" + I2V);
        assertThat(r.queryParameter("fal_webhook")).contains("http://127.0.0.1:9/hook");
        assertThat(r.header("authorization")).contains("Key ***");
        assertThat(r.header("Content-Type")).contains("application/json");
        assertThat(r.bodyUtf8()).isEqualTo(INPUT);
        assertThat(r.bodySize()).isEqualTo(INPUT.length());
        assertThat(r.toString()).doesNotContain("test-key");
        fal.reset();
        assertThat(fal.requests()).isEmpty();
    }

    @Test
    void aWebhookOffLoopbackIsRefused() {
        HttpResponse<String> r =
                Wire.post(fal.queueUrl() + "/" + I2V + "?fal_webhook=https%3A%2F%2Fexample.com%2Fh", INPUT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).get("detail").asText()).contains("loopback");
        assertThat(fal.jobsCreated()).isZero();
    }
}
