package dev.kling4j.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every generation command shares: where the video goes, budget, waiting, output format. */
final class RunOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Where to write the video (default: <request id>.mp4 in the current directory).")
    String output;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Refuse, before anything is sent, when the estimate is higher.")
    BigDecimal maxCost;

    @Option(names = "--dry-run", description = "Print the request JSON, the estimate and the lint findings; send nothing (no key needed).")
    boolean dryRun;

    @Option(names = "--emulator", description = "Run against an embedded offline fal emulator (no key, no cost).")
    boolean emulator;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give up waiting after e.g. 20m (the job is cancelled at fal); default: wait.")
    Duration deadline;

    @Option(names = "--logs", description = "Show the model's logs while it runs.")
    boolean logs;

    @Option(names = "--json", description = "One JSON event per line on stdout, then a final result object; human text on stderr.")
    boolean json;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "Have fal POST the result to URL; returns right after the submit with the request id.")
    String webhook;

    @Option(names = "--cancel-on-interrupt", description = "On Ctrl-C, cancel the job at fal (default: it keeps running; resume later).")
    boolean cancelOnInterrupt;

    @Option(names = "--no-download", description = "Print the video URL instead of downloading it.")
    boolean noDownload;
}
