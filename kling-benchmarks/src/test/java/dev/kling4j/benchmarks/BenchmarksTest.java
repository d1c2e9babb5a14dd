package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole run at toy sizes (JMH aside: RequestOverheadBenchTest covers its benchmarks), so that the runner,
 * its child JVM and its verdicts keep working; real figures come from its main.
 */
class BenchmarksTest {
    @Test
    void everyScenarioRunsAndEveryTargetGetsAVerdict() throws Exception {
        Benchmarks.Sizes toy = new Benchmarks.Sizes(
                10,
                Duration.ofMillis(200),
                1,
                new CompletionLatencyBench.Settings(1, 4, 2, 2, Duration.ofMillis(20), Duration.ofMillis(40), 1),
                12,
                1,
                Benchmarks.Jmh.SKIP,
                1,
                5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        List<Benchmarks.Verdict> verdicts = Benchmarks.run(toy, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(
                        "== 1. Many jobs",
                        "== 2. Completion latency",
                        "max heap 64 MiB",
                        "== 6. Emulator videos",
                        "== Targets")
                .doesNotContain("== 5.");
        assertThat(verdicts)
                .extracting(Benchmarks.Verdict::target)
                .containsExactly(
                        "many jobs: wall <= 1.25 x ideal",
                        "many jobs: <= 32 live client threads",
                        "completion latency: SSE median <= 10 ms",
                        "upload 12 MiB: >= 0.9 x raw OkHttp PUT",
                        "download 12 MiB: >= 0.9 x raw OkHttp GET",
                        "upload and download pass at -Xmx64m",
                        "emulator video, 4k 15 s: render < 1 s of CPU",
                        "emulator video, 4k 15 s: < 10 MB",
                        "emulator video: job to result <= 1.1 x baseline");
        assertThat(verdicts.get(5).met()).as(out).isTrue();
    }
}
