package dev.kling4j.core.internal;

import dev.kling4j.core.error.JobCancelledException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the blocking methods of kling4j wait on their asynchronous twins, and run user callbacks. Not API. */
public final class Futures {
    private static final Logger LOG = LoggerFactory.getLogger(Futures.class);

    private Futures() {}

    /**
     * Waits for a future and rethrows its failure as it is (unchecked). An interrupt cancels the future
     * (for a job: sends fal a cancel) and throws a {@link JobCancelledException} carrying the request id, as
     * cancelling the future would, with the interrupt flag set again.
     *
     * @param f the future
     * @param <T> its value
     * @return the value
     */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            String id = f instanceof JobFuture<?> jf ? jf.requestId() : null;
            JobCancelledException cancelled = new JobCancelledException(id);
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            // kling4j's futures fail with unchecked exceptions only: a checked one here is a bug
            throw new IllegalStateException("a kling4j future failed with a checked exception: " + cause, cause);
        }
    }

    /**
     * Strips the {@link CompletionException} and {@link ExecutionException} wrappers futures add.
     *
     * @param t a failure
     * @return the underlying failure
     */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Runs a user callback; what it throws is logged at WARN and ignored, so a faulty callback never loses a
     * job.
     *
     * @param r the callback
     */
    public static void runCallback(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A kling4j callback threw; ignored", e);
        }
    }
}
