package dev.kling4j.benchmarks;

import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.TestVideo;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's videos (issue 16): what a job's real, playable output costs.
 *
 * <p>First, each tier's size at 5 s and 15 s: the layout done when a job completes (which gives
 * {@code file_size} exactly), for a video of a new kind and for one alike a video laid out before (whose
 * layout {@link TestVideo} kept), then the rendering done on its first download (CPU time of the thread, the
 * steadier figure on a shared machine, and wall time), and the bytes. The baseline, in the same run, is what one frame costs a renderer
 * that draws every frame whole: one 3840x2160 frame drawn by Java2D (fill and text) and read back as pixels,
 * before any encoding (in CPU time; "x one frame" is a video's rendering CPU time over it). Medians of the rounds, after a warm-up; the first rendering in the JVM, which sets up
 * the JDK's fonts, is reported apart.
 *
 * <p>Second, what the layout adds to a job: submit to result in hand, jobs one after the other on one
 * emulator (no queue or run time), with the video laid out at completion, against the baseline of a job
 * scripted to return a small file of its own (copied at completion, as the emulator wrote its former
 * header-only MP4), taking turns.
 *
 * <pre>
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.VideoRenderBench --rounds 5 --jobs 300
 * </pre>
 */
public final class VideoRenderBench {
    /** The prompt of every video: the README's quick start. */
    static final String PROMPT = "A red fox runs through fresh snow";
    /** The baseline of the job timing. */
    static final String SCRIPTED = "job returning a scripted 505-byte file (baseline)";
    /** The job timing of the emulator's default output. */
    static final String RENDERED = "job returning its rendered video (laid out at completion)";

    /** Layouts timed together per round: one takes well under a millisecond. */
    private static final int LAYOUTS_PER_ROUND = 20;

    private VideoRenderBench() {}

    /**
     * One video's figures.
     *
     * @param tier standard, pro or 4k
     * @param width pixels
     * @param height pixels
     * @param seconds duration
     * @param layoutMs median CPU time to lay out a video of a new kind (at completion), of rounds of 20
     * @param layoutAlikeMs the same for a video alike one laid out before (the layout TestVideo kept)
     * @param renderCpuMs median CPU time to render it (at the first download)
     * @param renderWallMs median wall time to render it
     * @param bytes the file's size
     */
    record Row(
            String tier,
            int width,
            int height,
            int seconds,
            double layoutMs,
            double layoutAlikeMs,
            double renderCpuMs,
            double renderWallMs,
            long bytes) {}

    /**
     * The job timing of one variant.
     *
     * @param variant what the job returns
     * @param jobs how many ran
     * @param medianMs submit to result in hand, median
     * @param p90Ms its 90th percentile
     * @param ratio median over the baseline's median
     */
    record JobRow(String variant, int jobs, double medianMs, double p90Ms, double ratio) {}

    /**
     * Everything one run measured.
     *
     * @param rows the videos, by tier and duration
     * @param baselineFrameMs the baseline: one whole 4k frame drawn and read back, median CPU ms
     * @param firstRenderMs the JVM's first rendering (font set-up included), wall ms
     * @param jobs the job timings, baseline first
     */
    record Report(List<Row> rows, double baselineFrameMs, double firstRenderMs, List<JobRow> jobs) {
        Row row(String tier, int seconds) {
            return rows.stream()
                    .filter(r -> r.tier().equals(tier) && r.seconds() == seconds)
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * Runs both parts.
     *
     * @param rounds measured rounds of each video, after one warm-up round
     * @param jobs jobs per variant in the job timing (0 skips it)
     * @return the figures
     * @throws IOException when the scripted file cannot be written
     */
    static Report run(int rounds, int jobs) throws IOException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long first = System.nanoTime();
        video(1280, 720, 5, PROMPT).writeTo(OutputStream.nullOutputStream());
        double firstRenderMs = (System.nanoTime() - first) / 1e6;

        Object[][] tiers = {{"standard", 1280, 720}, {"pro", 1920, 1080}, {"4k", 3840, 2160}};
        List<Row> rows = new ArrayList<>();
        for (Object[] t : tiers) {
            for (int seconds : new int[] {5, 15}) {
                List<Long> layout = new ArrayList<>();
                List<Long> layoutAlike = new ArrayList<>();
                List<Long> renderCpu = new ArrayList<>();
                List<Long> renderWall = new ArrayList<>();
                TestVideo v = null;
                for (int i = 0;
                        i < LAYOUTS_PER_ROUND * 10;
                        i++) { // the layout runs once per job: warm it as jobs would
                    video((int) t[1], (int) t[2], seconds, PROMPT + " " + "x".repeat(i % LAYOUTS_PER_ROUND));
                }
                for (int round = -1; round < rounds; round++) { // round -1 warms up, unmeasured
                    long c0 = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < LAYOUTS_PER_ROUND; i++) {
                        // a prompt length not seen before: not one of the layouts TestVideo keeps
                        int n = LAYOUTS_PER_ROUND * (round + 2) + i;
                        video((int) t[1], (int) t[2], seconds, PROMPT + " " + "x".repeat(n));
                    }
                    long c1 = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < LAYOUTS_PER_ROUND; i++) {
                        v = video((int) t[1], (int) t[2], seconds, PROMPT);
                    }
                    long c2 = cpu.getCurrentThreadCpuTime();
                    long t2 = System.nanoTime();
                    writeTo(v);
                    long t3 = System.nanoTime();
                    long c3 = cpu.getCurrentThreadCpuTime();
                    if (round >= 0) {
                        layout.add((c1 - c0) / LAYOUTS_PER_ROUND);
                        layoutAlike.add((c2 - c1) / LAYOUTS_PER_ROUND);
                        renderCpu.add(c3 - c2);
                        renderWall.add(t3 - t2);
                    }
                }
                rows.add(new Row(
                        (String) t[0],
                        (int) t[1],
                        (int) t[2],
                        seconds,
                        new Percentiles(layout).medianMillis(),
                        new Percentiles(layoutAlike).medianMillis(),
                        new Percentiles(renderCpu).medianMillis(),
                        new Percentiles(renderWall).medianMillis(),
                        v.fileSize()));
            }
        }
        List<Long> frame = new ArrayList<>();
        for (int round = -1; round < Math.max(3, rounds); round++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            wholeFrame(3840, 2160);
            if (round >= 0) {
                frame.add(cpu.getCurrentThreadCpuTime() - c0);
            }
        }
        List<JobRow> jobRows = jobs > 0 ? jobs(jobs) : List.of();
        return new Report(rows, new Percentiles(frame).medianMillis(), firstRenderMs, jobRows);
    }

    /** A video as the emulator makes one for a text-to-video job with sound. */
    static TestVideo video(int width, int height, int seconds, String prompt) {
        return TestVideo.builder(width, height, Duration.ofSeconds(seconds))
                .caption("kling4j fal emulator \u00b7 kling_o3_standard_t2v")
                .caption("fal-ai/kling-video/o3/standard/text-to-video")
                .caption("request 0d6f2c3e-8a51-4c55-9b0a-3f2e1d6c7b8a")
                .prompt(prompt)
                .audio(true)
                .build();
    }

    private static void writeTo(TestVideo v) {
        try {
            v.writeTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a frame-by-frame renderer pays per frame before encoding: draw the whole frame and read it back. */
    private static int[] wholeFrame(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(0x18202e));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 56));
            g.drawString(PROMPT, 64, 300);
        } finally {
            g.dispose();
        }
        return img.getRGB(0, 0, width, height, null, 0, width);
    }

    private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\":\"([^\"]+)\"");

    /** Submit to result in hand, the two variants taking turns on one emulator. */
    private static List<JobRow> jobs(int jobs) throws IOException {
        Path small = Files.createTempFile("kling4j-video-bench", ".mp4");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, List<Long>> times = new TreeMap<>();
        try (FalEmulator fal = FalEmulator.start()) {
            Files.write(small, new byte[505]);
            fal.script().defaults().queueTime(Duration.ZERO).runTime(Duration.ZERO);
            for (int i = -20; i < jobs; i++) { // 20 warm-up pairs, unmeasured
                for (String variant : i % 2 == 0 ? List.of(SCRIPTED, RENDERED) : List.of(RENDERED, SCRIPTED)) {
                    if (variant.equals(SCRIPTED)) {
                        fal.script().nextJob().output(small);
                    }
                    long t = oneJob(fal, http);
                    if (i >= 0) {
                        times.computeIfAbsent(variant, k -> new ArrayList<>()).add(t);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(small);
        }
        Percentiles base = new Percentiles(times.get(SCRIPTED));
        Percentiles rendered = new Percentiles(times.get(RENDERED));
        return List.of(
                new JobRow(SCRIPTED, jobs, base.medianMillis(), base.millis(90), 1.0),
                new JobRow(
                        RENDERED,
                        jobs,
                        rendered.medianMillis(),
                        rendered.millis(90),
                        rendered.medianMillis() / base.medianMillis()));
    }

    private static long oneJob(FalEmulator fal, HttpClient http) {
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> submitted = http.send(
                    HttpRequest.newBuilder(URI.create(fal.queueUrl() + "/fal-ai/kling-video/o3/standard/text-to-video"))
                            .header("Authorization", "Key bench")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"prompt\":\"" + PROMPT + "\",\"duration\":\"5\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = REQUEST_ID.matcher(submitted.body());
            if (!id.find() || !fal.awaitCompleted(id.group(1), Duration.ofSeconds(10))) {
                throw new IllegalStateException("the job did not complete: " + submitted.body());
            }
            HttpResponse<String> result = http.send(
                    HttpRequest.newBuilder(URI.create(fal.queueUrl() + "/fal-ai/kling-video/requests/" + id.group(1)))
                            .header("Authorization", "Key bench")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            if (result.statusCode() != 200 || !result.body().contains("file_size")) {
                throw new IllegalStateException("the result answered " + result.statusCode() + ": " + result.body());
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints the tables.
     *
     * @param report the figures
     * @param out where
     */
    static void print(Report report, PrintStream out) {
        out.printf(
                "%-9s %10s %3s %14s %13s %14s %15s %6s %12s%n",
                "tier",
                "size",
                "s",
                "layout CPU ms",
                "(alike) ms",
                "render CPU ms",
                "render wall ms",
                "MB",
                "x one frame");
        for (Row r : report.rows()) {
            out.printf(
                    "%-9s %10s %3d %14.3f %13.3f %14.1f %15.1f %6.2f %12.2f%n",
                    r.tier(),
                    r.width() + "x" + r.height(),
                    r.seconds(),
                    r.layoutMs(),
                    r.layoutAlikeMs(),
                    r.renderCpuMs(),
                    r.renderWallMs(),
                    r.bytes() / 1e6,
                    r.renderCpuMs() / report.baselineFrameMs());
        }
        out.printf(
                "baseline: one 3840x2160 frame drawn by Java2D and read back, %.1f ms of CPU (median)%n",
                report.baselineFrameMs());
        out.printf(
                "the JVM's first rendering (1280x720, 5 s; the JDK's font set-up included): %.0f ms%n",
                report.firstRenderMs());
        if (!report.jobs().isEmpty()) {
            out.printf(
                    "%n%-58s %6s %10s %8s %7s%n",
                    "submit to result in hand, one job at a time", "jobs", "median ms", "p90 ms", "ratio");
            for (JobRow j : report.jobs()) {
                out.printf("%-58s %6d %10.3f %8.3f %7.2f%n", j.variant(), j.jobs(), j.medianMs(), j.p90Ms(), j.ratio());
            }
        }
    }

    /**
     * Runs the benchmark: {@code --rounds R} (default 5), {@code --jobs N} per variant (default 300).
     *
     * @param args the options
     * @throws IOException when the scripted file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, "--rounds", "--jobs");
        System.out.println(Machine.describe("emulator videos"));
        print(run(a.intValue("--rounds", 5), a.intValue("--jobs", 300)), System.out);
        System.exit(0);
    }
}
