package dev.kling4j.cli;

import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoJob;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
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
    /** Request ids in the table are cut to their shortest unique prefix, but never below this. */
    private static final int MIN_ID = 8;

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private JobCommands() {}

    @Command(
            name = "jobs",
            description = {
                "List the journalled requests ($KLING_HOME/jobs), newest first, with their state.",
                "On a terminal, ids are cut to a prefix that is still unique (every command takes one) and the table fits"
                        + " the width. --refresh first asks fal about the open ones and records what it says."
            },
            footerHeading = "%nExamples:%n",
            footer = {"kling jobs --open", "kling jobs --refresh"})
    static final class Jobs implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--open", description = "Only the requests whose video has not been fetched yet (resumable).")
        boolean open;

        @Option(
                names = "--refresh",
                description = "Ask fal where each open request stands, update the journal, show it.")
        boolean refresh;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Jobs(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            RequestJournal journal = ctx.journal();
            Map<String, String> atFal = refresh ? refresh(journal) : Map.of();
            List<JournalEntry> all = new ArrayList<>(journal.list());
            Collections.reverse(all); // the journal lists oldest first
            List<JournalEntry> entries = all.stream()
                    .filter(e -> !open || e.state() == JournalState.OPEN)
                    .toList();
            if (json) {
                ctx.out()
                        .println(Reporter.toJson(entries.stream()
                                .map(e -> {
                                    Map<String, Object> d = describe(e);
                                    if (atFal.containsKey(e.requestId())) {
                                        d.put("at_fal", atFal.get(e.requestId()));
                                    }
                                    return d;
                                })
                                .toList()));
            } else if (entries.isEmpty()) {
                ctx.out()
                        .println("no " + (open ? "open " : "") + "journalled requests in "
                                + ctx.home().resolve("jobs"));
            } else {
                table(entries, all, atFal).forEach(ctx.out()::println);
            }
            ctx.out().flush();
            return ExitCodes.OK;
        }

        /** Asks fal about each open request, records what it says; returns fal's answer (or the error) per id. */
        private Map<String, String> refresh(RequestJournal journal) {
            Map<String, String> answers = new LinkedHashMap<>();
            List<JournalEntry> openOnes = journal.list().stream()
                    .filter(e -> e.state() == JournalState.OPEN)
                    .toList();
            if (openOnes.isEmpty()) {
                return answers;
            }
            try (CliContext.Session s = ctx.connect(false)) {
                for (JournalEntry e : openOnes) {
                    try {
                        BaseVideoModel<?> m = ctx.models().get(e.endpointId());
                        JobStatus st = s.client().status(s.client().attach(m, e.requestId()));
                        Generation.sync(journal, e.requestId(), st);
                        answers.put(e.requestId(), describe(st));
                    } catch (KlingException failure) {
                        answers.put(e.requestId(), "? (" + failure.getMessage() + ")");
                    }
                }
            }
            return answers;
        }

        /** The table: fitted to the terminal when stdout is one, complete otherwise (for a pipe or a file). */
        private List<String> table(List<JournalEntry> entries, List<JournalEntry> all, Map<String, String> atFal) {
            boolean fit = ctx.stdoutTerminal();
            List<String> ids = all.stream().map(JournalEntry::requestId).toList();
            List<String[]> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("REQUEST ID", "STATE", "CREATED", "MODEL", "EST USD"));
            if (!atFal.isEmpty()) {
                header.add("AT FAL");
            }
            header.add("OUTPUT");
            rows.add(header.toArray(String[]::new));
            for (JournalEntry e : entries) {
                List<String> row = new ArrayList<>(List.of(
                        fit ? shortId(e.requestId(), ids) : e.requestId(),
                        e.state().name(),
                        CREATED.format(e.createdAt()),
                        e.modelKey(),
                        e.estimate().map(b -> b.toPlainString()).orElse("?")));
                if (!atFal.isEmpty()) {
                    row.add(atFal.getOrDefault(e.requestId(), ""));
                }
                row.add(e.outputPath().orElse(""));
                rows.add(row.toArray(String[]::new));
            }
            return Table.render(rows, fit ? ctx.width() - 1 : Integer.MAX_VALUE);
        }
    }

    /** The shortest prefix of an id that no other journalled id starts with, at least {@value #MIN_ID} long. */
    static String shortId(String id, List<String> all) {
        for (int n = Math.min(MIN_ID, id.length()); n < id.length(); n++) {
            String prefix = id.substring(0, n);
            if (all.stream().filter(other -> other.startsWith(prefix)).count() == 1) {
                return prefix;
            }
        }
        return id;
    }

    static String describe(JobStatus st) {
        if (st.isFailed()) {
            return "COMPLETED, failed: " + st.error().orElse("");
        }
        return st.status().value()
                + st.queuePosition().stream()
                        .mapToObj(p -> " (position " + p + ")")
                        .findFirst()
                        .orElse("")
                + (st.isTerminal() ? " (video to fetch)" : "");
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

    /** A command about one request id (or a unique prefix of a journalled one); the journal knows its model, or --model says it. */
    abstract static class ById implements Callable<Integer> {
        final CliContext ctx;

        @Parameters(
                paramLabel = "REQUEST_ID",
                description = "fal's request id, or the start of a journalled one (see `kling jobs`).")
        String requestId;

        @Option(
                names = {"-m", "--model"},
                paramLabel = "KEY",
                description = "The model it was submitted to, when it is not in the journal.")
        String model;

        private String resolved;

        ById(CliContext ctx) {
            this.ctx = ctx;
        }

        /** The full request id: the journalled one the argument is the unique start of, or the argument itself. */
        String id() {
            if (resolved != null) {
                return resolved;
            }
            List<JournalEntry> all = ctx.journal().list();
            List<String> matching = all.stream()
                    .map(JournalEntry::requestId)
                    .filter(id -> id.startsWith(requestId))
                    .toList();
            if (matching.contains(requestId) || matching.isEmpty()) {
                resolved = requestId;
            } else if (matching.size() == 1) {
                resolved = matching.get(0);
            } else {
                throw CliException.usage("'" + requestId + "' is the start of " + matching.size()
                        + " journalled request ids ("
                        + String.join(", ", matching.subList(0, Math.min(4, matching.size())))
                        + (matching.size() > 4 ? ", …" : "") + "): give more of it");
            }
            if (!JournalEntry.isValidRequestId(resolved)) {
                throw CliException.usage("'" + requestId
                        + "' is not a request id (letters, digits, '.', '_' and '-' only);" + " see kling jobs");
            }
            return resolved;
        }

        Optional<JournalEntry> entry() {
            return ctx.journal().find(id());
        }

        BaseVideoModel<?> model() {
            if (model != null) {
                return ctx.models().get(model);
            }
            return entry().map(e -> ctx.models().get(e.endpointId()))
                    .orElseThrow(() -> CliException.usage("request " + id() + " is not in the journal ("
                            + ctx.home().resolve("jobs") + "): say which model it ran on with --model KEY"));
        }

        VideoJob attach(CliContext.Session session, RequestOptions wait) {
            return session.client().attach(model(), id(), wait);
        }

        /** Journals a request met by id alone (given its --model), so that it is found again. */
        void journalIfNew(BaseVideoModel<?> m, String output) {
            if (entry().isEmpty()) {
                Generation.journal(
                        new Reporter(ctx, false, false),
                        id(),
                        () -> ctx.journal()
                                .record(JournalEntry.open(id(), m.endpointId(), m.key(), Instant.now(), output, null)));
            }
        }
    }

    @Command(
            name = "status",
            description = {
                "Ask fal once where a request stands, and record it in the journal.",
                "A failed or cancelled job is marked so; one still running, or done with its video still to fetch, is OPEN."
            },
            footerHeading = "%nExample:%n",
            footer = "kling status 3f1c2a9e")
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
                JobStatus st = s.client().status(attach(s, RequestOptions.defaults()));
                Optional<JournalEntry> entry = Generation.sync(ctx.journal(), id(), st);
                if (json) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("request_id", id());
                    d.put("status", st.status().value());
                    d.put(
                            "queue_position",
                            st.queuePosition().isPresent() ? st.queuePosition().getAsInt() : null);
                    d.put("error", st.error().orElse(null));
                    d.put("journal_state", entry.map(e -> e.state().name()).orElse(null));
                    ctx.out().println(Reporter.toJson(d));
                    ctx.out().flush();
                    return ExitCodes.OK;
                }
                ctx.out()
                        .println(id() + ": " + st.status().value()
                                + st.queuePosition().stream()
                                        .mapToObj(p -> " (queue position " + p + ")")
                                        .findFirst()
                                        .orElse("")
                                + st.error().map(e -> ": " + e).orElse("")
                                + entry.map(e -> " [journal: " + e.state() + "]")
                                        .orElse(""));
                if (st.isTerminal()
                        && !st.isFailed()
                        && entry.map(e -> e.state() != JournalState.DONE).orElse(true)) {
                    ctx.out()
                            .println("  the video is ready: kling result " + id() + " --output PATH (or kling resume "
                                    + id() + ")");
                }
                ctx.out().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "result",
            description = {
                "Fetch a finished request's video URL (and download it with --output);"
                        + " records the outcome in the journal.",
                "Exits 5 when it has not finished yet (wait for it with resume), 4 when it failed, 6 when it was cancelled."
            },
            footerHeading = "%nExample:%n",
            footer = "kling result 3f1c2a9e --output fox.mp4")
    static final class Result extends ById {
        @Option(
                names = {"-o", "--output"},
                paramLabel = "PATH",
                description = "Also download the video: to this file, or into this folder as <request id>.mp4.")
        String output;

        @Option(names = "--force", description = "Replace the --output file if it exists.")
        boolean force;

        @Option(names = "--json", description = "Print the result as JSON on stdout.")
        boolean json;

        Result(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            BaseVideoModel<?> m = model();
            Output target = output == null ? Output.none() : Output.of(ctx, output, force);
            if (!target.problems(id()).isEmpty()) {
                throw new InvalidRequestException(target.problems(id()));
            }
            try (Reporter rep = new Reporter(ctx, json, false);
                    CliContext.Session s = ctx.connect(false)) {
                VideoJob job = attach(s, RequestOptions.defaults());
                JobStatus st = s.client().status(job);
                Generation.sync(ctx.journal(), id(), st);
                if (!st.isTerminal()) {
                    throw new CliException(
                            ExitCodes.NOT_FINISHED,
                            id() + " has not finished yet (" + st.status().value() + ")",
                            id(),
                            "kling resume " + id(),
                            null);
                }
                if (st.isFailed()) {
                    JobFailedException failed = new JobFailedException(
                            id(), st.error().orElse("failed"), st.errorType().orElse(null));
                    if (ExitCodes.isCancel(failed)) {
                        throw new CliException(ExitCodes.CANCELLED, id() + " was cancelled at fal", id(), null, failed);
                    }
                    throw failed;
                }
                journalIfNew(m, null);
                return Generation.finish(ctx, rep, s.client(), ctx.journal(), job, target, false, true);
            }
        }
    }

    @Command(
            name = "cancel",
            description = {
                "Ask fal to cancel a request (a queued job never runs; a running one is signalled).",
                "The journal records it as CANCELLED when fal accepts."
            },
            footerHeading = "%nExample:%n",
            footer = "kling cancel 3f1c2a9e")
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
                CancelResult r = s.client().cancel(attach(s, RequestOptions.defaults()));
                if (r.accepted()) {
                    ctx.journal().update(id(), JournalState.CANCELLED);
                }
                if (json) {
                    ctx.out()
                            .println(Reporter.toJson(Map.of(
                                    "request_id",
                                    id(),
                                    "cancelled",
                                    r.accepted(),
                                    "status",
                                    String.valueOf(r.status()))));
                } else if (r.accepted()) {
                    ctx.out().println("cancelled " + id());
                } else {
                    ctx.out().println("not cancelled: " + id() + " is " + r.status());
                }
                ctx.out().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "resume",
            description = {
                "Re-attach to a submitted request, wait for it and download the video.",
                "Never resubmits: nothing is paid twice. The output is the journalled path unless --output says otherwise.",
                "With --deadline it stops waiting when the time is up and leaves the job running at fal (resume again later)."
            },
            footerHeading = "%nExamples:%n",
            footer = {"kling resume 3f1c2a9e", "kling resume 3f1c2a9e --output ~/videos/"})
    static final class Resume extends ById {
        @Mixin
        WaitFlags wait;

        Resume(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            BaseVideoModel<?> m = model();
            Optional<JournalEntry> entry = entry();
            String given = wait.output != null
                    ? wait.output
                    : entry.flatMap(JournalEntry::outputPath).orElse(null);
            Output output = wait.noDownload ? Output.none() : Output.of(ctx, given, wait.force);
            if (!output.problems(id()).isEmpty()) {
                throw new InvalidRequestException(output.problems(id()));
            }
            journalIfNew(m, output.downloads() ? output.target(id()).toString() : null);
            try (Reporter rep = new Reporter(ctx, wait.json, wait.logs);
                    CliContext.Session s = ctx.connect(false)) {
                rep.note("resuming " + id() + " (" + m.key() + "); nothing is resubmitted");
                VideoJob job = attach(s, Generation.waitOptions(ctx, wait, rep, ctx.nanoTime()));
                return Generation.finish(ctx, rep, s.client(), ctx.journal(), job, output, false, true);
            }
        }
    }
}
