package dev.kling4j.core.queue;

import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.KlingTimeoutException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.JobFuture;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for one job: status stream first (when a stream permit is free), polling after that. Holds no thread
 * of its own: the stream runs on an OkHttp thread, polls are async calls chained through the sleeper, and the
 * deadline is a task on the client's scheduler.
 */
final class Waiter {
    private static final int MAX_POLL_FAILURES = 5;
    static final Logger LOG = LoggerFactory.getLogger("dev.kling4j.queue");

    private final QueueClient queue;
    private final RequestRef ref;
    private final RequestOptions options;
    private final JobFuture<JobStatus> future;
    private final AtomicBoolean permitHeld = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile CompletableFuture<?> pending;
    private volatile ScheduledFuture<?> deadlineTask;
    private Duration interval;
    private OptionalInt lastPosition = OptionalInt.empty();
    /** Polls in a row whose answer could not be read; the wait fails after {@link #MAX_POLL_FAILURES}. */
    private int pollFailures;
    /** Log lines already handed to {@code onLog}. */
    private int logsSeen;

    Waiter(QueueClient queue, RequestRef ref, RequestOptions options) {
        this.queue = queue;
        this.ref = Objects.requireNonNull(ref, "ref");
        this.options = Objects.requireNonNull(options, "options");
        this.interval = queue.context().pollInitial();
        this.future = new JobFuture<>(ref.requestId());
    }

    CompletableFuture<JobStatus> start() {
        future.whenComplete((s, t) -> {
            cleanup();
            if (future.isCancelled()) {
                LOG.debug("Wait for request {} cancelled by the caller; sending cancel to fal", ref.requestId());
                queue.cancelQuietly(ref);
            }
        });
        Duration d = options.deadline();
        try {
            deadlineTask =
                    queue.resources().scheduler().schedule(() -> onDeadline(d), d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closed(ref, e));
        }
        if (queue.resources().streamPermits().tryAcquire()) {
            permitHeld.set(true);
            CompletableFuture<JobStatus> stream = StatusStream.open(
                    queue, ref, options.logs(), this::onStatus, queue.context().streamSilence());
            pending = stream;
            stream.whenComplete((s, t) -> {
                releasePermit();
                if (future.isDone()) {
                    return;
                }
                if (s != null) {
                    finish(s);
                } else {
                    LOG.debug(
                            "Status stream of request {} gave up ({}); polling",
                            ref.requestId(),
                            Futures.unwrap(t).getMessage());
                    startPolling();
                }
            });
        } else {
            startPolling();
        }
        return future;
    }

    private void onStatus(JobStatus s) {
        if (!future.isDone()) {
            options.onStatus().accept(s);
            logs(s);
        }
    }

    /** Hands each log line not seen before to {@code onLog}: a status carries the job's whole log so far. */
    private synchronized void logs(JobStatus s) {
        List<LogEntry> all = s.logs();
        for (int i = logsSeen; i < all.size(); i++) {
            LogEntry line = all.get(i);
            Futures.runCallback(() -> options.onLog().accept(line));
        }
        logsSeen = Math.max(logsSeen, all.size());
    }

    private void onDeadline(Duration d) {
        if (future.isDone()) {
            return;
        }
        // Fail first, cancel second: fal's answer to our own cancel (COMPLETED with client_cancelled) must
        // not win the race and turn a deadline into a job failure.
        boolean cancel = options.onDeadline() == RequestOptions.DeadlineAction.CANCEL;
        if (future.completeExceptionally(new DeadlineExceededException(ref.requestId(), d, cancel))) {
            if (cancel) {
                LOG.debug("Deadline {} passed for request {}; sending cancel to fal", d, ref.requestId());
                queue.cancelQuietly(ref);
            } else {
                LOG.debug("Deadline {} passed for request {}; leaving it running at fal", d, ref.requestId());
            }
        }
    }

    private void startPolling() {
        if (polling.compareAndSet(false, true)) {
            poll();
        }
    }

    private void poll() {
        if (future.isDone()) {
            return;
        }
        CompletableFuture<JobStatus> f;
        try {
            f = QueueClient.mapAsync(
                    queue.transport().executeAsync(queue.statusCall(ref, options.logs())),
                    r -> queue.parseStatus(ref, r));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return;
        }
        pending = f;
        f.whenComplete((s, t) -> {
            if (future.isDone()) {
                return;
            }
            if (t != null) {
                Throwable cause = Futures.unwrap(t);
                if (isTransient(cause) && ++pollFailures < MAX_POLL_FAILURES) {
                    // A status body lost in transit (after the transport's own retries saw the headers):
                    // the job is still there; poll again after the usual backoff.
                    LOG.debug("Poll of request {} failed ({}); polling again", ref.requestId(), cause.toString());
                    CompletableFuture<Void> d = queue.context().sleeper().delay(nextDelay(null));
                    pending = d;
                    d.whenComplete((v, e) -> poll());
                    return;
                }
                future.completeExceptionally(cause);
                return;
            }
            pollFailures = 0;
            Futures.runCallback(() -> onStatus(s));
            if (s.isTerminal()) {
                finish(s);
                return;
            }
            Duration delay = nextDelay(s);
            CompletableFuture<Void> d = queue.context().sleeper().delay(delay);
            pending = d;
            d.whenComplete((v, e) -> poll());
        });
    }

    /** The failure of a wait whose client was closed under it: the job runs on at fal, by its id. */
    static KlingTransportException closed(RequestRef ref, Throwable cause) {
        return new KlingTransportException(
                "The KlingClient was closed while waiting for request " + ref.requestId()
                        + "; the job goes on at fal: attach to it by its request id with an open client",
                ref.requestId(),
                cause);
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof KlingConnectionException || t instanceof KlingTimeoutException;
    }

    /** Capped exponential backoff, reset to the initial interval when the queue position moves. */
    private synchronized Duration nextDelay(JobStatus s) {
        Duration initial = queue.context().pollInitial();
        Duration max = queue.context().pollMax();
        if (s != null) {
            if (!s.queuePosition().equals(lastPosition) && lastPosition.isPresent()) {
                interval = initial;
            }
            lastPosition = s.queuePosition();
        }
        Duration delay = interval;
        Duration doubled = interval.multipliedBy(2);
        interval = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    private void finish(JobStatus s) {
        if (s.isFailed()) {
            future.completeExceptionally(new JobFailedException(
                    ref.requestId(), s.error().orElse(""), s.errorType().orElse(null)));
        } else {
            future.complete(s);
        }
    }

    private void releasePermit() {
        if (permitHeld.compareAndSet(true, false)) {
            queue.resources().streamPermits().release();
        }
    }

    private void cleanup() {
        ScheduledFuture<?> d = deadlineTask;
        if (d != null) {
            d.cancel(false);
        }
        CompletableFuture<?> p = pending;
        if (p != null) {
            p.cancel(true);
        }
    }
}
