package dev.kling4j.benchmarks;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** The line that opens every benchmark's output: what ran, where and when, so a table can be dated. */
final class Machine {
    private Machine() {}

    static String describe(String benchmark) {
        Runtime rt = Runtime.getRuntime();
        return String.format(
                "%s: %s, %d cores, max heap %d MiB, %s %s",
                benchmark,
                LocalDate.now(ZoneOffset.UTC),
                rt.availableProcessors(),
                rt.maxMemory() >> 20,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
    }
}
