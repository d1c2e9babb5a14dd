package dev.kling4j.cli;

import static dev.kling4j.cli.CliTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.testkit.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run shows the exact request, the estimate and the findings, needs no key and sends nothing. */
class DryRunTest {
    @TempDir
    Path work;

    CliRun dryRun(String... args) {
        // No key, no emulator: a dry run must not need either.
        CliRun r = CliRun.run(Map.of(), work.resolve("home"), work, args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.exists(work.resolve("home"))).as("nothing journalled").isFalse();
        return r;
    }

    @Test
    void generatePrintsTheBodyEstimateAndFindings() {
        CliRun r =
                dryRun("generate", "--prompt", "A red fox", "--duration", "7", "--aspect-ratio", "9:16", "--dry-run");

        assertThat(r.out())
                .contains(
                        "POST fal-ai/kling-video/o3/pro/text-to-video",
                        "\"prompt\" : \"A red fox\"",
                        "\"duration\" : \"7\"",
                        "\"aspect_ratio\" : \"9:16\"",
                        "estimate: kling_o3_pro_t2v: 7 s",
                        "lint: no findings",
                        "dry run: nothing was sent");
    }

    @Test
    void generateRefAsJsonShowsLocalFilesAsFileUrisAndLintWarnings() {
        SampleMedia.writePng(work.resolve("a.png"), 600, 900);
        SampleMedia.writePng(work.resolve("side.png"), 600, 900);
        SampleMedia.writePng(work.resolve("bg.png"), 1280, 720);

        CliRun r = dryRun(
                "generate-ref",
                "--element-front",
                "a.png",
                "--element-ref",
                "side.png",
                "--ref-image",
                "bg.png",
                "--prompt",
                "@Element1 walks",
                "--dry-run",
                "--json");

        Map<String, Object> out = json(r.out().strip());
        assertThat(out)
                .containsEntry("model", "kling_o3_pro_ref")
                .containsEntry("endpoint_id", "fal-ai/kling-video/o3/pro/reference-to-video");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) out.get("request");
        assertThat(CliTestSupport.list(request.get("image_urls")))
                .containsExactly(work.resolve("bg.png").toUri().toString());
        assertThat(CliTestSupport.list(out.get("findings")))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(CliTestSupport.map(f)).containsEntry("severity", "WARNING"));
    }

    @Test
    void editAndReferenceShowTheVideoAndKeepAudio() {
        SampleMedia.writeMp4(work.resolve("v.mp4"), Duration.ofSeconds(6), 1280, 720);

        CliRun edit = dryRun("edit", "--video", "v.mp4", "--no-keep-audio", "--prompt", "make it snow", "--dry-run");
        CliRun reference = dryRun(
                "reference", "--video", "v.mp4", "--duration", "6", "--prompt", "in the style of @Video1", "--dry-run");

        assertThat(edit.out())
                .contains(
                        "POST fal-ai/kling-video/o3/pro/video-to-video/edit",
                        "\"keep_audio\" : false",
                        work.resolve("v.mp4").toUri().toString(),
                        "estimate: kling_o3_pro_edit: 6 s");
        assertThat(reference.out())
                .contains("POST fal-ai/kling-video/o3/pro/video-to-video/reference", "\"duration\" : \"6\"");
    }

    @Test
    void aStoryboardBecomesMultiPrompt() {
        CliRun r = dryRun(
                "generate",
                "--shot",
                "duration=4:the fox stops",
                "--shot",
                "duration=6:it jumps",
                "--dry-run",
                "--json");

        Map<String, Object> out = json(r.out().strip());
        assertThat(CliTestSupport.list(CliTestSupport.map(out.get("request")).get("multi_prompt")))
                .hasSize(2);
        assertThat(CliTestSupport.map(out.get("estimate")).get("text"))
                .asString()
                .contains("10 s ×");
    }

    @Test
    void imageIsTheStartFrameFieldOfEachCategory() {
        SampleMedia.writePng(work.resolve("start.png"), 1280, 720);
        SampleMedia.writePng(work.resolve("a.png"), 600, 900);
        SampleMedia.writePng(work.resolve("side.png"), 600, 900);

        CliRun i2v = dryRun("generate", "--image", "start.png", "--prompt", "x", "--dry-run");
        CliRun ref = dryRun(
                "generate-ref",
                "--image",
                "start.png",
                "--element-front",
                "a.png",
                "--element-ref",
                "side.png",
                "--prompt",
                "@Element1 enters",
                "--dry-run");

        assertThat(i2v.out())
                .contains("\"image_url\" : \"" + work.resolve("start.png").toUri());
        assertThat(ref.out())
                .contains("\"start_image_url\" : \"" + work.resolve("start.png").toUri());
    }

    @Test
    void aDryRunShowsWhatTheRealRunWouldRefuseMarkedAsSuchAndExitsAsItWould() {
        SampleMedia.writeMp4(work.resolve("short.mp4"), Duration.ofSeconds(2), 1280, 720);

        CliRun r = CliRun.run(
                Map.of(),
                work.resolve("home"),
                work,
                "edit",
                "--video",
                "short.mp4",
                "--prompt",
                "make it snow",
                "--output",
                "/no/such/dir/out.mp4",
                "--dry-run");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("POST fal-ai/kling-video/o3/pro/video-to-video/edit", "dry run: nothing was sent");
        assertThat(r.err())
                .contains(
                        "dry run: the real run would refuse this request before sending anything:",
                        "--video (video_url): " + work.resolve("short.mp4") + " lasts 2 s, outside 3–15 s",
                        "--output: the folder /no/such/dir does not exist");
        assertThat(Files.exists(work.resolve("home"))).as("nothing journalled").isFalse();
    }

    @Test
    void aDryRunAsJsonListsTheRefusalsAndEndsWithAnErrorObject() {
        CliRun r = CliRun.run(
                Map.of(),
                work.resolve("home"),
                work,
                "generate",
                "--prompt",
                "a fox",
                "--duration",
                "10",
                "--max-cost",
                "1",
                "--dry-run",
                "--json");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        List<Map<String, Object>> lines =
                r.out().lines().map(CliTestSupport::json).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).containsEntry("event", "dry_run");
        assertThat(CliTestSupport.list(lines.get(0).get("would_refuse")))
                .singleElement()
                .satisfies(p -> assertThat(CliTestSupport.map(p)).containsEntry("flag", "--max-cost"));
        assertThat(lines.get(1)).containsEntry("event", "error").containsEntry("exit_code", 2);
    }

    @Test
    void aDryRunWithoutAKeySaysTheRealRunNeedsOne() {
        CliRun r = dryRun("generate", "--prompt", "a fox", "--dry-run");

        assertThat(r.out()).contains("note: no fal API key is set; the real run needs FAL_KEY (or --emulator)");
    }
}
