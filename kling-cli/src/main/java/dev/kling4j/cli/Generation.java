package dev.kling4j.cli;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoJob;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.pricing.Budget;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The generation flow of the CLI, for any model: validate, check every local condition (media, output folder,
 * budget), show the estimate and lint findings, then (unless a dry run) submit, journal the request id the
 * moment fal returns it, wait, download and mark it done. {@link #finish} is shared with {@code resume} and
 * {@code result}: once fal has accepted a job, every failure names the request id and the exact command that
 * fetches the video anyway.
 */
final class Generation {
    private Generation() {}

    static <R extends VideoRequest> int run(
            CliContext ctx, BaseVideoModel<R> model, Map<String, Object> wire, RunOptions o) {
        try (Reporter rep = new Reporter(ctx, o.wait.json, o.wait.logs);
                KlingClient local = ctx.localClient(false)) {
            R request = model.request(wire);
            List<Finding> findings = local.lint(model, request);
            boolean download = !o.wait.noDownload && o.webhook == null;
            Output output = download ? Output.of(ctx, o.wait.output, o.wait.force) : Output.none();
            // Everything the real run would refuse on this machine, found before anything is uploaded.
            List<Problem> refusals = new ArrayList<>(output.problems());
            refusals.addAll(local.checkMedia(model, request));
            if (o.dryRun) {
                // A dry run calls nothing, fal's pricing API included: it estimates with the dated table.
                return dryRun(ctx, rep, model, request, local.estimate(model, request), findings, refusals, o.maxCost);
            }
            if (!refusals.isEmpty()) {
                throw new InvalidRequestException(refusals);
            }
            return submit(ctx, rep, model, request, findings, output, o);
        }
    }

    private static <R extends VideoRequest> int submit(
            CliContext ctx,
            Reporter rep,
            BaseVideoModel<R> model,
            R request,
            List<Finding> findings,
            Output output,
            RunOptions o) {
        FileRequestJournal journal = ctx.journal(o.emulator);
        try (CliContext.Session session = ctx.connect(o.emulator, !o.noLivePrices);
                InterruptGuard guard = InterruptGuard.install(ctx, rep, journal, o.cancelOnInterrupt)) {
            // The prices the library checks --max-cost with: fal's live ones with a key (not the emulator's).
            CostEstimate estimate = session.client().estimate(model, request);
            rep.estimate(estimate);
            findings.forEach(rep::finding);
            if (session.emulated()) {
                rep.note("emulator: running against an embedded offline fal emulator (no key, no cost)");
            }
            // The library journals the request the moment fal returns its id, and its outcome; this journal
            // adds where the video will go.
            OutputJournal recorded = new OutputJournal(journal, output::target);
            // The CLI cancels at the deadline itself, to report fal's answer to the cancel (see deadlinePassed).
            RequestOptions.Builder options = waitOptions(ctx, o.wait, rep, ctx.nanoTime()).toBuilder()
                    .journal(recorded)
                    .onTransfer((name, done, total) -> rep.transfer("upload", name, done, total))
                    .onEnqueued(ref -> {
                        // From here on the job is paid for: let Ctrl-C know it exists.
                        Path target = output.target(ref.requestId());
                        guard.enqueued(
                                ref.requestId(),
                                () -> session.client().queue().cancel(ref),
                                rescue(ref.requestId(), target, output.force()));
                        boolean journalled = recorded.recorded(ref.requestId());
                        if (!journalled) {
                            rep.note("warning: could not journal " + ref.requestId() + "; note the id: kling resume "
                                    + ref.requestId() + " --model " + model.key());
                        }
                        rep.submitted(
                                ref.requestId(),
                                model.key(),
                                journalled ? journal.directory() : null,
                                !o.emulator && journalled);
                    });
            if (o.maxCost != null) {
                options.maxCost(o.maxCost);
            }
            if (o.webhook != null) {
                options.webhookUrl(o.webhook);
            }
            VideoJob job = session.client().submit(model, request, options.build());
            if (o.webhook != null) {
                rep.say("submitted " + job.requestId() + "; fal will POST the result to " + o.webhook);
                rep.event("result", Map.of("request_id", job.requestId(), "model", model.key(), "webhook", o.webhook));
                return ExitCodes.OK;
            }
            return finish(ctx, rep, session.client(), journal, job, output, true, !session.emulated());
        }
    }

    /**
     * The options of a wait: logs, the status line, and {@code --deadline} (default the library's), at which
     * the library stops waiting and leaves the job to the CLI ({@link #finish} says what becomes of it).
     */
    static RequestOptions waitOptions(CliContext ctx, WaitFlags wait, Reporter rep, long startNanos) {
        return RequestOptions.builder()
                .logs(wait.logs)
                .deadline(wait.deadline == null ? RequestOptions.DEFAULT_DEADLINE : wait.deadline)
                .onDeadline(RequestOptions.DeadlineAction.LEAVE_RUNNING)
                .onStatus(s -> rep.status(s, Duration.ofNanos(ctx.nanoTime() - startNanos)))
                .build();
    }

    /**
     * Waits for a submitted or re-attached job (within its options' deadline), downloads the video and reports
     * the outcome. The library journals the outcome; a download that fails leaves the job OPEN, for resume.
     *
     * @param cancelAtDeadline whether a passed deadline cancels the job at fal ({@code generate}) or leaves it
     *     running ({@code resume})
     * @param resumable whether {@code kling resume} can reach the job later (not with the embedded emulator)
     */
    static int finish(
            CliContext ctx,
            Reporter rep,
            KlingClient client,
            RequestJournal journal,
            VideoJob job,
            Output output,
            boolean cancelAtDeadline,
            boolean resumable) {
        String id = job.requestId();
        Path target = output.target(id);
        String rescue = resumable ? rescue(id, target, output.force()) : null;
        VideoResult result;
        rep.waiting(ctx.nanoTime());
        try {
            result = await(client, job);
        } catch (DeadlineExceededException e) {
            rep.waitOver();
            throw deadlinePassed(rep, client, journal, job, e, cancelAtDeadline, rescue);
        } catch (JobFailedException e) {
            rep.waitOver();
            if (ExitCodes.isCancel(e)) {
                throw new CliException(
                        ExitCodes.CANCELLED, id + " was cancelled at fal (" + e.error() + ")", id, null, e);
            }
            throw e;
        } catch (UnprocessableEntityException e) {
            rep.waitOver();
            throw e;
        } catch (KlingException e) {
            rep.waitOver();
            // Left OPEN: a fal or network error says nothing about the job itself; resume can retry.
            String what = rep.sawCompleted()
                    ? "the job completed at fal, but its result could not be fetched: "
                    : "lost track of the job, which may still be running at fal: ";
            throw new CliException(ExitCodes.FAL_ERROR, what + e.getMessage() + unreachable(resumable), id, rescue, e);
        }
        rep.waitOver();
        if (target != null) {
            try {
                save(rep, result, output, target, rescue, resumable);
            } catch (CliException e) {
                journal(rep, id, () -> journal.update(id, JournalState.OPEN)); // the video is still to fetch
                throw e;
            }
            journal(rep, id, () -> journal.update(id, JournalState.DONE, target.toString()));
        }
        rep.result(result, target);
        return ExitCodes.OK;
    }

    private static VideoResult await(KlingClient client, VideoJob job) {
        CompletableFuture<VideoResult> waited = client.async().result(job);
        try {
            // Not cancelled on an interrupt: Ctrl-C leaves the job running at fal (see InterruptGuard).
            return waited.get();
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(
                    ExitCodes.INTERRUPTED,
                    "interrupted while waiting for " + job.requestId(),
                    job.requestId(),
                    null,
                    e);
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IllegalStateException(cause);
    }

    /** {@code generate} cancels the job at fal, {@code resume} leaves it running; both say which happened. */
    private static CliException deadlinePassed(
            Reporter rep,
            KlingClient client,
            RequestJournal journal,
            VideoJob job,
            DeadlineExceededException e,
            boolean cancel,
            String rescue) {
        String id = job.requestId();
        String after = "the deadline of " + DurationConverter.format(e.deadline()) + " (--deadline) passed";
        if (!cancel) {
            return new CliException(
                    ExitCodes.NOT_FINISHED, after + ": stopped waiting; the job is left running at fal", id, rescue, e);
        }
        CancelResult answer;
        try {
            answer = client.cancel(job);
        } catch (KlingException failed) {
            return new CliException(
                    ExitCodes.NOT_FINISHED,
                    after + ", and the cancel did not reach fal (" + failed.getMessage()
                            + "): the job may still run; cancel it with kling cancel " + id,
                    id,
                    rescue,
                    failed);
        }
        if (answer.accepted()) {
            journal(rep, id, () -> journal.update(id, JournalState.CANCELLED));
            return new CliException(ExitCodes.NOT_FINISHED, after + ": the job was cancelled at fal", id, null, e);
        }
        if ("ALREADY_COMPLETED".equals(answer.status())) {
            return new CliException(
                    ExitCodes.NOT_FINISHED, after + ", but fal had just completed the job", id, rescue, e);
        }
        return new CliException(
                ExitCodes.NOT_FINISHED, after + "; fal answered the cancel with " + answer.status(), id, rescue, e);
    }

    private static void save(
            Reporter rep, VideoResult result, Output output, Path target, String rescue, boolean resumable) {
        String id = result.requestId();
        // Checked before the upload; looked at again, since the wait may have taken minutes.
        if (Files.exists(target) && !output.force()) {
            throw new CliException(
                    ExitCodes.NOT_SAVED,
                    target + " appeared while the job ran and was not replaced" + unreachable(resumable),
                    id,
                    resumable ? rescue(id, target, true) : null,
                    null);
        }
        String name = target.getFileName().toString();
        try {
            result.downloadTo(target, (n, done, total) -> rep.transfer("download", name, done, total));
        } catch (UncheckedIOException e) {
            throw new CliException(
                    ExitCodes.NOT_SAVED,
                    "fal made the video, but it could not be written to " + target + ": " + describe(e.getCause())
                            + unreachable(resumable),
                    id,
                    rescue,
                    e);
        } catch (KlingException e) {
            throw new CliException(
                    ExitCodes.FAL_ERROR,
                    "the job completed at fal, but the download of its video failed: " + e.getMessage()
                            + unreachable(resumable),
                    id,
                    rescue,
                    e);
        }
        output.applyMode(target);
    }

    private static String unreachable(boolean resumable) {
        return resumable ? "" : " (the embedded emulator stops with this command, so it cannot be resumed)";
    }

    /** What went wrong with a local file, in words. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (" + ((NoSuchFileException) e).getFile() + ")";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        if (e != null && e.getCause() instanceof IOException) {
            return describe((IOException) e.getCause());
        }
        return e == null ? "unknown error" : e.getMessage();
    }

    /** The command that fetches the video of an accepted job: the exact one, to paste. */
    static String rescue(String requestId, Path target, boolean force) {
        return "kling resume " + requestId
                + (target == null ? " --no-download" : " --output " + Quote.shell(target.toString()))
                + (force ? " --force" : "");
    }

    /**
     * Writes to the journal; a failure is reported, never fatal (the video matters more than its record).
     *
     * @return whether the write succeeded
     */
    static boolean journal(Reporter rep, String requestId, Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            rep.note("warning: could not update the journal for " + requestId + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Brings a journal entry in line with what fal says about the job: a failure or a cancel is recorded; a job
     * still running, or completed with its result still to fetch, is OPEN (whatever an earlier run wrote).
     *
     * @return the entry as it now stands, or empty when the id is not journalled
     */
    static Optional<JournalEntry> sync(RequestJournal journal, String requestId, JobStatus status) {
        Optional<JournalEntry> entry = journal.find(requestId);
        if (entry.isEmpty()) {
            return entry;
        }
        JournalState now = entry.get().state();
        JournalState truth;
        if (status.isFailed()) {
            truth = "client_cancelled".equals(status.errorType().orElse(null))
                    ? JournalState.CANCELLED
                    : JournalState.FAILED;
        } else {
            truth = now == JournalState.DONE && status.isTerminal() ? JournalState.DONE : JournalState.OPEN;
        }
        return truth == now ? entry : journal.update(requestId, truth);
    }

    private static <R extends VideoRequest> int dryRun(
            CliContext ctx,
            Reporter rep,
            BaseVideoModel<R> model,
            R request,
            CostEstimate estimate,
            List<Finding> findings,
            List<Problem> local,
            BigDecimal maxCost) {
        String body = model.toJson(request);
        List<Problem> refusals = new ArrayList<>(local);
        if (maxCost != null) {
            try {
                Budget.maxCost(maxCost).check(estimate);
            } catch (BudgetExceededException e) {
                refusals.add(new Problem(
                        "--max-cost", Failures.budgetMessage(e), "raise --max-cost, or make the job cheaper"));
            }
        }
        boolean key = ctx.hasKey();
        if (rep.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "dry_run");
            m.put("model", model.key());
            m.put("endpoint_id", model.endpointId());
            m.put("request", Reporter.parse(body));
            m.put("estimate", Reporter.estimateFields(estimate));
            m.put("findings", findings.stream().map(Reporter::findingFields).toList());
            m.put("would_refuse", refusals.stream().map(Failures::problemFields).toList());
            ctx.out().println(Reporter.toJson(m));
        } else {
            ctx.out().println("POST " + model.endpointId());
            ctx.out().println(body);
            ctx.out().println("estimate: " + estimate);
            if (findings.isEmpty()) {
                ctx.out().println("lint: no findings");
            }
            findings.forEach(f -> ctx.out().println("lint: " + f));
            if (!key) {
                ctx.out().println("note: no fal API key is set; the real run needs FAL_KEY (or --emulator)");
            }
            ctx.out().println("dry run: nothing was sent");
        }
        ctx.out().flush();
        if (refusals.isEmpty()) {
            return ExitCodes.OK;
        }
        throw CliException.problems(
                "dry run: the real run would refuse this request before sending anything:", refusals);
    }
}
