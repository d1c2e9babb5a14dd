package dev.kling4j.t2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.model.Validation;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client holding an endpoint table ({@code KlingClient.Builder.catalog}) is the last word on what it sends:
 * requests built against another table are re-checked before anything leaves, in their own mode.
 */
class ClientCatalogTest {
    static final TextToVideoRequest TWENTY_LENIENT = TextToVideoRequest.builder()
            .prompt("A red fox runs along the shore")
            .duration(20)
            .validation(Validation.LENIENT)
            .build();

    @TempDir
    Path dir;

    FalEmulator fal;

    @BeforeEach
    void start() {
        fal = FalEmulator.start();
    }

    @AfterEach
    void stop() {
        fal.close();
    }

    /** The shipped table with one text changed, as a user edits a copy of it. */
    Catalog table(String from, String to) throws IOException {
        String shipped;
        try (InputStream in = Catalog.class.getResourceAsStream("kling-o3-endpoints.json")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped).contains(from);
        return Catalog.load(Files.writeString(dir.resolve("endpoints.json"), shipped.replace(from, to)));
    }

    List<RecordedRequest> submits() {
        return fal.requests(r -> r.method().equals("POST") && r.path().startsWith("/fal-ai/"));
    }

    @Test
    void aClientWithoutATableHoldsEachRequestToItsOwn() {
        try (KlingClient client = fal.newClient()) {
            assertThat(client.catalog()).isEmpty();
            assertThat(client.estimate(TextToVideo.PRO, TWENTY_LENIENT).total()).contains(new BigDecimal("2.240"));
        }
    }

    @Test
    void aStricterClientTableRefusesWhatTheRequestsTableLetThroughBeforeAnythingIsSent() throws IOException {
        Catalog shipped = table("\"duration_max\": 15", "\"duration_max\": 15");
        TextToVideoRequest strictTwenty = TextToVideoRequest.builder()
                .prompt("A red fox")
                .duration(20)
                .catalog(table("\"duration_max\": 15", "\"duration_max\": 20"))
                .build();
        try (KlingClient client = fal.clientBuilder().catalog(shipped).build()) {
            assertThatThrownBy(() -> client.submit(TextToVideo.PRO, strictTwenty))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("duration");
                                assertThat(p.message()).contains("20 s, outside 3–15 s");
                            }));
            CompletableFuture<?> async = client.async().generate(TextToVideo.PRO, strictTwenty);
            assertThat(async).as("fails the future, not the call").isCompletedExceptionally();
            assertThatThrownBy(async::join).hasCauseInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> client.estimate(TextToVideo.PRO, strictTwenty))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThat(submits()).as("nothing submitted").isEmpty();
    }

    @Test
    void theRecheckKeepsTheRequestsModeSoALenientRequestStaysAWarning() throws IOException {
        Catalog shipped = table("\"duration_max\": 15", "\"duration_max\": 15");
        try (KlingClient client = fal.clientBuilder().catalog(shipped).build()) {
            assertThat(client.estimate(TextToVideo.PRO, TWENTY_LENIENT).total()).contains(new BigDecimal("2.240"));
        }
    }

    @Test
    void aClientTableThatAllowsMoreSendsItAndFalHasTheLastWord() throws IOException {
        Catalog newer = table("\"duration_max\": 15", "\"duration_max\": 20");
        TextToVideoRequest twenty = TextToVideoRequest.builder()
                .prompt("A red fox")
                .duration(20)
                .catalog(newer)
                .build();
        try (KlingClient client = fal.clientBuilder().catalog(newer).build()) {
            assertThat(client.catalog()).containsSame(newer);
            assertThat(client.estimate(TextToVideo.PRO, twenty).total()).contains(new BigDecimal("2.240"));
            assertThat(client.estimate(TextToVideo.PRO, TWENTY_LENIENT).isKnown())
                    .as("a lenient request re-checked against the client's table passes")
                    .isTrue();

            // The emulator holds fal's current limits, so it answers as fal would today: a 422 on the result.
            assertThatThrownBy(() -> client.generate(TextToVideo.PRO, TWENTY_LENIENT))
                    .isInstanceOfSatisfying(
                            UnprocessableEntityException.class,
                            e -> assertThat(e.requestId()).isPresent());
        }
        assertThat(submits())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyUtf8()).contains("\"duration\":\"20\""));
    }

    @Test
    void localFilesAreCheckedAgainstTheClientsTableUnlessChecksAreSet() throws IOException {
        Catalog newer = table("\"video_max_seconds\": 15", "\"video_max_seconds\": 30");
        try (KlingClient client = fal.clientBuilder().catalog(newer).build()) {
            assertThat(client.mediaChecks().limits().videoMaxSeconds()).isEqualTo(30);
        }
        try (KlingClient client = fal.clientBuilder()
                .catalog(newer)
                .mediaChecks(MediaChecks.standard())
                .build()) {
            assertThat(client.mediaChecks().limits().videoMaxSeconds()).isEqualTo(15);
        }
    }
}
