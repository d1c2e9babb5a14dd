package dev.kling4j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How to wait for a job and where its video goes: shared by the generation commands and {@code resume}. */
final class WaitFlags {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "PATH",
            description = "Where to write the video: a file, or a folder to write <request id>.mp4 into (default:"
                    + " the current folder; for resume, the journalled path). Checked before anything is sent.")
    String output;

    @Option(names = "--force", description = "Replace the --output file if it exists (default: refuse).")
    boolean force;

    @Option(
            names = "--deadline",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop waiting after e.g. 90s, 20m or 1h30m: generation commands then cancel the job at fal;"
                    + " resume leaves it running. Default: 30m, the library's.")
    Duration deadline;

    @Option(names = "--logs", description = "Show the model's logs while it runs.")
    boolean logs;

    @Option(
            names = "--json",
            description = "One JSON event per line on stdout, ending with a result or an error object;"
                    + " human text on stderr.")
    boolean json;

    @Option(names = "--no-download", description = "Print the video URL instead of downloading it.")
    boolean noDownload;
}
