package dev.kling4j.cli;

import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;

/**
 * The Ctrl-C hook of a generation: the job keeps running at fal (it is paid for) and the user is told how
 * to resume it; with {@code --cancel-on-interrupt} it is cancelled instead. Only the real process installs
 * a hook; in tests and embedded use this does nothing.
 */
final class InterruptGuard implements AutoCloseable {
    private final Reporter rep;
    private final RequestJournal journal;
    private final boolean cancel;
    private final Thread hook;
    private volatile String requestId;
    private volatile Runnable cancelJob;
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

    /** The job exists at fal from now on: an interrupt must name it (or cancel it). */
    void enqueued(String id, Runnable cancel) {
        this.cancelJob = cancel;
        this.requestId = id;
    }

    private void interrupted() {
        String id = requestId;
        if (finished) {
            return;
        }
        if (id == null) {
            rep.note("interrupted before fal accepted the job: nothing to resume");
            return;
        }
        if (cancel) {
            try {
                cancelJob.run();
                journal.update(id, JournalState.CANCELLED);
                rep.note("interrupted: cancelled " + id + " at fal");
            } catch (RuntimeException e) {
                rep.note("interrupted: could not cancel " + id + " (" + e.getMessage() + "); cancel it with: kling cancel " + id);
            }
        } else {
            rep.note("interrupted: the job keeps running at fal; continue with: kling resume " + id);
        }
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
