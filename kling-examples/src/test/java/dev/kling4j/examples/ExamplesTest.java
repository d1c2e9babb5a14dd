package dev.kling4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.VideoResult;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.webhook.WebhookEvent;
import dev.kling4j.core.webhook.WebhookStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example, run against the embedded emulator: an example that breaks fails the build. */
class ExamplesTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Backend backend;

    @BeforeEach
    void start(@TempDir Path work) {
        backend = Backend.emulator(new PrintStream(printed, true, StandardCharsets.UTF_8), work);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private String report() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void assertVideo(Function<Backend, VideoResult> example, String file, Duration length) throws Exception {
        VideoResult result = example.apply(backend);

        Path video = backend.outputDir().resolve(file);
        assertThat(result.requestId()).isNotBlank();
        assertThat(Files.size(video))
                .isPositive()
                .isEqualTo(result.video().fileSize().orElseThrow());
        assertThat(MediaInspector.inspect(video))
                .get()
                .satisfies(i -> assertThat(i.duration()).contains(length));
        assertThat(report()).contains("estimate: ", "video written to " + video);
    }

    @Test
    void characterWalk() throws Exception {
        assertVideo(CharacterWalk::run, "character-walk.mp4", Duration.ofSeconds(10));
        assertThat(report()).contains("= 1.400 USD");
    }

    @Test
    void multiCharacterScene() throws Exception {
        assertVideo(MultiCharacterScene::run, "multi-character-scene.mp4", Duration.ofSeconds(8));
    }

    @Test
    void styleTransferFollowsTheSourceVideosLength() throws Exception {
        assertVideo(StyleTransfer::run, "style-transfer.mp4", Duration.ofSeconds(6));
        assertThat(report()).contains("6 s × 0.168");
    }

    @Test
    void environmentEdit() throws Exception {
        assertVideo(EnvironmentEdit::run, "environment-edit.mp4", Duration.ofSeconds(5));
    }

    @Test
    void storyboardTextToVideo() throws Exception {
        assertVideo(StoryboardTextToVideo::run, "storyboard.mp4", Duration.ofSeconds(8));
    }

    @Test
    void aBudgetedBatchAdmitsWhatFitsAndSendsNothingForTheRest() {
        List<String> prompts = List.of("one", "two", "three", "four", "five");

        BudgetedBatch.Report report = BudgetedBatch.run(backend, new BigDecimal("1.75"), prompts);

        assertThat(report.done()).hasSize(3); // 3 × 0.56 = 1.68 ≤ 1.75 < 2.24
        assertThat(report.refused()).containsExactly("four", "five");
        assertThat(report.committed()).isEqualByComparingTo("1.68");
        assertThat(report.done()).extracting(VideoResult::requestId).doesNotHaveDuplicates();
    }

    @Test
    void theWebhookReceiverVerifiesAndStoresTheDelivery() throws Exception {
        WebhookEvent event = WebhookReceiver.run(backend, null);

        assertThat(event.status()).isEqualTo(WebhookStatus.OK);
        assertThat(event.payloadJson()).get().asString().contains("video/mp4");
        assertThat(report()).contains("verified delivery for " + event.requestId());
    }

    @Test
    void withoutAKeyTheBackendSaysItUsesTheEmulator() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Backend b = Backend.fromEnv(java.util.Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(b.isEmulator()).isTrue();
            Files.delete(b.outputDir()); // the temporary directory it made, still empty
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("embedded offline fal emulator");
    }
}
