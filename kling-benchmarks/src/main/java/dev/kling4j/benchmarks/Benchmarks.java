package dev.kling4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * All of issue 10's scenarios in one run, each against its baseline measured in the same run, ending with
 * the targets and whether they were met:
 * <ol>
 *   <li>many jobs at once ({@link ManyJobsBench}): kling4j's async API against fal-client 0.7.1;</li>
 *   <li>completion latency ({@link CompletionLatencyBench}): SSE and polling, fal-client beside them;</li>
 *   <li>and 4. upload and download of a large file ({@link TransferBench}) against raw OkHttp, in a child JVM
 *       limited to {@code -Xmx64m};</li>
 *   <li>per-request overhead ({@link RequestOverheadBench}, JMH) against plain Jackson;</li>
 *   <li>the emulator's videos ({@link VideoRenderBench}, issue 16): time and bytes at each tier, against one
 *       whole frame drawn by Java2D, and what their layout adds to a job.</li>
 * </ol>
 * Everything runs on loopback against kling-testkit's emulator. The full run takes about eight minutes;
 * {@code --quick} shrinks every size (200 jobs, 40 latencies, 256 MiB, one short JMH fork) and takes under
 * two. Exits 1 only when a harness fails, not when a target is missed: the table says that.
 *
 * <pre>
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.Benchmarks --quick
 * </pre>
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** How the JMH scenario runs. */
    enum Jmh {
        /** With the benchmark's annotated forks and iterations. */
        FULL,
        /** One short fork. */
        QUICK,
        /** Not at all (the runner's own test). */
        SKIP
    }

    /**
     * The sizes of one run.
     *
     * @param jobs many jobs: how many
     * @param hold many jobs: how long the emulator holds each
     * @param jobRounds many jobs: runs of each kling4j setting
     * @param latency completion latency settings
     * @param transferMiB the file's size
     * @param transferRounds measured transfers of each variant
     * @param jmh how the per-request overhead runs
     * @param videoRounds emulator videos: measured renderings of each
     * @param videoJobs emulator videos: jobs per variant in the job timing
     */
    record Sizes(
            int jobs,
            Duration hold,
            int jobRounds,
            CompletionLatencyBench.Settings latency,
            int transferMiB,
            int transferRounds,
            Jmh jmh,
            int videoRounds,
            int videoJobs) {
        /** The sizes: 1,000 jobs held 2 s, 1 GiB. */
        static final Sizes FULL = new Sizes(
                1000,
                Duration.ofSeconds(2),
                3,
                new CompletionLatencyBench.Settings(40, 200, 5, 4, Duration.ofMillis(100), Duration.ofMillis(600), 42),
                1024,
                7,
                Jmh.FULL,
                5,
                300);
        /** Small enough for under two minutes. */
        static final Sizes QUICK = new Sizes(
                200,
                Duration.ofSeconds(2),
                1,
                new CompletionLatencyBench.Settings(10, 40, 2, 4, Duration.ofMillis(100), Duration.ofMillis(600), 42),
                256,
                3,
                Jmh.QUICK,
                2,
                100);
    }

    /** One target of the issue and how this run did. */
    record Verdict(String target, String measured, Boolean met) {
        String word() {
            return met == null ? "(no target)" : met ? "met" : "MISSED";
        }
    }

    /**
     * Runs every scenario and prints each table, then the targets.
     *
     * @param sizes the sizes
     * @param out where
     * @return the verdicts, in the order printed
     * @throws Exception when a harness fails
     */
    static List<Verdict> run(Sizes sizes, PrintStream out) throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        Duration hold = sizes.hold();

        section(out, "1. Many jobs at once: " + sizes.jobs() + " jobs, each held " + hold.toMillis() + " ms");
        List<ManyJobsBench.Row> jobs = ManyJobsBench.run(sizes.jobs(), hold, sizes.jobRounds());
        ManyJobsBench.print(jobs, out);
        ManyJobsBench.Row kling = jobs.stream()
                .filter(ManyJobsBench.Row::kling4jDefaults)
                .findFirst()
                .orElseThrow();
        verdicts.add(new Verdict(
                "many jobs: wall <= 1.25 x ideal",
                String.format(
                        "%.2f x (fal's last job done at %.2f x)",
                        kling.ratio(), (double) kling.lastAtFal().toMillis() / hold.toMillis()),
                kling.ratio() <= 1.25));
        verdicts.add(new Verdict(
                "many jobs: <= 32 live client threads",
                kling.peakClientThreads() + " threads",
                kling.peakClientThreads() <= 32));

        section(
                out,
                "2. Completion latency: " + sizes.latency().jobs() + " jobs per client, "
                        + sizes.latency().inFlight() + " at once");
        List<CompletionLatencyBench.Row> latency = CompletionLatencyBench.run(sizes.latency());
        CompletionLatencyBench.print(latency, out);
        CompletionLatencyBench.Row sse = latency.get(0);
        verdicts.add(new Verdict(
                "completion latency: SSE median <= 10 ms",
                String.format("%.2f ms (p99 %.2f ms)", sse.medianMs(), sse.p99Ms()),
                sse.medianMs() <= 10));

        section(out, "3-4. Upload and download of " + sizes.transferMiB() + " MiB, child JVM with -Xmx64m");
        verdicts.addAll(transfers(sizes, out));

        if (sizes.jmh() != Jmh.SKIP) {
            section(out, "5. Per-request overhead (JMH" + (sizes.jmh() == Jmh.QUICK ? ", one short fork" : "") + ")");
            RequestOverheadBench.print(RequestOverheadBench.run(sizes.jmh() == Jmh.QUICK, false), out);
        }

        section(out, "6. Emulator videos: 5 s and 15 s at each tier; what their layout adds to a job");
        VideoRenderBench.Report videos = VideoRenderBench.run(sizes.videoRounds(), sizes.videoJobs());
        VideoRenderBench.print(videos, out);
        VideoRenderBench.Row uhd = videos.row("4k", 15);
        verdicts.add(new Verdict(
                "emulator video, 4k 15 s: render < 1 s of CPU",
                String.format(
                        "%.0f ms (%.2f x one whole frame)",
                        uhd.renderCpuMs(), uhd.renderCpuMs() / videos.baselineFrameMs()),
                uhd.renderCpuMs() < 1000));
        verdicts.add(new Verdict(
                "emulator video, 4k 15 s: < 10 MB",
                String.format("%.2f MB", uhd.bytes() / 1e6),
                uhd.bytes() < 10_000_000));
        if (!videos.jobs().isEmpty()) {
            VideoRenderBench.JobRow job = videos.jobs().get(1);
            verdicts.add(new Verdict(
                    "emulator video: job to result <= 1.1 x baseline",
                    String.format("%.2f x (%.2f ms)", job.ratio(), job.medianMs()),
                    job.ratio() <= 1.1));
        }

        section(out, "Targets");
        for (Verdict v : verdicts) {
            out.printf("%-48s %-42s %s%n", v.target(), v.measured(), v.word());
        }
        return verdicts;
    }

    /** Runs {@link TransferBench} in a child JVM at {@code -Xmx64m}, relaying its output. */
    private static List<Verdict> transfers(Sizes sizes, PrintStream out) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TransferBench.class.getName(),
                        "--size-mib",
                        Integer.toString(sizes.transferMiB()),
                        "--rounds",
                        Integer.toString(sizes.transferRounds()),
                        "--json")
                .redirectErrorStream(true)
                .start();
        List<TransferBench.Row> rows = List.of();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Optional<List<TransferBench.Row>> reported = TransferBench.rowsOf(line);
                if (reported.isPresent()) {
                    rows = reported.get();
                } else if (!line.startsWith("SLF4J")) {
                    out.println(line);
                }
            }
        }
        boolean passed = child.waitFor() == 0 && !rows.isEmpty();
        List<Verdict> verdicts = new ArrayList<>();
        String size = sizes.transferMiB() + " MiB";
        if (!passed) {
            verdicts.add(new Verdict("upload and download at -Xmx64m", "the child JVM failed (see above)", false));
            return verdicts;
        }
        TransferBench.Row multipart = find(rows, r -> r.variant().equals(TransferBench.KLING_MULTIPART));
        TransferBench.Row single = find(rows, r -> r.variant().equals(TransferBench.KLING_SINGLE));
        TransferBench.Row download = find(rows, r -> r.variant().equals(TransferBench.KLING_DOWNLOAD));
        verdicts.add(new Verdict(
                "upload " + size + ": >= 0.9 x raw OkHttp PUT",
                String.format("%.2f x in parts (%.2f x in one PUT)", multipart.ratio(), single.ratio()),
                multipart.ratio() >= 0.9));
        verdicts.add(new Verdict(
                "download " + size + ": >= 0.9 x raw OkHttp GET",
                String.format("%.2f x", download.ratio()),
                download.ratio() >= 0.9));
        long peak =
                rows.stream().mapToLong(TransferBench.Row::peakHeapMiB).max().orElse(0);
        verdicts.add(new Verdict("upload and download pass at -Xmx64m", "passed, peak heap " + peak + " MiB", true));
        return verdicts;
    }

    private static TransferBench.Row find(List<TransferBench.Row> rows, Predicate<TransferBench.Row> which) {
        return rows.stream()
                .filter(which)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the transfer benchmark reported no such row: " + rows));
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println("== " + title);
    }

    /**
     * Runs every scenario: {@code --quick} for the small sizes.
     *
     * @param args the options
     * @throws Exception when a harness fails
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args, List.of(), List.of("--quick"));
        Sizes sizes = a.flag("--quick") ? Sizes.QUICK : Sizes.FULL;
        long start = System.nanoTime();
        System.out.println(Machine.describe("kling4j benchmarks" + (a.flag("--quick") ? " (quick)" : "")));
        run(sizes, System.out);
        System.out.printf("%nran in %.0f s%n", (System.nanoTime() - start) / 1e9);
        System.exit(0);
    }
}
