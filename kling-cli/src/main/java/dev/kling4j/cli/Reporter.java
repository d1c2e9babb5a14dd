package dev.kling4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.LogEntry;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the user what happens. Human text goes to stderr (progress) and stdout (the result line); with
 * {@code --json}, stdout carries only one JSON object per line (events, then a final {@code result} or
 * {@code error}) and all human text goes to stderr.
 *
 * <p>How progress looks depends on whether stderr is a terminal. On a terminal there is one live line at the
 * bottom, redrawn in place: the job's status with its elapsed time ticking every second while fal works, or
 * the transfers under way as a bar that fits the terminal's width, with rate and time left; lasting messages
 * are printed above it, and {@code error:}/{@code warning:} are coloured unless {@code NO_COLOR} is set.
 * Anywhere else (a pipe, a file, CI logs) it writes plain lines: one per status change, one per quarter of a
 * transfer.
 */
final class Reporter implements AutoCloseable {
    /** A transfer bar is redrawn at most this often, unless its percentage changed. */
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Below this much elapsed time, a rate (and so a time left) would be noise. */
    private static final long RATE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final int MIN_BAR = 10;
    /** A file name on a progress line keeps at least this much before the rate and time left give way. */
    private static final int MIN_NAME = 8;
    /**
     * The CLI's own Jackson set-up (kling-core's is internal to it), configured alike: decimals read exact, so
     * prices and costs print as given; null fields left out.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private static final ObjectWriter JSON = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean terminal;
    private final boolean logs;
    private final Style style;
    private final CliContext ctx;

    private String lastStatus = "";
    private int logsShown;
    private boolean sawCompleted;
    private final Map<String, Integer> lastQuarter = new LinkedHashMap<>();

    private String liveStatus;
    private long waitStartNanos;
    private final Map<String, Transfer> transfers = new LinkedHashMap<>();
    private boolean drawn;
    private long lastDrawNanos;
    private int lastDrawPercent = -2;
    /** The room the transfer bar's figures have had so far: it only grows, so the bar never jumps back. */
    private int tailReserve;

    private ScheduledExecutorService ticker;
    private boolean stopped;
    /** An interrupt has had the last word: the command, still running while the JVM exits, prints no more. */
    private boolean ended;

    Reporter(CliContext ctx, boolean json, boolean logs) {
        this.ctx = ctx;
        this.out = ctx.out();
        this.err = ctx.err();
        this.json = json;
        this.terminal = ctx.terminal();
        this.logs = logs;
        this.style = ctx.style();
    }

    boolean json() {
        return json;
    }

    /** Whether fal reported the job COMPLETED during this command (a later failure is then not about the job). */
    synchronized boolean sawCompleted() {
        return sawCompleted;
    }

    /** A line of human text: on stdout normally, on stderr with --json. */
    synchronized void say(String text) {
        if (ended) {
            return;
        }
        clearLine();
        PrintWriter to = json ? err : out;
        to.println(text);
        to.flush();
        redraw(true);
    }

    /** A progress or warning line for humans, always on stderr, above the live line. */
    synchronized void note(String text) {
        if (ended) {
            return;
        }
        clearLine();
        err.println(style.label(text));
        err.flush();
        redraw(true);
    }

    /** One JSON event on stdout (only with --json). */
    synchronized void event(String type, Map<String, ?> fields) {
        if (!json || ended) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", type);
        e.putAll(fields);
        out.println(toJson(e));
        out.flush();
    }

