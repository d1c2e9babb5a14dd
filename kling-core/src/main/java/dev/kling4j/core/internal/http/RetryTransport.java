package dev.kling4j.core.internal.http;

import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.Sleeper;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.KlingTimeoutException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * Repeats failed attempts according to a {@link RetryPolicy} and the call's {@link RetryMode}, and turns
 * I/O failures into kling4j exceptions. Every response it discards is closed. Not API.
 */
public final class RetryTransport implements HttpTransport {
    private final HttpTransport delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    /** Uniform in [0, 1): where in the ±25 % band a backoff lands. Injected by tests so that they are exact. */
    private final DoubleSupplier jitter;

    /**
     * Creates the layer.
     *
     * @param delegate the next layer
     * @param policy the policy
     * @param sleeper waits between attempts
     * @param clock reads {@code Retry-After} HTTP dates against this clock
     */
    public RetryTransport(HttpTransport delegate, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this(delegate, policy, sleeper, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryTransport(HttpTransport delegate, RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.jitter = jitter;
    }

    @Override
    public Response execute(HttpCall call) {
        for (int attempt = 1; ; attempt++) {
            HttpCall current = call.withAttempt(attempt);
            Duration wait;
            try {
                Response r = delegate.execute(current);
                wait = delayAfterResponse(current, r);
                if (wait == null) {
                    return r;
                }
                r.close();
            } catch (HttpIOException e) {
                wait = delayAfterFailure(current, e);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KlingTransportException(
                        "Interrupted while waiting to retry "
                                + current.request().method() + " "
                                + current.request().url() + ": the call was abandoned",
                        current.requestId(),
                        e);
            }
        }
    }

    @Override
    public CompletableFuture<Response> executeAsync(HttpCall call) {
        CompletableFuture<Response> out = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
        out.whenComplete((r, t) -> {
            CompletableFuture<?> f = inFlight.get();
            if (out.isCancelled() && f != null) {
                f.cancel(true);
            }
        });
        attemptAsync(call, 1, out, inFlight);
        return out;
    }

    private void attemptAsync(
            HttpCall call,
            int attempt,
            CompletableFuture<Response> out,
            AtomicReference<CompletableFuture<?>> inFlight) {
        if (out.isDone()) {
            return;
        }
        HttpCall current = call.withAttempt(attempt);
        CompletableFuture<Response> f = delegate.executeAsync(current);
        inFlight.set(f);
        if (out.isCancelled()) {
            f.cancel(true);
        }
        f.whenComplete((r, t) -> {
            Duration wait;
            try {
                if (r != null) {
                    wait = delayAfterResponse(current, r);
                    if (wait == null) {
                        if (!out.complete(r)) {
                            r.close();
                        }
                        return;
                    }
                    r.close();
                } else {
                    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                    if (!(cause instanceof HttpIOException io)) {
                        out.completeExceptionally(cause);
                        return;
                    }
                    wait = delayAfterFailure(current, io);
                }
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
                return;
            }
            CompletableFuture<Void> d = sleeper.delay(wait);
            inFlight.set(d);
            d.whenComplete((v, e) -> attemptAsync(call, attempt + 1, out, inFlight));
        });
    }

    @Override
    public EventSource openStream(HttpCall call, EventSourceListener listener) {
        return delegate.openStream(call, listener);
    }

    /** The wait before repeating after this response, or null to hand the response to the caller. */
    private Duration delayAfterResponse(HttpCall call, Response r) {
        int code = r.code();
        if (call.attempt() >= policy.maxAttempts() || !retryableStatus(call.retryMode(), r)) {
            return null;
        }
        Duration retryAfter = retryAfter(r.header("Retry-After"));
        if (retryAfter != null) {
            return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? null : retryAfter;
        }
        return code > 0 ? jittered(call.attempt()) : null;
    }

    /** The wait before repeating after this failure; throws when the failure ends the call. */
    private Duration delayAfterFailure(HttpCall call, HttpIOException e) {
        if (call.retryMode() == RetryMode.SUBMIT && e.requestSent()) {
            throw new SubmitOutcomeUnknownException(
                    call.endpointId() == null ? call.request().url().encodedPath() : call.endpointId(), e.getCause());
        }
        String msg = e.getCause().getMessage();
        boolean canceled = "canceled".equalsIgnoreCase(msg) || "executor rejected".equalsIgnoreCase(msg);
        if (canceled || call.retryMode() == RetryMode.NONE || call.attempt() >= policy.maxAttempts()) {
            throw toTransportException(call, e);
        }
        return jittered(call.attempt());
    }

    private Duration jittered(int attempt) {
        long base = policy.backoff(attempt).toMillis();
        double factor = 0.75 + jitter.getAsDouble() * 0.5;
        return Duration.ofMillis(
                Math.min((long) (base * factor), policy.maxBackoff().toMillis()));
    }

    static boolean retryableStatus(RetryMode mode, Response r) {
        int code = r.code();
        if ("false".equalsIgnoreCase(r.header("X-Fal-Retryable"))) {
            return false;
        }
        if (code == 504 && "user".equalsIgnoreCase(r.header("X-Fal-Request-Timeout-Type"))) {
            return false;
        }
        switch (mode) {
            case NONE:
                return false;
            case SUBMIT:
                return code == 429
                        || ((code == 502 || code == 503 || code == 504) && r.header("x-fal-request-id") == null);
            case READ:
                if (code == 500) {
                    return true;
                }
                return code == 408 || code == 429 || code == 502 || code == 503 || code == 504;
            case IDEMPOTENT:
            default:
                return code == 408 || code == 429 || code == 502 || code == 503 || code == 504;
        }
    }

    /** Parses {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException ignored) {
            // not seconds: try an HTTP date
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), when.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static KlingTransportException toTransportException(HttpCall call, HttpIOException e) {
        String what = call.request().method() + " "
                + call.request().url().newBuilder().query(null).build()
                + (call.requestId() == null ? "" : " (request " + call.requestId() + ")");
        if (e.getCause() instanceof InterruptedIOException) {
            return new KlingTimeoutException(
                    "Timed out: " + what + " after " + call.attempt() + " attempt(s): " + e.getCause(),
                    call.requestId(),
                    e.getCause());
        }
        return new KlingConnectionException(
                "Connection failed: " + what + " after " + call.attempt() + " attempt(s): " + e.getCause(),
                call.requestId(),
                e.getCause());
    }
}
