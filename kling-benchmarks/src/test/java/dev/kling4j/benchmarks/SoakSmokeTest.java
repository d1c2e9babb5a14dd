package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The soak at a tiny size, so that it keeps working; the real run is `Soak --jobs 10000`. */
class SoakSmokeTest {
    @Test
    void aHundredJobsUnderRandomFaultsEachEndCleanlyWithoutDuplicates() {
        Soak.Result result = Soak.run(100, 7);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(result.untyped()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(result.duplicateIds()).isZero();
        assertThat(result.succeeded()).isPositive();
        assertThat(result.failedWithRequestId()).isPositive();
        assertThat(result.passed()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
    }
}
