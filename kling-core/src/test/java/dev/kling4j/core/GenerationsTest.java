package dev.kling4j.core;

import static dev.kling4j.core.testing.Routes.json;
import static dev.kling4j.core.testing.Routes.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaFiles;
import dev.kling4j.core.media.MediaRole;
import dev.kling4j.core.model.GenerationInput;
import dev.kling4j.core.model.MediaUse;
import dev.kling4j.core.queue.RequestRef;
import dev.kling4j.core.testing.FakeSleeper;
import dev.kling4j.core.testing.Routes;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationsTest {
    static final EndpointSpec PRO_REF =
            Catalog.standard().endpoint("kling_o3_pro_ref").orElseThrow();
    static final String BASE = "/fal-ai/kling-video/requests/req-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    final Routes routes = new Routes();
    KlingClient client;

    @BeforeEach
    void setUp() {
        server.setDispatcher(routes);
        client = KlingClient.builder()
                .apiKey("test-key")
                .queueUrl(server.url("/").toString())
                .restUrl(server.url("/rest").toString())
                .sleeper(new FakeSleeper())
                .build();
    }

    /** The flow behind the client's operations, fed a hand-made input. */
    Generations flow() {
        return new Generations(client, ClientAccess.of(client));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** Submits fal received, counted once every call the client started has ended. */
    int submits() {
        dev.kling4j.core.testing.Await.idle(client);
        return routes.requests("POST", "/" + PRO_REF.endpointId()).size();
    }

    /** A reference-to-video request with the given images, 8 s, audio off. */
    record Input(List<Media> images, int seconds) implements GenerationInput {
        @Override
        public EndpointSpec endpoint() {
            return PRO_REF;
        }

        @Override
        public List<MediaUse> media() {
            List<MediaUse> uses = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                uses.add(new MediaUse(images.get(i), MediaRole.IMAGE, "image_urls[" + i + "]"));
            }
            return uses;
        }

        @Override
        public Map<String, Object> toWire(Function<Media, String> urlOf) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("prompt", "@Image1 walks");
            body.put("image_urls", images.stream().map(urlOf).toList());
            body.put("duration", Integer.toString(seconds));
            return body;
        }

        @Override
        public OptionalInt billedSeconds() {
            return OptionalInt.of(seconds);
        }

        @Override
        public boolean audio() {
            return false;
        }

        @Override
        public boolean videoInput() {
            return false;
        }
    }

    /** fal's answers to a whole generation; routes registered before this call win (first match answers). */
    void falAnswersEverything() {
        String u = server.url(BASE).toString();
        routes.on(
                "POST",
                "/rest/storage/upload/initiate",
                r -> json(
                        200,
                        "{\"upload_url\":\"" + server.url("/signed/1")
                                + "\",\"file_url\":\"https://v3.fal.media/files/hero.png\"}"));
        routes.on("PUT", "/signed/1", r -> json(200, "{}"));
        routes.on(
                "POST",
                "/" + PRO_REF.endpointId(),
                r -> json(
                        200,
                        "{\"request_id\":\"req-1\",\"status_url\":\"" + u + "/status\",\"response_url\":\"" + u
                                + "\",\"cancel_url\":\"" + u + "/cancel\"}"));
        routes.on(
                "GET",
                BASE + "/status/stream",
                r -> sse(
                        "{\"status\":\"IN_QUEUE\",\"queue_position\":0}",
                        "{\"status\":\"COMPLETED\",\"metrics\":{\"inference_time\":41.2}}"));
        routes.on(
                "GET",
                BASE,
                r -> json(
                                200,
                                "{\"video\":{\"url\":\"https://v3.fal.media/files/out.mp4\","
                                        + "\"content_type\":\"video/mp4\",\"file_name\":\"out.mp4\",\"file_size\":1234,\"fps\":24},\"seed\":7}")
                        .newBuilder()
                        .setHeader("x-fal-billable-units", "7")
                        .build());
        routes.on("PUT", BASE + "/cancel", r -> json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
    }

    Path png(String name, int width, int height) throws Exception {
        return Files.write(dir.resolve(name), MediaFiles.png(width, height));
    }

    @Test
    void generateUploadsTheLocalImageOnceSubmitsItsUrlAndReturnsTheVideo() throws Exception {
        falAnswersEverything();
        Media hero = Media.file(png("hero.png", 800, 600));
        List<String> enqueued = new CopyOnWriteArrayList<>();

        VideoResult result = Futures.join(flow().generateAsync(
                        new Input(List.of(hero, hero), 8),
                        RequestOptions.builder()
                                .onEnqueued(ref -> enqueued.add(ref.requestId()))
                                .build()));

        assertThat(result.requestId()).isEqualTo("req-1");
        assertThat(result.video().url()).isEqualTo("https://v3.fal.media/files/out.mp4");
        assertThat(result.video().fileSize()).hasValue(1234);
        assertThat(result.video().additionalProperties()).containsKey("fps");
        assertThat(result.output().get("seed")).isPresent();
        assertThat(result.metrics()).containsKey("inference_time");
        assertThat(result.estimate()).get().satisfies(e -> assertThat(e.total()).contains(new BigDecimal("0.896")));
        assertThat(result.billedUnits()).contains(new BigDecimal("7"));
        assertThat(result.billedCost()).contains(new BigDecimal("0.784")); // 7 s × the estimate's 0.112
        assertThat(enqueued).containsExactly("req-1");
        assertThat(routes.requests("POST", "/rest/storage/upload/initiate")).hasSize(1);
        assertThat(submits()).isEqualTo(1);
        RecordedRequest submit =
                routes.requests("POST", "/" + PRO_REF.endpointId()).get(0);
        JsonNode body = Json.mapper().readTree(submit.getBody().utf8());
        assertThat(body)
                .isEqualTo(
                        Json.mapper()
                                .readTree(
                                        "{\"prompt\":\"@Image1 walks\",\"image_urls\":"
                                                + "[\"https://v3.fal.media/files/hero.png\",\"https://v3.fal.media/files/hero.png\"],\"duration\":\"8\"}"));
    }

    @Test
    void withoutTheBillableUnitsHeaderWhatWasBilledIsUnknownNotZero() {
        routes.on("GET", BASE, r -> json(200, "{\"video\":{\"url\":\"https://v3.fal.media/files/out.mp4\"}}"));
        falAnswersEverything();

        VideoResult result = Futures.join(flow().generateAsync(
                        new Input(List.of(Media.url("https://example.com/a.png")), 5), RequestOptions.defaults()));

        assertThat(result.billedUnits()).isEmpty();
        assertThat(result.billedCost()).isEmpty();
    }

    @Test
    void aBudgetBelowTheEstimateRefusesBeforeAnythingIsSent() throws Exception {
        falAnswersEverything();
        Input input = new Input(List.of(Media.file(png("hero.png", 800, 600))), 10);

        assertThatThrownBy(() -> Futures.join(flow().generateAsync(
                                input,
                                RequestOptions.builder()
                                        .maxCost(new BigDecimal("1.00"))
                                        .build())))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("1.120");
        assertThat(routes.requests()).isEmpty();
    }

    @Test
    void aLocalImageBelowTheMinimumSizeIsRefusedWithItsFieldBeforeAnyUpload() throws Exception {
        falAnswersEverything();
        Input input = new Input(List.of(Media.file(png("tiny.png", 100, 100))), 5);

        assertThatThrownBy(() ->
                        flow().generateAsync(input, RequestOptions.defaults()).join())
                .hasCauseInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("image_urls[0]");
        assertThat(routes.requests()).isEmpty();
    }

    @Test
    void submitReturnsOnceFalAcceptedAndTheJobCanBeAwaitedLater() throws Exception {
        falAnswersEverything();
        Input input = new Input(List.of(Media.url("https://example.com/a.png")), 5);

        VideoJob job = Futures.join(flow().submitAsync(input, RequestOptions.defaults()));

        assertThat(job.requestId()).isEqualTo("req-1");
        assertThat(routes.requests("GET", BASE + "/status/stream")).isEmpty();
        assertThat(Futures.join(flow().resultAsync(job)).video().fileName()).contains("out.mp4");
        assertThat(submits()).isEqualTo(1);
    }

    @Test
    void attachFindsAJobByRequestIdAloneWithoutResubmitting() {
        falAnswersEverything();

        VideoResult result =
                Futures.join(flow().resultAsync(flow().attach(PRO_REF, "req-1", RequestOptions.defaults())));

        assertThat(result.requestId()).isEqualTo("req-1");
        assertThat(result.estimate()).isEmpty();
        assertThat(submits()).isZero();
    }

    @Test
    void cancellingTheFutureWhileFalWorksSendsACancelCarryingTheRequestId() throws Exception {
        routes.on(
                "GET",
                BASE + "/status/stream",
                r -> new MockResponse.Builder()
                        .setHeader("Content-Type", "text/event-stream")
                        .body("data: {\"status\":\"IN_PROGRESS\"}\n\n")
                        .build());
        routes.on("GET", BASE + "/status", r -> json(202, "{\"status\":\"IN_PROGRESS\"}"));
        falAnswersEverything();
        CompletableFuture<RequestRef> enqueued = new CompletableFuture<>();
        Input input = new Input(List.of(Media.url("https://example.com/a.png")), 5);

        CompletableFuture<VideoResult> future = flow().generateAsync(
                        input,
                        RequestOptions.builder().onEnqueued(enqueued::complete).build());
        enqueued.get(5, TimeUnit.SECONDS);
        future.cancel(true);

        assertThatThrownBy(future::join)
                .isInstanceOf(JobCancelledException.class)
                .satisfies(
                        e -> assertThat(((JobCancelledException) e).requestId()).contains("req-1"));
        assertThat(dev.kling4j.core.testing.Await.until(
                        java.time.Duration.ofSeconds(5),
                        () -> !routes.requests("PUT", BASE + "/cancel").isEmpty()))
                .as("a cancel PUT reached fal")
                .isTrue();
        assertThat(submits()).isEqualTo(1);
        assertThat(routes.requests("PUT", BASE + "/cancel")).hasSize(1);
    }

    @Test
    void aResultWithoutVideoFailsWithTheRequestId() {
        routes.on("GET", BASE, r -> json(200, "{\"images\":[]}"));
        falAnswersEverything();

        assertThatThrownBy(() ->
                        Futures.join(flow().resultAsync(flow().attach(PRO_REF, "req-1", RequestOptions.defaults()))))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.requestId()).contains("req-1");
                    assertThat(e.body()).isEqualTo("{\"images\":[]}");
                })
                .hasMessage("fal's result for request req-1 has no 'video': {\"images\":[]}; read it with"
                        + " QueueClient.result");
    }

    @Test
    void cancellingAnAttachedJobsWaitCarriesItsRequestIdAndCancelsAtFal() {
        routes.on(
                "GET",
                BASE + "/status/stream",
                r -> new MockResponse.Builder()
                        .setHeader("Content-Type", "text/event-stream")
                        .body("data: {\"status\":\"IN_PROGRESS\"}\n\n")
                        .build());
        routes.on("GET", BASE + "/status", r -> json(202, "{\"status\":\"IN_PROGRESS\"}"));
        falAnswersEverything();

        CompletableFuture<VideoResult> waiting =
                flow().resultAsync(flow().attach(PRO_REF, "req-1", RequestOptions.defaults()));
        waiting.cancel(true);

        assertThatThrownBy(waiting::join)
                .isInstanceOfSatisfying(
                        JobCancelledException.class,
                        e -> assertThat(e.requestId()).contains("req-1"));
    }

    @Test
    void aJournalRecordsTheRequestIdAtEnqueueAndTheOutcomeAtTheEnd() {
        falAnswersEverything();
        dev.kling4j.core.journal.FileRequestJournal journal =
                dev.kling4j.core.journal.FileRequestJournal.in(dir.resolve("jobs"));
        List<String> stateAtEnqueue = new CopyOnWriteArrayList<>();

        Futures.join(flow().generateAsync(
                        new Input(List.of(Media.url("https://example.com/a.png")), 5),
                        RequestOptions.builder()
                                .journal(journal)
                                .onEnqueued(ref -> stateAtEnqueue.add(journal.find(ref.requestId())
                                        .orElseThrow()
                                        .state()
                                        .name()))
                                .build()));

        assertThat(stateAtEnqueue).containsExactly("OPEN");
        assertThat(submits()).isEqualTo(1);
        assertThat(journal.find("req-1")).get().satisfies(e -> {
            assertThat(e.state()).isEqualTo(dev.kling4j.core.journal.JournalState.DONE);
            assertThat(e.endpointId()).isEqualTo(PRO_REF.endpointId());
            assertThat(e.estimate()).contains(new BigDecimal("0.560"));
            assertThat(e.billed()).contains(new BigDecimal("7"));
            assertThat(e.billedCost()).isEqualByComparingTo("0.784");
        });
    }

    @Test
    void aJournalThatCannotBeWrittenNeverFailsTheJob() {
        falAnswersEverything();
        dev.kling4j.core.journal.RequestJournal broken = new dev.kling4j.core.journal.RequestJournal() {
            @Override
            public void record(dev.kling4j.core.journal.JournalEntry entry) {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            }

            @Override
            public java.util.Optional<dev.kling4j.core.journal.JournalEntry> update(
                    String id, dev.kling4j.core.journal.JournalState state, String output) {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            }

            @Override
            public List<dev.kling4j.core.journal.JournalEntry> list() {
                return List.of();
            }

            @Override
            public java.util.Optional<dev.kling4j.core.journal.JournalEntry> find(String id) {
                return java.util.Optional.empty();
            }
        };

        VideoResult result = Futures.join(flow().generateAsync(
                        new Input(List.of(Media.url("https://example.com/a.png")), 5),
                        RequestOptions.builder().journal(broken).build()));

        assertThat(result.requestId()).isEqualTo("req-1");
        assertThat(submits()).isEqualTo(1);
    }
}
