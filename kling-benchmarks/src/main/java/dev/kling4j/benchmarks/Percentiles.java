package dev.kling4j.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of a sample of durations in nanoseconds (nearest-rank). */
final class Percentiles {
    private final long[] sorted;

    Percentiles(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The value below which {@code p} percent of the sample lies, in milliseconds. */
    double millis(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double medianMillis() {
        return millis(50);
    }

    double maxMillis() {
        return sorted[sorted.length - 1] / 1e6;
    }

    int count() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return "Percentiles" + Arrays.toString(sorted);
    }
}
