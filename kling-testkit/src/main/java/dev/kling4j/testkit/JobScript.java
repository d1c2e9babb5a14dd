package dev.kling4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How jobs run: queue and run times, queue positions, SSE misbehaviour, the outcome and the video.
 *
 * <p>A script is one layer of settings; unset settings fall through, in this order, to: the script of the
 * next job ({@link Script#nextJob()}), the endpoint's script ({@link Script#forEndpoint(String)}), the
 * emulator-wide defaults ({@link Script#defaults()}), and the built-in defaults (10 ms in queue, 30 ms
 * running, queue position 0, success). Setters return {@code this}; a script is thread-safe.
 *
 * <pre>{@code
 * emulator.script().forEndpoint("fal-ai/kling-video/o3/pro/image-to-video")
 *         .queueTime(Duration.ofMillis(200)).runTime(Duration.ofMillis(100)).queuePositions(3);
 * emulator.script().nextJob().failWith(503, "runner_disconnected", "the runner went away");
 * emulator.script().nextJob().output(Path.of("src/test/resources/known-clip.mp4"));
 * }</pre>
 */
public final class JobScript {
    private Duration queueTime;
    private Duration runTime;
    private Integer queuePositions;
    private Boolean hold;
    private Failure failure;
    private Rejection rejection;
    private Integer sseDropAfter;
    private Integer sseSilentAfter;
    private Boolean billableUnits;
    private Path output;

    JobScript() {}

    /**
     * Time a job waits in the queue (IN_QUEUE), shared evenly between its queue positions.
     *
     * @param time zero or more
     * @return this
     */
    public synchronized JobScript queueTime(Duration time) {
        this.queueTime = nonNegative(time, "queueTime");
        return this;
    }

    /**
     * Time a job runs (IN_PROGRESS) before it completes.
     *
     * @param time zero or more
     * @return this
     */
    public synchronized JobScript runTime(Duration time) {
        this.runTime = nonNegative(time, "runTime");
        return this;
    }

    /**
     * The number of queue positions a job goes through: it is submitted at {@code positions - 1} and moves
     * down to 0, one step per {@code queueTime / positions}.
     *
     * @param positions at least 1
     * @return this
     */
    public synchronized JobScript queuePositions(int positions) {
        if (positions < 1) {
            throw new IllegalArgumentException("queuePositions must be at least 1, was " + positions);
        }
        this.queuePositions = positions;
        return this;
    }

    /**
     * Keeps jobs IN_QUEUE until {@link FalEmulator#release(String)} or {@link FalEmulator#releaseAll()}; for
     * tests that must act while a job is waiting (cancel, many open streams) without racing a timer.
     *
     * @return this
     */
    public synchronized JobScript holdInQueue() {
        this.hold = true;
        return this;
    }

    /**
     * Makes jobs succeed (the default), undoing {@link #failWith} and {@link #rejectInput}.
     *
     * @return this
     */
    public synchronized JobScript succeed() {
        this.failure = Failure.NONE;
        this.rejection = Rejection.NONE;
        return this;
    }

    /**
     * Makes jobs end COMPLETED with {@code error} and {@code error_type} in their status; their result answers
     * {@code status} with {@code {"detail": message, "error_type": type}}.
     *
     * @param status the result's HTTP status, e.g. 500
     * @param errorType e.g. {@code runner_server_error}
     * @param message the error text
     * @return this
     */
    public synchronized JobScript failWith(int status, String errorType, String message) {
        this.failure = new Failure(
                status, Objects.requireNonNull(errorType, "errorType"), Objects.requireNonNull(message, "message"));
        return this;
    }

    /**
     * Makes jobs end COMPLETED and their result a 422 naming this field, as fal does for input its model
     * refuses (on top of whatever the emulator's own input check finds).
     *
     * @param field the wire name, e.g. {@code prompt}
     * @param message the {@code msg}
     * @return this
     */
    public synchronized JobScript rejectInput(String field, String message) {
        this.rejection =
                new Rejection(Objects.requireNonNull(field, "field"), Objects.requireNonNull(message, "message"));
        return this;
    }

    /**
     * Makes a job's SSE status streams close after this many events, before COMPLETED (a dropped stream).
     *
     * @param events events sent before the stream closes, at least 0
     * @return this
     */
    public synchronized JobScript sseDropAfter(int events) {
        this.sseDropAfter = atLeastZero(events, "sseDropAfter");
        return this;
    }

    /**
     * Leaves the {@code x-fal-billable-units} header out of the result, as some fal answers do, so that the
     * billed amount is unknown to the client (by default the emulator sends the billed seconds).
     *
     * @return this
     */
    public synchronized JobScript withoutBillableUnits() {
        this.billableUnits = false;
        return this;
    }

    /**
     * Makes a job's SSE status streams go silent after this many events: open, but no more events, until the
     * emulator closes.
     *
     * @param events events sent before the silence, at least 0
     * @return this
     */
    public synchronized JobScript sseSilentAfter(int events) {
        this.sseSilentAfter = atLeastZero(events, "sseSilentAfter");
        return this;
    }

    /**
     * Makes jobs return this file as their video instead of the one the emulator renders: for pipeline tests
     * that need specific content. The file is copied when the job completes (change or delete it afterwards
     * as you like) and served with its own name, a content type from its extension ({@code video/mp4} for
     * {@code .mp4}) and its size as {@code file_size}. A file gone by then fails the job (500,
     * {@code runner_server_error}).
     *
     * @param file an existing regular file
     * @return this
     * @throws IllegalArgumentException when the file does not exist or is not a regular file
     */
    public synchronized JobScript output(Path file) {
        Objects.requireNonNull(file, "output");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("output must be an existing file to serve as the job's video, " + "but "
                    + file.toAbsolutePath() + " is " + (Files.exists(file) ? "not a regular file" : "missing"));
        }
        this.output = file;
        return this;
    }

    synchronized void clear() {
        queueTime = null;
        runTime = null;
        queuePositions = null;
        hold = null;
        failure = null;
        rejection = null;
        sseDropAfter = null;
        sseSilentAfter = null;
        billableUnits = null;
        output = null;
    }

    /** Resolves layers, first non-null wins; the last layer must be complete. */
    static Plan resolve(JobScript... layers) {
        Duration q = null;
        Duration r = null;
        Integer p = null;
        Boolean h = null;
        Failure f = null;
        Rejection rej = null;
        Integer drop = null;
        Integer silent = null;
        Boolean billed = null;
        Path out = null;
        for (JobScript s : layers) {
            if (s == null) {
                continue;
            }
            synchronized (s) {
                q = q != null ? q : s.queueTime;
                r = r != null ? r : s.runTime;
                p = p != null ? p : s.queuePositions;
                h = h != null ? h : s.hold;
                f = f != null ? f : s.failure;
                rej = rej != null ? rej : s.rejection;
                drop = drop != null ? drop : s.sseDropAfter;
                silent = silent != null ? silent : s.sseSilentAfter;
                billed = billed != null ? billed : s.billableUnits;
                out = out != null ? out : s.output;
            }
        }
        return new Plan(
                q,
                r,
                p,
                h,
                f == Failure.NONE ? null : f,
                rej == Rejection.NONE ? null : rej,
                drop == null ? -1 : drop,
                silent == null ? -1 : silent,
                billed == null || billed,
                out);
    }

    static JobScript builtIn() {
        JobScript s = new JobScript();
        s.queueTime = Duration.ofMillis(10);
        s.runTime = Duration.ofMillis(30);
        s.queuePositions = 1;
        s.hold = false;
        s.failure = Failure.NONE;
        s.rejection = Rejection.NONE;
        return s;
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }

    private static int atLeastZero(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be at least 0, was " + n);
        }
        return n;
    }

    /** A scripted failed completion. */
    record Failure(int status, String errorType, String message) {
        static final Failure NONE = new Failure(0, "", "");
    }

    /** A scripted 422. */
    record Rejection(String field, String message) {
        static final Rejection NONE = new Rejection("", "");
    }

    /** One job's resolved script; {@code output} is null for the rendered video. */
    record Plan(
            Duration queueTime,
            Duration runTime,
            int queuePositions,
            boolean hold,
            Failure failure,
            Rejection rejection,
            int sseDropAfter,
            int sseSilentAfter,
            boolean billableUnits,
            Path output) {}
}
