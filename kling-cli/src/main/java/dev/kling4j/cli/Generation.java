package dev.kling4j.cli;

import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.job.GenerateOptions;
import dev.kling4j.core.job.VideoJob;
import dev.kling4j.core.job.VideoResult;
import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.queue.SubmitOptions;
import dev.kling4j.core.queue.WaitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The generation flow of the CLI, for any model: validate, show the estimate and lint findings, then (unless
 * a dry run) submit, journal the request id the moment fal returns it, wait, download and mark it done.
 * {@link #finish} is shared with {@code resume}.
 */
final class Generation {
    private Generation() {}

    static <R extends VideoRequest> int run(CliContext ctx, BaseVideoModel<R> model, Map<String, Object> wire,
            RunOptions o) {
        Reporter rep = new Reporter(ctx, o.wait.json, o.wait.logs);
        R request = model.request(wire);
        CostEstimate estimate = model.estimate(request);
        List<Finding> findings = model.lint(request);
        if (o.dryRun) {
            return dryRun(ctx, rep, model, request, estimate, findings);
        }
        rep.estimate(estimate);
        findings.forEach(rep::finding);
        FileRequestJournal journal = ctx.journal(o.emulator);
        long start = System.nanoTime();
        AtomicReference<String> output = new AtomicReference<>();
        try (CliContext.Session session = ctx.connect(o.emulator);
                InterruptGuard guard = InterruptGuard.install(ctx, rep, journal, o.cancelOnInterrupt)) {
            if (session.emulated()) {
                rep.note("emulator: running against an embedded offline fal emulator (no key, no cost)");
            }
            GenerateOptions.Builder options = GenerateOptions.builder()
                    .uploadListener((name, done, total) -> rep.transfer("upload", name, done, total))
                    .waitOptions(waitOptions(o.wait.deadline, o.wait.logs, rep, start).toBuilder()
                            .onEnqueued(ref -> {
                                // From here on the job is paid for: journal it, and let Ctrl-C know it exists.
                                guard.enqueued(ref.requestId(), () -> session.client().queue().cancel(ref));
                                output.set(o.wait.noDownload || o.webhook != null ? null
                                        : outputOf(ctx, o.wait.output, ref.requestId()).toString());
                                boolean journalled = journal(rep, ref.requestId(), () -> journal.record(JournalEntry.open(
                                        ref.requestId(), ref.endpointId(), model.key(), Instant.now(), output.get(),
                                        estimate.total().orElse(null))));
                                if (!journalled) {
                                    rep.note("  note the id: kling resume " + ref.requestId() + " --model " + model.key());
                                }
                                rep.submitted(ref.requestId(), model.key(), journalled ? journal.directory() : null,
                                        !o.emulator && journalled);
                            })
                            .build());
            if (o.maxCost != null) {
                options.maxCost(o.maxCost);
            }
            if (o.webhook != null) {
                options.submitOptions(SubmitOptions.builder().webhookUrl(o.webhook).build());
            }
            VideoJob job = model.submit(session.client(), request, options.build());
            if (o.webhook != null) {
                rep.say("submitted " + job.requestId() + "; fal will POST the result to " + o.webhook);
                rep.event("result", Map.of("request_id", job.requestId(), "model", model.key(), "webhook", o.webhook));
                return ExitCodes.OK;
            }
            return finish(ctx, rep, journal, job, output.get() == null ? null : Path.of(output.get()), o.wait.deadline);
        }
    }

    static WaitOptions waitOptions(Duration deadline, boolean logs, Reporter rep, long startNanos) {
        WaitOptions.Builder w = WaitOptions.builder().logs(logs)
                .onStatus(s -> rep.status(s, Duration.ofNanos(System.nanoTime() - startNanos)));
        if (deadline != null) {
            w.deadline(deadline);
        }
        return w.build();
    }

    static Path outputOf(CliContext ctx, String output, String requestId) {
        return ctx.resolve(output != null ? output : requestId + ".mp4");
    }

    /** Waits for a submitted or re-attached job, downloads the video and records the outcome. */
    static int finish(CliContext ctx, Reporter rep, RequestJournal journal, VideoJob job, Path output,
            Duration deadline) {
        VideoResult result;
        try {
            result = job.await();
        } catch (JobFailedException e) {
            if (!e.errorType().filter("client_cancelled"::equals).isPresent()) {
                journal(rep, job.requestId(), () -> settle(journal, job.requestId(), JournalState.FAILED));
                throw e;
            }
            // Cancelled by a client: by our deadline (its cancel can be seen as the job's end), or by someone else.
            if (deadline != null) {
                journal(rep, job.requestId(), () -> settle(journal, job.requestId(), JournalState.FAILED));
                throw new DeadlineExceededException(job.requestId(), deadline);
            }
            journal(rep, job.requestId(), () -> settle(journal, job.requestId(), JournalState.CANCELLED));
            throw new CliException(ExitCodes.INTERRUPTED, job.requestId() + " was cancelled at fal");
        } catch (DeadlineExceededException e) {
            journal(rep, job.requestId(), () -> settle(journal, job.requestId(), JournalState.FAILED));
            throw e;
        } catch (CancellationException e) {
            journal(rep, job.requestId(), () -> settle(journal, job.requestId(), JournalState.CANCELLED));
            throw e;
        } catch (KlingException e) {
            // Left OPEN: a fal or network error says nothing about the job itself; resume can retry.
            rep.note("the job may still be running at fal: kling resume " + job.requestId());
            throw e;
        }
        if (output != null) {
            String name = output.getFileName().toString();
            result.downloadTo(output, (n, done, total) -> rep.transfer("download", name, done, total));
        }
        journal(rep, job.requestId(), () -> journal.update(job.requestId(), JournalState.DONE,
                output == null ? null : output.toString()));
        rep.result(result, output);
        return ExitCodes.OK;
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

    /** Records how a job ended unless something (a cancel on interrupt) already did. */
    private static void settle(RequestJournal journal, String requestId, JournalState state) {
        if (journal.find(requestId).map(e -> e.state() == JournalState.OPEN).orElse(true)) {
            journal.update(requestId, state);
        }
    }

    private static <R extends VideoRequest> int dryRun(CliContext ctx, Reporter rep, BaseVideoModel<R> model,
            R request, CostEstimate estimate, List<Finding> findings) {
        String body = model.toJson(request);
        if (rep.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.key());
            m.put("endpoint_id", model.endpointId());
            m.put("request", Reporter.parse(body));
            m.put("estimate", Reporter.estimateFields(estimate));
            m.put("findings", findings.stream().map(Reporter::findingFields).toList());
            ctx.out().println(Reporter.toJson(m));
        } else {
            ctx.out().println("POST " + model.endpointId());
            ctx.out().println(body);
            ctx.out().println("estimate: " + estimate);
            if (findings.isEmpty()) {
                ctx.out().println("lint: no findings");
            }
            findings.forEach(f -> ctx.out().println("lint: " + f));
            ctx.out().println("dry run: nothing was sent");
        }
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
