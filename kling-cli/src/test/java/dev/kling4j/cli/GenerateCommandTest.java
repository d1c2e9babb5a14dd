package dev.kling4j.cli;

import static dev.kling4j.cli.CliTestSupport.json;
import static dev.kling4j.cli.CliTestSupport.submits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.testkit.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateCommandTest extends EmulatorTest {
    Map<String, Object> onlySubmitBody() {
        assertThat(submits(fal)).hasSize(1);
        return json(submits(fal).get(0).bodyUtf8());
    }

    @Test
    void textToVideoDownloadsTheVideoAndJournalsTheRequestAsDone() throws Exception {
        CliRun r = kling("generate", "--prompt", "A red fox runs through fresh snow", "--duration", "5");

        assertThat(r.code()).as(r.toString()).isZero();
        List<JournalEntry> jobs = FileRequestJournal.in(home.resolve("jobs")).list();
        assertThat(jobs).hasSize(1);
        JournalEntry job = jobs.get(0);
        Path video = work.resolve(job.requestId() + ".mp4");
        assertThat(r.out()).contains("video written to " + video);
        assertThat(r.err()).contains("estimate: kling_o3_pro_t2v: 5 s", "submitted: request id " + job.requestId());
        assertThat(Files.size(video)).isPositive();
        assertThat(job.state()).isEqualTo(JournalState.DONE);
        assertThat(job.modelKey()).isEqualTo("kling_o3_pro_t2v");
        assertThat(job.output()).isEqualTo(video.toString());
        assertThat(onlySubmitBody())
                .containsEntry("prompt", "A red fox runs through fresh snow")
                .containsEntry("duration", "5");
        assertThat(submits(fal).get(0).path()).isEqualTo("/fal-ai/kling-video/o3/pro/text-to-video");
    }

    @Test
    void characterWalkIsImageToVideoWithAudioForTenSeconds() throws Exception {
        SampleMedia.writePng(work.resolve("walk.png"), 720, 1280);

        CliRun r = kling(
                "generate",
                "--model",
                "kling_o3_pro_i2v",
                "--image",
                "walk.png",
                "--duration",
                "10",
                "--audio",
                "--prompt",
                "She walks to the door and waves",
                "--output",
                "walk.mp4");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.size(work.resolve("walk.mp4"))).isPositive();
        assertThat(r.err()).contains("10 s × 0.14 USD/s (audio on) = 1.400 USD");
        Map<String, Object> body = onlySubmitBody();
        assertThat(body).containsEntry("duration", "10").containsEntry("generate_audio", true);
        assertThat((String) body.get("image_url")).startsWith(fal.restUrl().replace("/rest", ""));
        assertThat(submits(fal).get(0).path()).isEqualTo("/fal-ai/kling-video/o3/pro/image-to-video");
    }

    @Test
    void anImageWithoutModelPicksImageToVideo() throws Exception {
        SampleMedia.writePng(work.resolve("cat.png"), 640, 640);

        CliRun r = kling("generate", "--image", "cat.png", "--prompt", "the cat yawns");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(submits(fal).get(0).path()).isEqualTo("/fal-ai/kling-video/o3/pro/image-to-video");
    }

    @Test
    void multiCharacterSceneSendsOneElementPerFrontAndTheBackground() throws Exception {
        SampleMedia.writePng(work.resolve("a.png"), 600, 900);
        SampleMedia.writePng(work.resolve("a-side.png"), 600, 900);
        SampleMedia.writePng(work.resolve("b.png"), 600, 900);
        SampleMedia.writePng(work.resolve("b-side.png"), 600, 900);
        SampleMedia.writePng(work.resolve("bg.png"), 1280, 720);

        // Reference-to-video elements need 1-3 extra views: one element by --element-front/--element-ref,
        // the other spelled out with --element.
        CliRun r = kling(
                "generate-ref",
                "--model",
                "kling_o3_pro_ref",
                "--element-front",
                "a.png",
                "--element-ref",
                "a-side.png",
                "--element",
                "front=b.png,ref=b-side.png",
                "--ref-image",
                "bg.png",
                "--duration",
                "8",
                "--prompt",
                "@Element1 and @Element2 talk in front of @Image1");

        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, Object> body = onlySubmitBody();
        assertThat(body).containsEntry("duration", "8");
        assertThat((List<?>) body.get("elements"))
                .hasSize(2)
                .allSatisfy(e ->
                        assertThat(CliTestSupport.map(e)).containsKeys("frontal_image_url", "reference_image_urls"));
        assertThat((List<?>) body.get("image_urls")).hasSize(1);
        assertThat(submits(fal).get(0).path()).isEqualTo("/fal-ai/kling-video/o3/pro/reference-to-video");
    }

    @Test
    void styleTransferIsAVideoReferenceWithAStyleImageAndAnElement() throws Exception {
        SampleMedia.writeMp4(work.resolve("v.mp4"), Duration.ofSeconds(5), 1280, 720);
        SampleMedia.writePng(work.resolve("watercolor.png"), 800, 800);
        SampleMedia.writePng(work.resolve("dancer.png"), 600, 900);

        CliRun r = kling(
                "reference",
                "--model",
                "kling_o3_pro_v2v_ref",
                "--video",
                "v.mp4",
                "--ref-image",
                "watercolor.png",
                "--element-front",
                "dancer.png",
                "--prompt",
                "@Element1 dances like in @Video1, painted like @Image1");

        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, Object> body = onlySubmitBody();
        assertThat(body).containsKeys("video_url", "image_urls", "elements");
        assertThat(submits(fal).get(0).path()).isEqualTo("/fal-ai/kling-video/o3/pro/video-to-video/reference");
    }

    @Test
    void environmentEditReplacesASubjectAndKeepsTheAudioWhenAsked() throws Exception {
        SampleMedia.writeMp4(work.resolve("v.mp4"), Duration.ofSeconds(5), 1280, 720);
        SampleMedia.writePng(work.resolve("snow.png"), 1280, 720);
        SampleMedia.writePng(work.resolve("bear.png"), 600, 900);

        CliRun r = kling(
                "edit",
                "--model",
                "kling_o3_pro_edit",
                "--video",
                "v.mp4",
                "--ref-image",
                "snow.png",
                "--element-front",
                "bear.png",
                "--keep-audio",
                "--prompt",
                "Replace the dog with @Element1 and cover the street in snow like @Image1");

        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, Object> body = onlySubmitBody();
        assertThat(body).containsEntry("keep_audio", true).containsKeys("video_url", "image_urls", "elements");
        assertThat(submits(fal).get(0).path()).isEqualTo("/fal-ai/kling-video/o3/pro/video-to-video/edit");
    }

    @Test
    void theEmbeddedEmulatorNeedsNoKeyAndJournalsApartFromRealJobs() {
        CliRun r =
                CliRun.run(Map.of(), home, work, "generate", "--prompt", "a fox", "--emulator", "--output", "fox.mp4");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("video written to " + work.resolve("fox.mp4"));
        assertThat(r.err()).contains("emulator: ").doesNotContain("kling resume");
        assertThat(FileRequestJournal.in(home.resolve("emulator").resolve("jobs"))
                        .list())
                .hasSize(1);
        assertThat(FileRequestJournal.in(home.resolve("jobs")).list()).isEmpty();
        assertThat(fal.requests()).as("the test's emulator saw nothing").isEmpty();
    }

    @Test
    void jsonWritesOneEventPerLineAndAFinalResultObject() {
        CliRun r = kling("generate", "--prompt", "a fox", "--json", "--no-download");

        assertThat(r.code()).as(r.toString()).isZero();
        List<Map<String, Object>> events =
                r.out().lines().map(CliTestSupport::json).toList();
        assertThat(events)
                .extracting(e -> e.get("event"))
                .startsWith("estimate", "submitted")
                .endsWith("result");
        Map<String, Object> result = events.get(events.size() - 1);
        assertThat(result.get("video_url")).asString().startsWith("http://");
        assertThat(result).containsEntry("model", "kling_o3_pro_t2v").doesNotContainKey("output");
        assertThat(r.err()).contains("video: http://");
    }

    @Test
    void aWebhookReturnsRightAfterTheSubmitWithTheRequestIdJournalledOpen() {
        fal.script().nextJob().holdInQueue();

        CliRun r = kling("generate", "--prompt", "a fox", "--webhook", "http://127.0.0.1:9/hook");

        assertThat(r.code()).as(r.toString()).isZero();
        JournalEntry job = FileRequestJournal.in(home.resolve("jobs")).list().get(0);
        assertThat(r.out()).contains("submitted " + job.requestId(), "http://127.0.0.1:9/hook");
        assertThat(job.state()).isEqualTo(JournalState.OPEN);
        assertThat(submits(fal).get(0).queryParameter("fal_webhook")).contains("http://127.0.0.1:9/hook");
    }

    @Test
    void aFailedJobExitsWithFourAndIsJournalledFailed() {
        fal.script().nextJob().failWith(500, "internal_error", "the model crashed");

        CliRun r = kling("generate", "--prompt", "a fox");

        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("error: ").doesNotContain("\tat ");
        assertThat(FileRequestJournal.in(home.resolve("jobs")).list())
                .extracting(JournalEntry::state)
                .containsExactly(JournalState.FAILED);
    }

    @Test
    void aPassedDeadlineCancelsTheJobAtFalExitsWithFiveAndJournalsItCancelled() {
        fal.script().nextJob().holdInQueue();

        CliRun r = kling("generate", "--prompt", "a fox", "--deadline", "1s");

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        JournalEntry job = FileRequestJournal.in(home.resolve("jobs")).list().get(0);
        assertThat(job.state()).isEqualTo(JournalState.CANCELLED);
        assertThat(r.err())
                .contains(
                        "the deadline of 1s (--deadline) passed: the job was cancelled at fal",
                        "request id: " + job.requestId());
        assertThat(fal.requests(q -> q.method().equals("PUT") && q.path().endsWith(job.requestId() + "/cancel")))
                .hasSize(1);
    }

    @Test
    void aKeyFalRefusesIsAFalErrorWithExitThree() {
        Map<String, String> env = new java.util.HashMap<>(CliRun.envFor(fal));
        env.put("FAL_KEY", "wrong-key");

        CliRun r = CliRun.run(env, home, work, "generate", "--prompt", "a fox");

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("error: ").doesNotContain("wrong-key", "\tat ");
        assertThat(FileRequestJournal.in(home.resolve("jobs")).list()).isEmpty();
    }

    @Test
    void logsAndUploadsAreReportedAsTheyHappen() {
        SampleMedia.writePng(work.resolve("cat.png"), 640, 640);

        CliRun r = kling("generate", "--image", "cat.png", "--prompt", "the cat yawns", "--logs");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("upload cat.png: ", "(100%)", "status: COMPLETED", "log: ", "download ");
    }

    @Test
    void aJournalThatCannotBeWrittenIsReportedWithTheIdToKeep() throws Exception {
        Files.writeString(home, "a file where the home directory should be");

        CliRun r = kling("generate", "--prompt", "a fox", "--no-download");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err())
                .contains("warning: could not journal ", "note the id: kling resume ", "--model kling_o3_pro_t2v")
                .doesNotContain("journalled in");
    }
}
