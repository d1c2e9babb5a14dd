package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.MediaFiles;
import dev.kling4j.core.pricing.CostEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BaseVideoModel#checkMedia}: every local media check of a request, with nothing sent (no client here). */
class CheckMediaTest {
    /** A client that sends nothing: no key, the shipped prices. */
    static final dev.kling4j.core.KlingClient OFFLINE =
            dev.kling4j.core.KlingClient.builder().livePrices(false).build();

    static final AnyModel EDIT = AnyModel.of("kling_o3_pro_edit");

    @TempDir
    Path dir;

    @Test
    void listsEveryProblemOfEveryLocalMediaWithItsField() throws Exception {
        Path video =
                Files.write(dir.resolve("long.mov"), MediaFiles.movie("qt  ", 1000, 20_000, 640, 360, false, true));
        Path image = Files.write(dir.resolve("small.png"), MediaFiles.png(200, 200));
        AnyModel.Request request = EDIT.request(Map.of(
                "prompt",
                "Make @Video1 look like @Element1",
                "video_url",
                video.toString(),
                "elements",
                List.of(Map.of("frontal_image_url", image.toString()))));

        List<Problem> problems = OFFLINE.checkMedia(EDIT, request);

        assertThat(problems)
                .extracting(Problem::field, Problem::message)
                .containsExactlyInAnyOrder(
                        tuple("video_url", video + " lasts 20 s, outside 3–15 s"),
                        tuple("video_url", video + " is 640x360 px, but each side must be 720–3840 px"),
                        tuple(
                                "elements[0].frontal_image_url",
                                image + " is 200x200 px, smaller than 300 px on a side"));
    }

    @Test
    void passesARequestWhoseLocalMediaAreWithinTheLimitsAndBillsTheSameLengthRoundedUp() throws Exception {
        Path video = Files.write(
                dir.resolve("clip.mp4"),
                MediaFiles.movie(
                        "isom", 30_000, 450_450 / 2, 1920, 1080, false, true)); // 7.5075 s of video, 17.5 s of sound
        AnyModel.Request request = EDIT.request(Map.of("prompt", "Make @Video1 rain", "video_url", video.toString()));

        assertThat(OFFLINE.checkMedia(EDIT, request)).isEmpty();
        assertThat(OFFLINE.estimate(EDIT, request).billedSeconds()).hasValue(8);
    }

    @Test
    void aPipeAsTheSourceVideoIsRefusedAndEstimatedAsUnknownWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("stream.mp4");
        assumeTrue(MediaFiles.mkfifo(fifo), "mkfifo is not available here");
        AnyModel.Request request = EDIT.request(Map.of("prompt", "Make @Video1 rain", "video_url", fifo.toString()));

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> { // a guard: opening a FIFO would block forever
                    CostEstimate estimate = OFFLINE.estimate(EDIT, request);
                    assertThat(estimate.isKnown()).isFalse();
                    assertThat(OFFLINE.checkMedia(EDIT, request))
                            .extracting(Problem::message)
                            .containsExactly(fifo + " is not a regular file (a directory, pipe or device)");
                });
    }
}