    /**
     * JSON text, with every non-ASCII character escaped: the output then reads the same under any locale,
     * including one whose charset cannot write the prompt.
     */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON", e);
        }
    }

    void estimate(CostEstimate estimate) {
        note("estimate: " + estimate);
        estimate.priceNotice().ifPresent(n -> note("note: " + n));
        event("estimate", estimateFields(estimate));
    }

    static Map<String, Object> estimateFields(CostEstimate estimate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", estimate.endpoint().key());
        m.put("known", estimate.isKnown());
        m.put("total_usd", estimate.total().map(t -> t.toPlainString()).orElse(null));
        m.put("unknown_reason", estimate.unknownReason().orElse(null));
        m.put(
                "price_source",
                estimate.priceSource().map(p -> p.live() ? "live" : "table").orElse(null));
        m.put("price_date", estimate.priceSource().map(p -> p.date().toString()).orElse(null));
        m.put("price_verified", estimate.isVerified());
        m.put("price_notice", estimate.priceNotice().orElse(null));
        m.put("text", estimate.toString());
        return m;
    }

    void finding(Finding f) {
        note("lint: " + f);
        event("finding", findingFields(f));
    }

    static Map<String, Object> findingFields(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().name());
        m.put("field", f.field());
        m.put("start", f.start());
        m.put("end", f.end());
        m.put("reference", f.reference());
        m.put("message", f.message());
        m.put("fix", f.fix());
        return m;
    }

    void submitted(String requestId, String model, Path journalDir, boolean resumable) {
        note("submitted: request id " + requestId + " (" + model + ")"
                + (journalDir == null ? "" : ", journalled in " + journalDir));
        if (resumable) {
            note("  if this command stops, continue with: kling resume " + requestId);
        }
        event("submitted", Map.of("request_id", requestId, "model", model));
    }

    /**
     * The wait begins: on a terminal, the live status line appears and its clock starts ticking.
     *
     * @param startNanos when the wait began, on the context's clock
     */
    synchronized void waiting(long startNanos) {
        waitStartNanos = startNanos;
        if (!terminal || stopped) {
            return;
        }
        if (liveStatus == null) {
            liveStatus = "waiting for fal";
        }
        redraw(true);
        if (ctx.ticking() && ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kling-status-clock");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Redraws the live line with the time elapsed now: the clock's tick (tests call it by hand). */
    synchronized void tick() {
        redraw(true);
    }

    synchronized void status(JobStatus status, Duration elapsed) {
        boolean completed = status.isTerminal();
        sawCompleted |= completed;
        String text = status.status().value()
                + status.queuePosition().stream()
                        .mapToObj(p -> " (queue position " + p + ")")
                        .findFirst()
                        .orElse("");
        if (!text.equals(lastStatus)) {
            lastStatus = text;
            if (terminal && !completed) {
                liveStatus = text;
                waitStartNanos = ctx.nanoTime() - elapsed.toNanos();
                redraw(true);
            } else {
                liveStatus = null;
                note("status: " + text + " after " + elapsed.toSeconds() + " s");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request_id", status.requestId());
            m.put("status", status.status().value());
            m.put(
                    "queue_position",
                    status.queuePosition().isPresent() ? status.queuePosition().getAsInt() : null);
            m.put("elapsed_ms", elapsed.toMillis());
            event("status", m);
        }
        if (logs) {
            var entries = status.logs();
            // Each status carries the logs so far; show only the new ones.
            for (int i = logsShown; i < entries.size(); i++) {
                log(entries.get(i));
            }
            logsShown = Math.max(logsShown, entries.size());
        }
    }

    private void log(LogEntry entry) {
        note("log: " + entry.message());
        event("log", Map.of("message", entry.message(), "level", String.valueOf(entry.level())));
    }

    /** Upload or download progress: the live bar on a terminal, a line per quarter otherwise. */
    synchronized void transfer(String what, String name, long done, long total) {
        if (ended) {
            return;
        }
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        // The library names a file by its path (or URL); the file name is enough on a progress line.
        String key = what + " " + name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (!terminal) {
            int quarter = percent < 0 ? 0 : percent / 25;
            Integer last = lastQuarter.get(key);
            if (last != null && last >= quarter) {
                return;
            }
            lastQuarter.put(key, quarter);
            err.println(key + ": " + human(done) + (total > 0 ? " of " + human(total) + " (" + percent + "%)" : ""));
            err.flush();
            return;
        }
        long now = ctx.nanoTime();
        Transfer t = transfers.computeIfAbsent(key, k -> new Transfer(now));
        if (done < t.done && done > 0) {
            return; // the parts of a multipart upload report from several threads: a late, smaller figure
        }
        t.done = done;
        t.total = total;
        if (total > 0 && done >= total) {
            transfers.remove(key);
            if (transfers.isEmpty()) {
                tailReserve = 0;
            }
            note(finishedLine(key, done, now - t.startNanos));
            return;
        }
        int shown = aggregatePercent();
        if (shown != lastDrawPercent || now - lastDrawNanos >= REDRAW_NANOS) {
            redraw(false);
        }
    }

    /**
     * Ends the live line with a newline, so that what follows (an interrupt's message) starts on its own line
     * and the last status stays visible, and stops the clock.
     */
    synchronized void endLine() {
        stopTicker();
        stopped = true;
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    /**
     * An interrupt's message, on a line of its own, then with {@code --json} its error object, and nothing after
     * them: the command's own thread keeps running until the JVM halts, and its status events or lines must not
     * follow the error object that ends stdout.
     *
     * @param message the human text
     * @param error the error object's fields (without {@code event}), for {@code --json}
     */
    synchronized void lastWord(String message, Map<String, ?> error) {
        endLine();
        note(message);
        event("error", error);
        ended = true;
    }

    void result(VideoResult result, Path output) {
        Objects.requireNonNull(result, "result");
        synchronized (this) {
            liveStatus = null;
            clearLine();
        }
        if (output != null) {
            say("video written to " + output);
        } else {
            say("video: " + result.video().url());
        }
        say("billed: " + billed(result));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", result.requestId());
        m.put("model", result.endpoint().key());
        m.put("video_url", result.video().url());
        m.put("output", output == null ? null : output.toString());
        m.put(
                "file_size",
                result.video().fileSize().isPresent()
                        ? result.video().fileSize().getAsLong()
                        : null);
        m.put(
                "estimated_cost_usd",
                result.estimate()
                        .flatMap(CostEstimate::total)
                        .map(t -> t.toPlainString())
                        .orElse(null));
        m.put(
                "billed_units",
                result.billedUnits().map(BigDecimal::toPlainString).orElse(null));
        m.put("billed_usd", result.billedCost().map(BigDecimal::toPlainString).orElse(null));
        m.put("elapsed_ms", result.elapsed().toMillis());
        event("result", m);
    }

    /** What fal says it billed, in words: never "0" for "not said". */
    static String billed(VideoResult result) {
        if (result.billedUnits().isEmpty()) {
            return "unknown (fal did not report it for this request)";
        }
        String units = result.billedUnits().get().toPlainString() + " s";
        return result.billedCost()
                .map(c -> units + " = " + c.toPlainString() + " "
                        + result.estimate().orElseThrow().currency() + " at the estimate's rate")
                .orElse(units + " (its cost is unknown: no estimate was made for a re-attached job)");
    }

    /** The wait is over (whatever its outcome): the status line goes, and the clock stops. */
    synchronized void waitOver() {
        liveStatus = null;
        stopTicker();
        clearLine();
    }

    @Override
    public synchronized void close() {
        stopTicker();
        liveStatus = null;
        transfers.clear();
        clearLine();
        stopped = true;
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    // ------------------------------------------------------------------ the live line

    private void clearLine() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** Draws the live line: the transfers under way, else the status while waiting; nothing when neither. */
    private void redraw(boolean force) {
        if (!terminal || stopped) {
            return;
        }
        String line = transfers.isEmpty() ? statusLine() : transferLine();
        if (line == null) {
            clearLine();
            return;
        }
        int percent = transfers.isEmpty() ? -2 : aggregatePercent();
        if (!force && percent == lastDrawPercent && ctx.nanoTime() - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawPercent = percent;
        lastDrawNanos = ctx.nanoTime();
        err.print("\r" + fit(line, columns()) + "\033[K");
        err.flush();
        drawn = true;
    }

    /** Room on the line: one column less than the terminal, so that the last one never wraps. */
    private int columns() {
        return Math.max(20, ctx.width()) - 1;
    }

    private String statusLine() {
        if (liveStatus == null) {
            return null;
        }
        return "status: " + liveStatus + " · " + clock(ctx.nanoTime() - waitStartNanos);
    }

    private int aggregatePercent() {
        long done = 0;
        long total = 0;
        for (Transfer t : transfers.values()) {
            if (t.total <= 0) {
                return -1;
            }
            done += t.done;
            total += t.total;
        }
        return total <= 0 ? -1 : (int) Math.min(100, done * 100 / total);
    }

    /** {@code upload fox.png [#####     ] 45% 12.3/27.0 MB 8.1 MB/s 0:02 left}, fitted to the width. */
    private String transferLine() {
        long now = ctx.nanoTime();
        long done = 0;
        long total = 0;
        long start = Long.MAX_VALUE;
        boolean sized = true;
        String key = null;
        for (Map.Entry<String, Transfer> e : transfers.entrySet()) {
            Transfer t = e.getValue();
            done += t.done;
            total += Math.max(0, t.total);
            sized &= t.total > 0;
            start = Math.min(start, t.startNanos);
            key = e.getKey();
        }
        String what = key.substring(0, key.indexOf(' '));
        String name = transfers.size() == 1 ? key.substring(key.indexOf(' ') + 1) : transfers.size() + " files";
        long nanos = now - start;
        double rate = nanos >= RATE_AFTER_NANOS ? done * 1e9 / nanos : -1;
        String speed = rate > 0 ? " " + human((long) rate) + "/s" : "";
        String left = rate > 0 && sized ? " " + clock((long) ((total - done) / rate * 1e9)) + " left" : "";
        int width = columns();
        if (!sized) {
            return fit(what + " " + name + " " + human(done) + speed, width);
        }
        int percent = (int) Math.min(100, done * 100 / total);
        String amounts = " " + percent + "% " + sizes(done, total);
        // Room for the name: the whole line but the bar (at least MIN_BAR) and the figures. The name gives way
        // first (down to a few characters, keeping its end); then the rate and time left; then the name again.
        // The figures get the room of their usual widest form from the start, so that the bar keeps its length
        // when the rate appears and as the numbers change.
        String widest = " 100% " + sizes(total, total) + " 999.9 MB/s 9:59 left";
        String tail = amounts + speed + left;
        tailReserve = Math.max(tailReserve, Math.max(widest.length(), tail.length()));
        int reserve = tailReserve;
        int room = width - what.length() - 1 - 3 - MIN_BAR - reserve;
        if (room < Math.min(name.length(), MIN_NAME)) {
            tail = amounts;
            reserve = (" 100% " + sizes(total, total)).length();
            room = width - what.length() - 1 - 3 - MIN_BAR - reserve;
        }
        tail = tail + " ".repeat(Math.max(0, reserve - tail.length()));
        String label = what + " " + middle(name, Math.max(1, Math.min(name.length(), room)));
        int bar = Math.max(1, width - label.length() - 3 - tail.length());
        int filled = (int) ((long) bar * percent / 100);
        return fit(label + " [" + "#".repeat(filled) + " ".repeat(bar - filled) + "]" + tail, width)
                .stripTrailing();
    }

    /** The line a finished transfer leaves: {@code upload fox.png: 27.0 MB in 3.2 s (8.4 MB/s)}, fitted. */
    private String finishedLine(String key, long bytes, long nanos) {
        String what = key.substring(0, key.indexOf(' '));
        String name = key.substring(key.indexOf(' ') + 1);
        String stats = ": " + human(bytes) + " in " + seconds(nanos)
                + (nanos >= RATE_AFTER_NANOS ? " (" + human((long) (bytes * 1e9 / nanos)) + "/s)" : "");
        int room = columns() - what.length() - 1 - stats.length();
        return fit(what + " " + middle(name, Math.max(MIN_NAME, Math.min(name.length(), room))) + stats, columns());
    }

    /** Both amounts in the total's unit: {@code 12.3/27.0 MB}. */
    static String sizes(long done, long total) {
        String t = human(total);
        String unit = t.substring(t.indexOf(' '));
        String d = human(done);
        return d.endsWith(unit) ? d.substring(0, d.length() - unit.length()) + "/" + t : d + "/" + t;
    }

    /** Cuts text in the middle, so that a file name keeps its start and its extension: {@code a-rath…deo.mp4}. */
    static String middle(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        if (width < 5) {
            return fit(text, width);
        }
        int head = (width - 1) / 2;
        return text.substring(0, head) + "…" + text.substring(text.length() - (width - 1 - head));
    }

    /** Cuts text to a width, marking the cut with an ellipsis. */
    static String fit(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= 1 ? text.substring(0, Math.max(0, width)) : text.substring(0, width - 1) + "…";
    }

    static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024.0 * 1024.0));
    }

    /** Elapsed time as {@code m:ss}, or {@code h:mm:ss} past an hour. */
    static String clock(long nanos) {
        long s = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nanos));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** One transfer's progress on a terminal. */
    private static final class Transfer {
        final long startNanos;
        long done;
        long total;

        Transfer(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
