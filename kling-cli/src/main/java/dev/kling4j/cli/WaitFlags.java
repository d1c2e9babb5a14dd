package dev.kling4j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How to wait for a job and where its video goes: shared by the generation commands and {@code resume}. */
final class WaitFlags {
    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Where to write the video (default: <request id>.mp4 in the current directory; for resume, the journalled path).")
    String output;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give up waiting after e.g. 20m (the job is cancelled at fal); default: wait.")
    Duration deadline;

    @Option(names = "--logs", description = "Show the model's logs while it runs.")
    boolean logs;

    @Option(names = "--json", description = "One JSON event per line on stdout, then a final result object; human text on stderr.")
    boolean json;

    @Option(names = "--no-download", description = "Print the video URL instead of downloading it.")
    boolean noDownload;
}
