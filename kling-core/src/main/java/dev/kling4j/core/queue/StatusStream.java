package dev.kling4j.core.queue;

import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.KlingTimeoutException;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.http.HttpErrors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * One SSE status stream of one job. The future completes with the {@code COMPLETED} status (failed or not)
 * and fails when the stream fails, ends before {@code COMPLETED}, or stays silent longer than the silence
 * timeout. Cancelling the future closes the stream.
 *
 * <p>After {@code COMPLETED} fal ends the stream itself; it is read to its end rather than cancelled, so its
 * connection goes back to the pool for the next stream instead of being torn down (a torn-down connection
 * costs a new handshake for the next stream and a socket close on the server just as the result is being
 * fetched). A server that keeps the stream open is cut off after {@link #END_GRACE} (or the silence timeout,
 * when shorter), so the thread reading it is not held beyond that.
 */
final class StatusStream extends EventSourceListener {
    /** How long a stream may stay open after its {@code COMPLETED} event before it is cancelled. */
    static final Duration END_GRACE = Duration.ofSeconds(1);

    private final QueueClient queue;
    private final RequestRef ref;
    private final Consumer<JobStatus> onStatus;
    private final Duration silence;
    private final CompletableFuture<JobStatus> future = new CompletableFuture<>();
    private volatile EventSource source;
    private volatile long lastEventNanos = System.nanoTime();
    private volatile ScheduledFuture<?> watchdog;
    private volatile ScheduledFuture<?> endGrace;
    /** Set once OkHttp reported the stream's end (closed or failed): nothing is left to cancel. */
    private volatile boolean ended;

    private StatusStream(QueueClient queue, RequestRef ref, Consumer<JobStatus> onStatus, Duration silence) {
        this.queue = queue;
        this.ref = ref;
        this.onStatus = onStatus;
        this.silence = silence;
    }

    static CompletableFuture<JobStatus> open(
            QueueClient queue, RequestRef ref, boolean withLogs, Consumer<JobStatus> onStatus, Duration silence) {
        StatusStream s = new StatusStream(queue, ref, onStatus, silence);
        HttpUrl.Builder url = HttpUrl.get(ref.statusUrl()).newBuilder().addPathSegment("stream");
        if (withLogs) {
            url.setQueryParameter("logs", "1");
        }
        Request request = new Request.Builder()
                .url(url.build())
                .header("Accept", "text/event-stream")
                .get()
                .build();
        s.future.whenComplete((v, t) -> {
            if (t == null) {
                s.closeAfterGrace();
            } else {
                s.close();
            }
        });
        try {
            s.source =
                    queue.transport().openStream(queue.statusCall(ref, withLogs).withRequest(request), s);
        } catch (RuntimeException e) {
            s.future.completeExceptionally(e);
            return s.future;
        }
        if (s.future.isDone() && s.future.isCompletedExceptionally()) {
            s.close();
        }
        if (silence != null) {
            s.scheduleWatchdog(silence.toNanos());
        }
        return s.future;
    }

    private void scheduleWatchdog(long delayNanos) {
        if (future.isDone()) {
            return;
        }
        try {
            watchdog = queue.resources().scheduler().schedule(this::checkSilence, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(Waiter.closed(ref, e));
        }
    }

    private void checkSilence() {
        long quiet = System.nanoTime() - lastEventNanos;
        if (quiet >= silence.toNanos()) {
            future.completeExceptionally(new KlingTimeoutException(
                    "Status stream of request " + ref.requestId() + " was silent for " + silence,
                    ref.requestId(),
                    null));
        } else {
            scheduleWatchdog(silence.toNanos() - quiet);
        }
    }

    private void close() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        EventSource s = source;
        if (s != null && !ended) {
            s.cancel();
        }
    }

    /** The job completed: let fal end the stream, and cancel it only if fal keeps it open too long. */
    private void closeAfterGrace() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        if (ended) {
            return;
        }
        Duration grace = silence != null && silence.compareTo(END_GRACE) < 0 ? silence : END_GRACE;
        try {
            endGrace = queue.resources().scheduler().schedule(this::close, grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            close(); // the client is closing: cut the stream now
            return;
        }
        if (ended) {
            endGrace.cancel(false); // it ended while the timer was being set
        }
    }

    private void markEnded() {
        ended = true;
        ScheduledFuture<?> g = endGrace;
        if (g != null) {
            g.cancel(false);
        }
    }

    @Override
    public void onOpen(EventSource eventSource, Response response) {
        lastEventNanos = System.nanoTime();
    }

    @Override
    public void onEvent(EventSource eventSource, String id, String type, String data) {
        lastEventNanos = System.nanoTime();
        if (future.isDone() || data == null || data.isBlank()) {
            return;
        }
        JobStatus status;
        try {
            status = JobStatus.parse(ref.requestId(), data);
        } catch (KlingException e) {
            Waiter.LOG.debug("Ignoring an unreadable status event for request {}: {}", ref.requestId(), e.getMessage());
            return;
        }
        Futures.runCallback(() -> onStatus.accept(status));
        if (status.isTerminal()) {
            future.complete(status);
        }
    }

    @Override
    public void onClosed(EventSource eventSource) {
        markEnded();
        future.completeExceptionally(new KlingConnectionException(
                "Status stream of request " + ref.requestId() + " ended before the job completed",
                ref.requestId(),
                null));
    }

    @Override
    public void onFailure(EventSource eventSource, Throwable t, Response response) {
        markEnded();
        if (future.isDone()) {
            return;
        }
        if (response != null && !response.isSuccessful()) {
            future.completeExceptionally(HttpErrors.toException(response, ref.requestId()));
            return;
        }
        future.completeExceptionally(new KlingConnectionException(
                "Status stream of request " + ref.requestId() + " failed: "
                        + (t == null ? "unexpected response " + (response == null ? "" : response.code()) : t),
                ref.requestId(),
                t));
    }
}
