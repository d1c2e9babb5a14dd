package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankOfAHundredMillisecondSamples() {
        Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100)
                .map(ms -> (101 - ms) * 1_000_000)
                .boxed()
                .collect(Collectors.toList()));

        assertThat(p.medianMillis()).isEqualTo(50.0);
        assertThat(p.millis(99)).isEqualTo(99.0);
        assertThat(p.maxMillis()).isEqualTo(100.0);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Percentiles p = new Percentiles(List.of(3_000_000L));
        assertThat(p.millis(1)).isEqualTo(3.0);
        assertThat(p.millis(99)).isEqualTo(3.0);
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Percentiles(List.of()));
    }
}
