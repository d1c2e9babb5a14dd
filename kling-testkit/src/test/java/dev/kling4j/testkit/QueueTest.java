package dev.kling4j.testkit;

import static dev.kling4j.testkit.Wire.I2V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueTest {
    private final FalEmulator fal = FalEmulator.start();

    @AfterEach
    void close() {
        fal.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fal-ai/kling-video/o3/standard/image-to-video | {\"image_url\":\"https://x.test/a.png\",\"prompt\":\"a cat\",\"duration\":\"7\"} | 7000 | 1280 | 720",
                "fal-ai/kling-video/o3/pro/text-to-video | {\"prompt\":\"a cat\",\"aspect_ratio\":\"9:16\",\"duration\":\"10\"} | 10000 | 1080 | 1920",
                "fal-ai/kling-video/o3/4k/reference-to-video | {\"prompt\":\"@Element1 walks\",\"aspect_ratio\":\"1:1\",\"elements\":[{\"frontal_image_url\":\"https://x.test/f.png\"}]} | 5000 | 2160 | 2160",
                "fal-ai/kling-video/o3/pro/video-to-video/edit | {\"prompt\":\"make @Video1 snowy\",\"video_url\":\"https://x.test/v.mp4\"} | 5000 | 1920 | 1080",
                "fal-ai/kling-video/o3/standard/video-to-video/reference | {\"prompt\":\"based on @Video1\",\"video_url\":\"https://x.test/v.mp4\",\"duration\":\"3\"} | 3000 | 1280 | 720",
            })
    void aValidJobRunsToAnMp4OfTheRequestedDurationAndTierSize(
            String endpoint, String input, long millis, int w, int h) {
        JsonNode submitted = Wire.submit(fal, endpoint, input);
        assertThat(submitted.get("status").asText()).isEqualTo("IN_QUEUE");
        assertThat(submitted.get("queue_position").asInt()).isZero();
        String base = fal.queueUrl() + "/fal-ai/kling-video/requests/"
                + submitted.get("request_id").asText();
        assertThat(submitted.get("response_url").asText()).isEqualTo(base);
        assertThat(submitted.get("status_url").asText()).isEqualTo(base + "/status");
        assertThat(submitted.get("cancel_url").asText()).isEqualTo(base + "/cancel");

        JsonNode last = Wire.awaitCompleted(submitted);
        assertThat(last.get("metrics").has("inference_time")).isTrue();
        assertThat(last.has("error")).isFalse();

        HttpResponse<String> result = Wire.get(submitted.get("response_url").asText());
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.headers().firstValue("x-fal-request-id"))
                .contains(submitted.get("request_id").asText());
        JsonNode video = Wire.json(result).get("video");
        assertThat(video.get("content_type").asText()).isEqualTo("video/mp4");
        assertThat(video.get("file_name").asText()).isEqualTo("output.mp4");

        HttpResponse<byte[]> mp4 = Wire.getBytes(video.get("url").asText(), null);
        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(mp4.body().length).isEqualTo(video.get("file_size").asInt());
        assertThat(Wire.mp4Header(mp4.body())).containsExactly(millis, w, h);
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }

    @Test
    void statusAnswers202WhileWaitingAnd200WhenDone() {
        fal.script().nextJob().holdInQueue().queuePositions(2);
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        assertThat(submitted.get("queue_position").asInt()).isEqualTo(1);

        HttpResponse<String> waiting = Wire.get(submitted.get("status_url").asText());
        assertThat(waiting.statusCode()).isEqualTo(202);
        assertThat(Wire.json(waiting).get("status").asText()).isEqualTo("IN_QUEUE");
        assertThat(Wire.json(waiting).get("queue_position").asInt()).isEqualTo(1);
        assertThat(Wire.json(waiting).get("logs").isNull()).isTrue();
        HttpResponse<String> early = Wire.get(submitted.get("response_url").asText());
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(Wire.json(early).get("detail").asText()).contains("in progress");

        fal.release(submitted.get("request_id").asText());
        Wire.awaitCompleted(submitted);
        HttpResponse<String> done = Wire.get(submitted.get("status_url").asText() + "?logs=1");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(Wire.json(done).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(Wire.json(done).get("logs").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theResultSaysWhatWasBilledInTheBillableUnitsHeaderUnlessScriptedNotTo() {
        JsonNode billed =
                Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\",\"duration\":\"7\"}");
        Wire.awaitCompleted(billed);
        fal.script().nextJob().withoutBillableUnits();
        JsonNode silent = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        Wire.awaitCompleted(silent);

        assertThat(Wire.get(billed.get("response_url").asText()).headers().firstValue("x-fal-billable-units"))
                .contains("7");
        HttpResponse<String> unbilled = Wire.get(silent.get("response_url").asText());
        assertThat(unbilled.statusCode()).isEqualTo(200);
        assertThat(unbilled.headers().firstValue("x-fal-billable-units")).isEmpty();
    }

    @Test
    void theCompletionReadingIsTakenWhenTheJobCompletesAndNotBefore() {
        fal.script().nextJob().holdInQueue();
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        String id = submitted.get("request_id").asText();
        assertThat(fal.completedNanoTime(id)).isEmpty();

        long released = System.nanoTime();
        fal.release(id);
        Wire.awaitCompleted(submitted);
        long seen = System.nanoTime();

        assertThat(fal.completedNanoTime(id)).isPresent();
        assertThat(fal.completedNanoTime(id).getAsLong()).isBetween(released, seen);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> fal.completedNanoTime("no-such-request"))
                .withMessageContaining("no-such-request");
    }

    @Test
    void theStatusStreamSendsPositionsThenProgressWithLogsThenCompletedAndCloses() throws Exception {
        fal.script()
                .forEndpoint(I2V)
                .queuePositions(3)
                .queueTime(Duration.ofMillis(30))
                .holdInQueue();
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        CompletableFuture<HttpResponse<InputStream>> stream = Wire.HTTP.sendAsync(
                Wire.request(submitted.get("status_url").asText() + "/stream?logs=1")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(10))).isTrue();
        fal.release(submitted.get("request_id").asText());
        List<JsonNode> events = Wire.events(stream.get(10, TimeUnit.SECONDS).body());

        List<String> trail = events.stream()
                .map(e -> e.get("status").asText()
                        + (e.has("queue_position") ? e.get("queue_position").asInt() : ""))
                .distinct()
                .collect(Collectors.toList());
        assertThat(trail).containsExactly("IN_QUEUE2", "IN_QUEUE1", "IN_QUEUE0", "IN_PROGRESS", "COMPLETED");
        JsonNode progress = events.stream()
                .filter(e -> e.get("status").asText().equals("IN_PROGRESS"))
                .findFirst()
                .get();
        assertThat(progress.get("logs").get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(events.get(events.size() - 1)
                        .get("metrics")
                        .get("inference_time")
                        .isNumber())
                .isTrue();
        assertThat(fal.openStatusStreams()).isZero();
    }

    @Test
    void withoutLogsOneTheStreamSendsNullLogs() {
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        HttpResponse<String> r =
                Wire.send(Wire.request(submitted.get("status_url").asText() + "/stream")
                        .GET()
                        .build());
        assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<JsonNode> events = Wire.events(
                new java.io.ByteArrayInputStream(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("logs").isNull()).isTrue());
        assertThat(events.get(events.size() - 1).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aMalformedTargetUrlIsABadRequest() {
        HttpResponse<String> r = Wire.send(Wire.request(fal.queueUrl() + "/x")
                .header("X-Fal-Target-Url", "::not a url")
                .GET()
                .build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).get("detail").asText()).contains("X-Fal-Target-Url");
    }

    @Test
    void invalidInputCompletesThenAnswers422WithAFieldByFieldDetailList() {
        JsonNode submitted = Wire.submit(
                fal, I2V, "{\"prompt\":\"p\",\"duration\":5,\"aspect_ratio\":\"16:9\",\"shot_type\":\"wild\"}");
        JsonNode last = Wire.awaitCompleted(submitted);
        assertThat(last.has("error")).isFalse();

        HttpResponse<String> result = Wire.get(submitted.get("response_url").asText());
        assertThat(result.statusCode()).isEqualTo(422);
        JsonNode detail = Wire.json(result).get("detail");
        assertThat(detail.findValues("loc").stream().map(l -> l.get(1).asText()))
                .containsExactlyInAnyOrder("aspect_ratio", "image_url", "duration", "shot_type");
        JsonNode extra = find(detail, "aspect_ratio");
        assertThat(extra.get("type").asText()).isEqualTo("extra_forbidden");
        assertThat(extra.get("msg").asText()).contains("takes its aspect ratio from the start image");
        assertThat(find(detail, "image_url").get("type").asText()).isEqualTo("missing");
        assertThat(find(detail, "duration").get("msg").asText()).contains("'3'", "'15'");
        assertThat(find(detail, "shot_type").get("msg").asText()).contains("'customize'", "'intelligent'");
    }

    @Test
    void countsAndPromptRulesComeFromTheCatalog() {
        String el = "{\"frontal_image_url\":\"https://x.test/f.png\",\"video_url\":\"https://x.test/v.mp4\"}";
        JsonNode submitted = Wire.submit(
                fal,
                "fal-ai/kling-video/o3/pro/reference-to-video",
                "{\"prompt\":\"p\",\"multi_prompt\":[{\"prompt\":\"a\"}],\"elements\":[" + el + "," + el + "],"
                        + "\"image_urls\":[\"https://x.test/1.png\",\"https://x.test/2.png\",\"https://x.test/3.png\"]}");
        Wire.awaitCompleted(submitted);
        JsonNode detail =
                Wire.json(Wire.get(submitted.get("response_url").asText())).get("detail");
        assertThat(detail.findValuesAsText("msg"))
                .anyMatch(m -> m.contains("not both"))
                .anyMatch(m -> m.contains("At most 1 element"))
                .anyMatch(m -> m.contains("at most 4 items when an element carries a video"));
    }

    @Test
    void aScriptedFailureCompletesWithErrorAndItsResultCarriesTheErrorType() {
        fal.script().nextJob().failWith(503, "runner_disconnected", "runner went away");
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        JsonNode last = Wire.awaitCompleted(submitted);
        assertThat(last.get("error").asText()).isEqualTo("runner went away");
        assertThat(last.get("error_type").asText()).isEqualTo("runner_disconnected");
        HttpResponse<String> result = Wire.get(submitted.get("response_url").asText());
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.headers().firstValue("X-Fal-Error-Type")).contains("runner_disconnected");
    }

    @Test
    void aScriptedRejectionAnswers422ForThatField() {
        fal.script().forEndpoint(I2V).rejectInput("prompt", "Prompt violates the content policy");
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        Wire.awaitCompleted(submitted);
        HttpResponse<String> result = Wire.get(submitted.get("response_url").asText());
        assertThat(result.statusCode()).isEqualTo(422);
        assertThat(find(Wire.json(result).get("detail"), "prompt").get("msg").asText())
                .contains("content policy");
    }

    @Test
    void cancelAnswersAsFalDoesInEveryState() {
        fal.script().nextJob().holdInQueue();
        JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        HttpResponse<String> first = Wire.put(submitted.get("cancel_url").asText());
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(Wire.json(first).get("status").asText()).isEqualTo("CANCELLATION_REQUESTED");

        JsonNode status = Wire.json(Wire.get(submitted.get("status_url").asText()));
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("error_type").asText()).isEqualTo("client_cancelled");
        assertThat(Wire.get(submitted.get("response_url").asText()).statusCode())
                .isEqualTo(499);

        HttpResponse<String> again = Wire.put(submitted.get("cancel_url").asText());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Wire.json(again).get("status").asText()).isEqualTo("ALREADY_COMPLETED");

        HttpResponse<String> unknown = Wire.put(fal.queueUrl() + "/fal-ai/kling-video/requests/nope/cancel");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Wire.json(unknown).get("status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void resultsExpireAfterTheRetention() {
        MovableClock clock = new MovableClock();
        try (FalEmulator short1 = FalEmulator.builder()
                .clock(clock)
                .retention(Duration.ofMinutes(60))
                .start()) {
            JsonNode submitted = Wire.submit(short1, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
            Wire.awaitCompleted(submitted);
            clock.advance(Duration.ofMinutes(59));
            assertThat(Wire.get(submitted.get("response_url").asText()).statusCode())
                    .isEqualTo(200);
            clock.advance(Duration.ofMinutes(2));
            HttpResponse<String> expired =
                    Wire.get(submitted.get("response_url").asText());
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(Wire.json(expired).get("detail").asText()).contains("expired");
        }
    }

    @Test
    void requestsWithoutAKeyAreUnauthorizedAndAConfiguredKeyIsEnforced() {
        HttpResponse<String> none =
                Wire.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fal.queueUrl() + "/" + I2V))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Wire.json(none).get("detail").asText()).isEqualTo("Unauthorized");
        try (FalEmulator strict = FalEmulator.builder().apiKey("right").start()) {
            assertThat(Wire.post(strict.queueUrl() + "/" + I2V, "{}").statusCode())
                    .isEqualTo(401);
        }
        assertThat(fal.jobsCreated()).isZero();
    }

    @Test
    void anUnknownEndpointIsNotFound() {
        HttpResponse<String> r = Wire.post(fal.queueUrl() + "/fal-ai/flux/dev", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.json(r).get("detail").asText()).contains("fal-ai/flux/dev");
    }

    @Test
    void theProxyHeaderServesARequestAsIfSentToItsTargetUrl() {
        HttpResponse<String> r = Wire.send(Wire.request(fal.queueUrl() + "/proxy")
                .header("X-Fal-Target-Url", "https://queue.fal.run/" + I2V)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}"))
                .build());
        assertThat(r.statusCode()).isEqualTo(200);
        HttpResponse<String> upload = Wire.send(Wire.request(fal.queueUrl() + "/proxy")
                .header("X-Fal-Target-Url", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"content_type\":\"image/png\",\"file_name\":\"a.png\"}"))
                .build());
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(fal.requests())
                .extracting(RecordedRequest::path)
                .containsExactly("/" + I2V, "/rest/storage/upload/initiate");
    }

    @Test
    void maxQueueLengthRefusesWith429() {
        fal.script().defaults().holdInQueue();
        Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        HttpResponse<String> r = Wire.post(
                fal.queueUrl() + "/" + I2V + "?fal_max_queue_length=1",
                "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }

    @Test
    void aJobStillQueuedAtItsRequestTimeoutEndsWithA504OfTypeUser() throws Exception {
        fal.script().nextJob().holdInQueue();
        HttpResponse<String> r = Wire.send(Wire.request(fal.queueUrl() + "/" + I2V)
                .header("X-Fal-Request-Timeout", "0.05")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}"))
                .build());
        JsonNode submitted = Wire.json(r);
        assertThat(fal.awaitCompleted(submitted.get("request_id").asText(), Duration.ofSeconds(10)))
                .isTrue();
        JsonNode status = Wire.json(Wire.get(submitted.get("status_url").asText()));
        assertThat(status.get("error_type").asText()).isEqualTo("request_timeout");
        HttpResponse<String> result = Wire.get(submitted.get("response_url").asText());
        assertThat(result.statusCode()).isEqualTo(504);
        assertThat(result.headers().firstValue("X-Fal-Request-Timeout-Type")).contains("user");
        assertThat(fal.release(submitted.get("request_id").asText())).isTrue();
        assertThat(Wire.json(Wire.get(submitted.get("status_url").asText()))
                        .get("error_type")
                        .asText())
                .isEqualTo("request_timeout");
    }

    @Test
    void thePricingApiAnswersThePricesATestSet() {
        fal.unitPrice(I2V, new java.math.BigDecimal("0.224"));
        HttpResponse<String> r = Wire.get(
                fal.apiUrl() + "/models/pricing?endpoint_id=" + I2V + ",fal-ai/kling-video/o3/pro/text-to-video");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode prices = Wire.json(r).get("prices");
        assertThat(prices).hasSize(1);
        assertThat(prices.get(0).get("endpoint_id").asText()).isEqualTo(I2V);
        assertThat(prices.get(0).get("unit_price").decimalValue()).isEqualByComparingTo("0.224");
        assertThat(Wire.json(r).get("has_more").asBoolean()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> fal.unitPrice("fal-ai/flux/dev", java.math.BigDecimal.ONE))
                .hasMessageContaining("fal-ai/flux/dev");
    }

    private static JsonNode find(JsonNode detail, String field) {
        for (JsonNode d : detail) {
            if (d.get("loc").get(1).asText().equals(field)) {
                return d;
            }
        }
        throw new AssertionError("no detail for " + field + " in " + detail);
    }
}
