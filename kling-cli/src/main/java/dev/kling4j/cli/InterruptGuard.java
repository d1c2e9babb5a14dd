package dev.kling4j.cli;

import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.queue.CancelResult;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Ctrl-C hook of a generation: the job keeps running at fal (it is paid for) and the user is told how
 * to resume it; with {@code --cancel-on-interrupt} it is cancelled instead. The message starts on a line of
 * its own (the status line stays visible above it) and, with {@code --json}, ends stdout with an error object.
 * Only the real process installs a hook; in tests and embedded use this does nothing unless called.
 */
final class InterruptGuard implements AutoCloseable {
    private final Reporter rep;
    private final RequestJournal journal;
    private final boolean cancel;
    private final Thread hook;
    private volatile String requestId;
    private volatile Supplier<CancelResult> cancelJob;
    private volatile String rescue;
    private volatile boolean finished;

    private InterruptGuard(CliContext ctx, Reporter rep, RequestJournal journal, boolean cancel) {
        this.rep = rep;
        this.journal = journal;
        this.cancel = cancel;
        this.hook = ctx.interruptHook() ? new Thread(this::interrupted, "kling-interrupt") : null;
    }

    static InterruptGuard install(CliContext ctx, Reporter rep, RequestJournal journal, boolean cancel) {
        InterruptGuard guard = new InterruptGuard(ctx, rep, journal, cancel);
        if (guard.hook != null) {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        }
        return guard;
    }

    /**
     * The job exists at fal from now on: an interrupt must name it (or cancel it).
     *
     * @param id the request id
     * @param cancel sends fal the cancel, for {@code --cancel-on-interrupt}
     * @param rescue the command that fetches the video later
     */
    void enqueued(String id, Supplier<CancelResult> cancel, String rescue) {
        this.cancelJob = cancel;
        this.rescue = rescue;
        this.requestId = id;
    }

    /** What Ctrl-C does (run by the shutdown hook). */
    void interrupted() {
        String id = requestId;
        if (finished) {
            return;
        }
        rep.endLine(); // stops the clock before a cancel, which may take a while
        if (id == null) {
            end("interrupted before fal accepted the job: nothing to resume", null);
            return;
        }
        if (cancel) {
            try {
                CancelResult answer = cancelJob.get();
                if (answer.accepted()) {
                    journal.update(id, JournalState.CANCELLED);
                    end("interrupted: cancelled " + id + " at fal", id);
                } else {
                    end(
                            "interrupted: fal did not cancel " + id + " (" + answer.status() + "); fetch it with: "
                                    + rescue,
                            id);
                }
            } catch (RuntimeException e) {
                end(
                        "interrupted: could not cancel " + id + " (" + e.getMessage()
                                + "); cancel it with: kling cancel " + id,
                        id);
            }
        } else if (rep.sawCompleted()) {
            end("interrupted: the job is done at fal; fetch its video with: " + rescue, id);
        } else {
            end("interrupted: the job keeps running at fal; continue with: " + rescue, id);
        }
    }

    private void end(String message, String id) {
        rep.lastWord(message, withoutEvent(Failures.errorFields(ExitCodes.INTERRUPTED, message, id)));
    }

    private static Map<String, Object> withoutEvent(Map<String, Object> fields) {
        fields.remove("event");
        return fields;
    }

    @Override
    public void close() {
        finished = true;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or has run.
            }
        }
    }
}
