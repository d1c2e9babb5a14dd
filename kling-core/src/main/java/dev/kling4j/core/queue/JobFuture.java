package dev.kling4j.core.queue;

import dev.kling4j.core.error.JobCancelledException;
import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@link #cancel} completes it with a {@link JobCancelledException} carrying the request id
 * (still a {@link java.util.concurrent.CancellationException}, so {@link #isCancelled()} is true).
 */
final class JobFuture<T> extends CompletableFuture<T> {
    private volatile String requestId;

    JobFuture(String requestId) {
        this.requestId = requestId;
    }

    void requestId(String id) {
        this.requestId = id;
    }

    String requestId() {
        return requestId;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = completeExceptionally(new JobCancelledException(requestId));
        return cancelled || isCancelled();
    }
}
