package dev.kling4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak heap over a stretch of a run: the sum of the heap pools' peaks since {@link #start()}, an upper bound
 * of what was live at once (the pools peak at different moments). Starts after a GC, so that earlier garbage
 * does not count.
 */
final class HeapPeak {
    private static final long MIB = 1024 * 1024;
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();

    private HeapPeak() {}

    static HeapPeak start() {
        HeapPeak h = new HeapPeak();
        System.gc();
        h.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return h;
    }

    long bytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    long mebibytes() {
        return bytes() / MIB;
    }
}
