package dev.kling4j.cli;

import java.math.BigDecimal;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every generation command shares: waiting and output ({@link WaitFlags}), budget, dry run, emulator. */
final class RunOptions {
    @Mixin
    WaitFlags wait;

    @Option(
            names = "--max-cost",
            paramLabel = "USD",
            description = "Refuse, before anything is sent, when the estimate is higher.")
    BigDecimal maxCost;

    @Option(
            names = "--dry-run",
            description = "Print the request JSON, the estimate and the lint findings; send nothing (no key needed).")
    boolean dryRun;

    @Option(names = "--emulator", description = "Run against an embedded offline fal emulator (no key, no cost).")
    boolean emulator;

    @Option(
            names = "--no-live-prices",
            description =
                    "Estimate with kling4j's dated price table instead of fal's live prices (used by default with a key).")
    boolean noLivePrices;

    @Option(
            names = "--webhook",
            paramLabel = "URL",
            description = "Have fal POST the result to URL; returns right after the submit with the request id.")
    String webhook;

    @Option(
            names = "--cancel-on-interrupt",
            description = "On Ctrl-C, cancel the job at fal (default: it keeps running; resume later).")
    boolean cancelOnInterrupt;
}
