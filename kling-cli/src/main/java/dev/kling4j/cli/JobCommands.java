package dev.kling4j.cli;

import dev.kling4j.core.job.VideoJob;
import dev.kling4j.core.job.VideoResult;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.WaitOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands about requests already submitted: {@code jobs}, {@code status}, {@code result}, {@code cancel}, {@code resume}. */
final class JobCommands {
    private JobCommands() {}

    @Command(name = "jobs", description = "List the journalled requests ($KLING_HOME/jobs), oldest first, with their state.",
            footerHeading = "%nExample:%n", footer = "  kling jobs --open")
    static final class Jobs implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--open", description = "Only the requests not finished yet (resumable).")
        boolean open;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Jobs(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<JournalEntry> entries = ctx.journal().list().stream()
                    .filter(e -> !open || e.state() == JournalState.OPEN).toList();
            if (json) {
                ctx.out().println(Reporter.toJson(entries.stream().map(JobCommands::describe).toList()));
            } else if (entries.isEmpty()) {
                ctx.out().println("no journalled requests in " + ctx.home().resolve("jobs"));
            } else {
                String format = "%-38s %-24s %-9s %-20s %-8s %s%n";
                ctx.out().printf(format, "REQUEST ID", "MODEL", "STATE", "CREATED", "EST USD", "OUTPUT");
                for (JournalEntry e : entries) {
                    ctx.out().printf(format, e.requestId(), e.modelKey(), e.state(),
                            e.createdAt().toString().substring(0, 19).replace('T', ' '),
                            e.estimate().map(b -> b.toPlainString()).orElse("?"), e.outputPath().orElse(""));
                }
            }
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> describe(JournalEntry e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("request_id", e.requestId());
        d.put("endpoint_id", e.endpointId());
        d.put("model", e.modelKey());
        d.put("created_at", e.createdAt().toString());
        d.put("state", e.state().name());
        d.put("output", e.output());
        d.put("estimated_cost_usd", e.estimate().map(b -> b.toPlainString()).orElse(null));
        return d;
    }

    /** A command about one request id; the journal knows its model, or --model says it. */
    abstract static class ById implements Callable<Integer> {
        final CliContext ctx;

        @Parameters(paramLabel = "REQUEST_ID", description = "fal's request id (see `kling jobs`).")
        String requestId;

        @Option(names = {"-m", "--model"}, paramLabel = "KEY",
                description = "The model it was submitted to, when it is not in the journal.")
        String model;

        ById(CliContext ctx) {
            this.ctx = ctx;
        }

        Optional<JournalEntry> entry() {
            return ctx.journal().find(requestId);
        }

        BaseVideoModel<?> model() {
            if (model != null) {
                return ctx.models().get(model);
            }
            return entry().map(e -> ctx.models().get(e.endpointId())).orElseThrow(() -> CliException.usage(
                    "request " + requestId + " is not in the journal (" + ctx.home().resolve("jobs")
                            + "): say which model it ran on with --model KEY"));
        }

        VideoJob attach(CliContext.Session session, WaitOptions wait) {
            return model().attach(session.client(), requestId, wait);
        }
    }

    @Command(name = "status", description = "Ask fal once where a request stands.",
            footerHeading = "%nExample:%n", footer = "  kling status 3f1c…")
    static final class Status extends ById {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Status(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            model();
            try (CliContext.Session s = ctx.connect(false)) {
                JobStatus st = attach(s, WaitOptions.defaults()).status();
                if (json) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("request_id", requestId);
                    d.put("status", st.status().value());
                    d.put("queue_position", st.queuePosition().isPresent() ? st.queuePosition().getAsInt() : null);
                    d.put("error", st.error().orElse(null));
                    ctx.out().println(Reporter.toJson(d));
                    ctx.out().flush();
                    return ExitCodes.OK;
                }
                ctx.out().println(requestId + ": " + st.status().value()
                        + st.queuePosition().stream().mapToObj(p -> " (queue position " + p + ")").findFirst().orElse("")
                        + st.error().map(e -> ": " + e).orElse(""));
                ctx.out().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "result", description = {"Fetch a finished request's video URL (and download it with --output).",
        "Exits 5 when it has not finished yet (use resume to wait), 4 when it failed."},
            footerHeading = "%nExample:%n", footer = "  kling result 3f1c… --output fox.mp4")
    static final class Result extends ById {
        @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Also download the video here.")
        String output;

        @Option(names = "--json", description = "Print the result as JSON on stdout.")
        boolean json;

        Result(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            model();
            Reporter rep = new Reporter(ctx, json, false);
            try (CliContext.Session s = ctx.connect(false)) {
                VideoJob job = attach(s, WaitOptions.defaults());
                JobStatus st = job.status();
                if (!st.isTerminal()) {
                    throw new CliException(ExitCodes.DEADLINE, requestId + " has not finished yet (" + st.status().value()
                            + "); wait for it with: kling resume " + requestId);
                }
                if (output == null) {
                    VideoResult result = job.await();
                    rep.result(result, null);
                    return ExitCodes.OK;
                }
                return Generation.finish(ctx, rep, ctx.journal(), job, ctx.resolve(output), null);
            }
        }
    }

    @Command(name = "cancel", description = "Ask fal to cancel a request (a queued job never runs; a running one is signalled).",
            footerHeading = "%nExample:%n", footer = "  kling cancel 3f1c…")
    static final class Cancel extends ById {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Cancel(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            model();
            try (CliContext.Session s = ctx.connect(false)) {
                CancelResult r = attach(s, WaitOptions.defaults()).cancel();
                if (r.accepted()) {
                    ctx.journal().update(requestId, JournalState.CANCELLED);
                }
                if (json) {
                    ctx.out().println(Reporter.toJson(Map.of("request_id", requestId, "cancelled", r.accepted(),
                            "status", String.valueOf(r.status()))));
                } else if (r.accepted()) {
                    ctx.out().println("cancelled " + requestId);
                } else {
                    ctx.out().println("not cancelled: " + requestId + " is " + r.status());
                }
                ctx.out().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "resume", description = {"Re-attach to a submitted request, wait for it and download the video.",
        "Never resubmits: nothing is paid twice. The output path is the one journalled, unless --output says otherwise."},
            footerHeading = "%nExample:%n", footer = "  kling resume 3f1c…")
    static final class Resume extends ById {
        @Mixin
        WaitFlags wait;

        Resume(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            BaseVideoModel<?> m = model();
            RequestJournal journal = ctx.journal();
            Optional<JournalEntry> entry = entry();
            Path target = wait.noDownload ? null : wait.output != null ? ctx.resolve(wait.output)
                    : entry.flatMap(JournalEntry::outputPath).map(Path::of)
                            .orElseGet(() -> Generation.outputOf(ctx, null, requestId));
            if (entry.isEmpty()) {
                journal.record(JournalEntry.open(requestId, m.endpointId(), m.key(), Instant.now(),
                        target == null ? null : target.toString(), null));
            }
            Reporter rep = new Reporter(ctx, wait.json, wait.logs);
            try (CliContext.Session s = ctx.connect(false)) {
                rep.note("resuming " + requestId + " (" + m.key() + "); nothing is resubmitted");
                VideoJob job = attach(s, Generation.waitOptions(wait.deadline, wait.logs, rep, System.nanoTime()));
                return Generation.finish(ctx, rep, journal, job, target, wait.deadline);
            }
        }
    }
}
