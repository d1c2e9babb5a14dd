package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The many-jobs benchmark at a tiny size, so that it keeps working; figures come from its main. */
class ManyJobsBenchSmokeTest {
    @Test
    void bothClientsFinishEveryJobAndTheTablePrints() throws Exception {
        List<ManyJobsBench.Row> rows = ManyJobsBench.run(10, Duration.ofMillis(200), 2);

        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.completed()).isEqualTo(10);
            assertThat(r.lastAtFal()).isPositive().isLessThanOrEqualTo(r.wall());
            assertThat(r.peakHeapMiB()).isPositive();
        });
        assertThat(rows).filteredOn(ManyJobsBench.Row::kling4jDefaults).hasSize(1);
        assertThat(rows.get(1).walls()).hasSize(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManyJobsBench.print(rows, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kling4j", "fal-client", "wall/ideal");
    }
}
