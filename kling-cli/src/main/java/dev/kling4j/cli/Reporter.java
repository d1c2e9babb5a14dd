package dev.kling4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.job.VideoResult;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.LogEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tells the user what happens. Human text goes to stderr (progress) and stdout (the result line); with
 * {@code --json}, stdout carries only one JSON object per line (events, then a final {@code result}) and
 * all human text goes to stderr.
 */
final class Reporter {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean terminal;
    private final boolean logs;
    private String lastStatus = "";
    private int logsShown;
    private final Map<String, Integer> lastPercent = new LinkedHashMap<>();

    Reporter(CliContext ctx, boolean json, boolean logs) {
        this.out = ctx.out();
        this.err = ctx.err();
        this.json = json;
        this.terminal = ctx.terminal();
        this.logs = logs;
    }

    boolean json() {
        return json;
    }

    /** A line of human text: on stdout normally, on stderr with --json. */
    synchronized void say(String text) {
        (json ? err : out).println(text);
        (json ? err : out).flush();
    }

    /** A progress or warning line for humans, always on stderr. */
    synchronized void note(String text) {
        err.println(text);
        err.flush();
    }

    /** One JSON event on stdout (only with --json). */
    synchronized void event(String type, Map<String, ?> fields) {
        if (!json) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", type);
        e.putAll(fields);
        out.println(toJson(e));
        out.flush();
    }

    static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Object parse(String json) {
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON", e);
        }
    }

    void estimate(CostEstimate estimate) {
        note("estimate: " + estimate);
        event("estimate", estimateFields(estimate));
    }

    static Map<String, Object> estimateFields(CostEstimate estimate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", estimate.endpoint().key());
        m.put("known", estimate.isKnown());
        m.put("total_usd", estimate.total().map(t -> t.toPlainString()).orElse(null));
        m.put("unknown_reason", estimate.unknownReason().orElse(null));
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

    synchronized void status(JobStatus status, Duration elapsed) {
        String line = status.status().value()
                + status.queuePosition().stream().mapToObj(p -> " (queue position " + p + ")").findFirst().orElse("");
        if (!line.equals(lastStatus)) {
            lastStatus = line;
            note("status: " + line + " after " + elapsed.toSeconds() + " s");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request_id", status.requestId());
            m.put("status", status.status().value());
            m.put("queue_position", status.queuePosition().isPresent() ? status.queuePosition().getAsInt() : null);
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

    /** Upload or download progress: a bar on a terminal, a line per quarter otherwise. */
    synchronized void transfer(String what, String name, long done, long total) {
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        // The library names a file by its path; the file name is enough on a progress line.
        String key = what + " " + name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        Integer last = lastPercent.get(key);
        if (terminal) {
            if (last != null && last == percent && percent != 100) {
                return;
            }
            lastPercent.put(key, percent);
            int filled = percent < 0 ? 0 : percent / 5;
            err.print("\r" + key + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] "
                    + (percent < 0 ? "" : percent + "% ") + human(done) + (total > 0 ? "/" + human(total) : ""));
            if (percent == 100) {
                err.println();
            }
            err.flush();
        } else {
            int quarter = percent < 0 ? 0 : percent / 25;
            if (last != null && last >= quarter) {
                return;
            }
            lastPercent.put(key, quarter);
            err.println(key + ": " + human(done) + (total > 0 ? " of " + human(total) + " (" + percent + "%)" : ""));
            err.flush();
        }
    }

    private static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    void result(VideoResult result, Path output) {
        Objects.requireNonNull(result, "result");
        if (output != null) {
            say("video written to " + output);
        } else {
            say("video: " + result.video().url());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", result.requestId());
        m.put("model", result.endpoint().key());
        m.put("video_url", result.video().url());
        m.put("output", output == null ? null : output.toString());
        m.put("file_size", result.video().fileSize().isPresent() ? result.video().fileSize().getAsLong() : null);
        m.put("estimated_cost_usd", result.estimate().flatMap(CostEstimate::total).map(t -> t.toPlainString()).orElse(null));
        m.put("elapsed_ms", result.elapsed().toMillis());
        event("result", m);
    }
}
