package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The emulator video benchmark at its smallest, so that it keeps working; figures come from its main. */
class VideoRenderBenchSmokeTest {
    @Test
    void everyTierAndDurationIsMeasuredAndBothJobVariantsRun() throws Exception {
        VideoRenderBench.Report report = VideoRenderBench.run(1, 3);

        assertThat(report.rows())
                .extracting(r -> r.tier() + " " + r.seconds())
                .containsExactly("standard 5", "standard 15", "pro 5", "pro 15", "4k 5", "4k 15");
        assertThat(report.rows()).allSatisfy(r -> assertThat(r.bytes()).isPositive());
        assertThat(report.row("4k", 15).bytes())
                .isGreaterThan(report.row("4k", 5).bytes());
        assertThat(report.jobs())
                .extracting(VideoRenderBench.JobRow::variant)
                .containsExactly(VideoRenderBench.SCRIPTED, VideoRenderBench.RENDERED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VideoRenderBench.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3840x2160", "render CPU ms", "baseline", "ratio");
    }
}
