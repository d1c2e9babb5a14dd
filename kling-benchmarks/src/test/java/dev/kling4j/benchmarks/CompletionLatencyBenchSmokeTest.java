package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The completion-latency benchmark at a tiny size, so that it keeps working; figures come from its main. */
class CompletionLatencyBenchSmokeTest {
    @Test
    void everyClientMeasuresEveryJobAndTheTablePrints() throws Exception {
        List<CompletionLatencyBench.Row> rows = CompletionLatencyBench.run(
                new CompletionLatencyBench.Settings(2, 6, 2, 3, Duration.ofMillis(20), Duration.ofMillis(60), 1));

        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.jobs()).isEqualTo(6);
            assertThat(r.medianMs()).isPositive().isLessThanOrEqualTo(r.p99Ms());
            assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletionLatencyBench.print(rows, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("status stream", "polling", "fal-client", "p99 ms");
    }
}
