package dev.kling4j.core.internal;

import dev.kling4j.core.error.JobCancelledException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The future of a job that runs in steps (upload, submit, wait, fetch). Cancelling it cancels the step
 * running at that moment (a wait step then sends fal a cancel) and completes it with a
 * {@link JobCancelledException} carrying the request id, which is still a
 * {@link java.util.concurrent.CancellationException}, so {@link #isCancelled()} is true. Not API.
 *
 * @param <T> the job's outcome
 */
public final class JobFuture<T> extends CompletableFuture<T> {
    private final AtomicReference<CompletableFuture<?>> step = new AtomicReference<>();
    private volatile String requestId;

    /**
     * Creates the future.
     *
     * @param requestId the request id, or {@code null} until the submit returns one
     */
    public JobFuture(String requestId) {
        this.requestId = requestId;
    }

    /**
     * Records the request id once fal returned it.
     *
     * @param id the request id
     */
    public void requestId(String id) {
        this.requestId = id;
    }

    /**
     * The request id, once known.
     *
     * @return the id, or {@code null} before the submit returned
     */
    public String requestId() {
        return requestId;
    }

    /**
     * Makes {@code next} the running step: cancelling this future from now on cancels it (at once when this
     * future is already cancelled).
     *
     * @param next the step
     * @param <S> its type
     * @return {@code next}
     */
    public <S extends CompletableFuture<?>> S step(S next) {
        step.set(next);
        if (isCancelled()) {
            next.cancel(true);
        }
        return next;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = completeExceptionally(new JobCancelledException(requestId));
        CompletableFuture<?> running = step.get();
        if (cancelled && running != null) {
            running.cancel(true);
        }
        return cancelled || isCancelled();
    }
}
