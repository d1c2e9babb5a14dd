package dev.kling4j.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.Sleeper;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.KlingTimeoutException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.error.MissingCredentialsException;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.testing.FakeSleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry layer on its own, over a scripted layer below it: every attempt counted, every wait recorded
 * exactly (the jitter is injected), sync and async side by side, and cancellation of an async call reaching
 * both the attempt in flight and the pending backoff.
 */
class RetryTransportTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final Request GET = new Request.Builder()
            .url("http://fal.test/fal-ai/kling-video/requests/r1/status?logs=1")
            .build();
    static final Request POST = new Request.Builder()
            .url("http://fal.test/fal-ai/kling-video/o3/pro/text-to-video")
            .post(okhttp3.RequestBody.create(new byte[] {'{', '}'}, null))
            .build();

    final ScriptedTransport below = new ScriptedTransport();
    final FakeSleeper sleeper = new FakeSleeper();
    /** Jitter 0.5: the backoff lands in the middle of its ±25 % band, i.e. on the policy's own value. */
    double jitter = 0.5;

    RetryTransport retry(int maxAttempts) {
        return retry(RetryPolicy.builder().maxAttempts(maxAttempts).build(), sleeper);
    }

    RetryTransport retry(RetryPolicy policy, Sleeper s) {
        return new RetryTransport(below, policy, s, Clock.fixed(NOW, ZoneOffset.UTC), () -> jitter);
    }

    static HttpCall read() {
        return HttpCall.of(GET, RetryMode.READ).withRequestId("r1");
    }

    static HttpCall submit() {
        return HttpCall.of(POST, RetryMode.SUBMIT).withEndpointId("fal-ai/kling-video/o3/pro/text-to-video");
    }

    static Response join(CompletableFuture<Response> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    static Throwable failureOf(CompletableFuture<Response> f) {
        assertThat(f).isDone();
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call did not fail: " + f);
    }

    static List<Long> millis(List<Duration> delays) {
        return delays.stream().map(Duration::toMillis).toList();
    }

    // ---------------------------------------------------------------- running out of attempts

    @Test
    void aSuccessIsReturnedAtOnceWithoutWaiting() throws Exception {
        below.status(200);

        try (Response r = retry(4).execute(read())) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = join(retry(4).executeAsync(read()))) {
            assertThat(r.code()).isEqualTo(200);
        }

        assertThat(below.attempts()).containsExactly(1, 1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aRetryableStatusIsRepeatedUpToMaxAttemptsThenTheLastResponseIsTheCallersToClose() {
        below.status(503);

        try (Response r = retry(3).execute(read())) {
            assertThat(r.code()).isEqualTo(503);
            assertThat(below.open()).as("only the returned response is open").isEqualTo(1);
        }

        assertThat(below.attempts()).containsExactly(1, 2, 3);
        assertThat(millis(sleeper.delays())).containsExactly(500L, 1000L);
        assertThat(below.open()).isZero();
    }

    @Test
    void theAsyncPathRunsOutOfAttemptsAtMaxAttemptsToo() throws Exception {
        below.status(503);

        try (Response r = join(retry(3).executeAsync(read()))) {
            assertThat(r.code()).isEqualTo(503);
            assertThat(below.open()).isEqualTo(1);
        }

        assertThat(below.attempts()).containsExactly(1, 2, 3);
        assertThat(millis(sleeper.delays())).containsExactly(500L, 1000L);
        assertThat(below.open()).isZero();
    }

    @Test
    void oneAttemptMeansNoRetryOnEitherPath() throws Exception {
        below.status(503);

        retry(1).execute(read()).close();
        join(retry(1).executeAsync(read())).close();

        assertThat(below.attempts()).containsExactly(1, 1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void connectionFailuresAreRetriedThenReportedWithTheAttemptsAndTheRequestId() {
        below.failure(new IOException("connection reset"), false);

        assertThatThrownBy(() -> retry(3).execute(read()))
                .isInstanceOfSatisfying(KlingConnectionException.class, e -> {
                    assertThat(e.requestId()).contains("r1");
                    assertThat(e.getCause()).hasMessage("connection reset");
                })
                .hasMessage("Connection failed: GET http://fal.test/fal-ai/kling-video/requests/r1/status (request r1)"
                        + " after 3 attempt(s): java.io.IOException: connection reset");
        assertThat(below.attempts()).containsExactly(1, 2, 3);
        assertThat(millis(sleeper.delays())).containsExactly(500L, 1000L);
    }

    @Test
    void asyncConnectionFailuresAreRetriedThenReportedLikeTheSyncOnes() {
        below.failure(new IOException("connection reset"), false);

        Throwable t = failureOf(retry(3).executeAsync(read()));

        assertThat(t).isInstanceOf(KlingConnectionException.class).hasMessageContaining("after 3 attempt(s)");
        assertThat(below.attempts()).containsExactly(1, 2, 3);
        assertThat(millis(sleeper.delays())).containsExactly(500L, 1000L);
    }

    @Test
    void aTimeoutIsReportedAsATimeoutWithoutTheRequestIdWhenTheCallHasNone() {
        below.failure(new SocketTimeoutException("timeout"), false);

        assertThatThrownBy(() -> retry(2).execute(HttpCall.of(GET, RetryMode.IDEMPOTENT)))
                .isInstanceOfSatisfying(
                        KlingTimeoutException.class,
                        e -> assertThat(e.requestId()).isEmpty())
                .hasMessage("Timed out: GET http://fal.test/fal-ai/kling-video/requests/r1/status after 2 attempt(s): "
                        + "java.net.SocketTimeoutException: timeout");
        assertThat(failureOf(retry(2).executeAsync(read()))).isInstanceOf(KlingTimeoutException.class);
        assertThat(below.attempts()).containsExactly(1, 2, 1, 2);
    }

    @Test
    void aCallThatMayNotBeRepeatedFailsAfterOneAttempt() throws Exception {
        below.failure(new IOException("reset"), false);
        assertThatThrownBy(() -> retry(4).execute(HttpCall.of(GET, RetryMode.NONE)))
                .isInstanceOf(KlingConnectionException.class)
                .hasMessageContaining("after 1 attempt(s)");
        assertThat(failureOf(retry(4).executeAsync(HttpCall.of(GET, RetryMode.NONE))))
                .isInstanceOf(KlingConnectionException.class);

        assertThat(below.attempts()).containsExactly(1, 1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aCancelledOkHttpCallIsNotRetried() {
        below.failure(new IOException("Canceled"), false);
        assertThatThrownBy(() -> retry(4).execute(read())).isInstanceOf(KlingConnectionException.class);
        below.failure(new InterruptedIOException("executor rejected"), false);
        assertThat(failureOf(retry(4).executeAsync(read()))).isInstanceOf(KlingTimeoutException.class);

        assertThat(below.attempts()).containsExactly(1, 1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aFailureThatIsNotAnIoFailurePassesThroughUnretried() {
        HttpTransport missingKey = asyncOnly(
                call -> CompletableFuture.failedFuture(new CompletionException(new MissingCredentialsException())));
        RetryTransport r = new RetryTransport(missingKey, RetryPolicy.defaults(), sleeper, Clock.systemUTC());

        assertThatThrownBy(() -> r.execute(read())).isInstanceOf(MissingCredentialsException.class);
        assertThat(failureOf(r.executeAsync(read()))).isInstanceOf(MissingCredentialsException.class);
        assertThat(sleeper.delays()).isEmpty();
    }

    // ---------------------------------------------------------------- a submit: written or not

    @Test
    void aSubmitThatFailedBeforeItWasWrittenIsResentOnBothPaths() throws Exception {
        below.failure(new IOException("connect refused"), false).status(200);
        try (Response r = retry(4).execute(submit())) {
            assertThat(r.code()).isEqualTo(200);
        }
        below.failure(new IOException("connect refused"), false).status(200);
        try (Response r = join(retry(4).executeAsync(submit()))) {
            assertThat(r.code()).isEqualTo(200);
        }

        assertThat(below.attempts()).containsExactly(1, 2, 1, 2);
        assertThat(millis(sleeper.delays())).containsExactly(500L, 500L);
    }

    @Test
    void aSubmitThatFailedAfterItWasWrittenIsNeverResentAndItsOutcomeIsUnknown() {
        below.failure(new IOException("unexpected end of stream"), true);

        assertThatThrownBy(() -> retry(4).execute(submit()))
                .isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("fal-ai/kling-video/o3/pro/text-to-video");
        assertThat(below.calls()).hasSize(1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void anAsyncSubmitThatFailedAfterItWasWrittenIsNeverResent() {
        below.failure(new IOException("unexpected end of stream"), true);

        assertThat(failureOf(retry(4).executeAsync(submit())))
                .isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("fal-ai/kling-video/o3/pro/text-to-video");
        assertThat(below.calls()).hasSize(1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aSubmitWithoutAnEndpointIdNamesItsPath() {
        below.failure(new IOException("reset"), true);

        assertThatThrownBy(() -> retry(4).execute(HttpCall.of(POST, RetryMode.SUBMIT)))
                .isInstanceOf(SubmitOutcomeUnknownException.class)
                .hasMessageContaining("/fal-ai/kling-video/o3/pro/text-to-video");
    }

    @Test
    void aReadThatFailedAfterItWasWrittenIsRetried() throws Exception {
        below.failure(new IOException("reset"), true).status(200);

        join(retry(4).executeAsync(read())).close();

        assertThat(below.attempts()).containsExactly(1, 2);
    }

    // ---------------------------------------------------------------- Retry-After

    @Test
    void retryAfterInSecondsIsWaitedOnBothPaths() throws Exception {
        below.status(429, "Retry-After", "7").status(200);
        retry(4).execute(read()).close();
        below.status(429, "Retry-After", " 3 ").status(200);
        join(retry(4).executeAsync(read())).close();

        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
        assertThat(below.attempts()).containsExactly(1, 2, 1, 2);
        assertThat(below.open()).isZero();
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheClockAndAPastDateMeansAtOnce() throws Exception {
        below.status(503, "Retry-After", "Tue, 24 Nov 2026 10:00:12 GMT")
                .status(503, "Retry-After", "Tue, 24 Nov 2026 09:00:00 GMT")
                .status(200);

        join(retry(4).executeAsync(read())).close();

        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(12), Duration.ZERO);
    }

    @Test
    void aNegativeRetryAfterMeansAtOnceAndAnUnreadableOneFallsBackToTheBackoff() {
        below.status(503, "Retry-After", "-5")
                .status(503, "Retry-After", "soon")
                .status(503, "Retry-After", "")
                .status(200);

        retry(4).execute(read()).close();

        assertThat(millis(sleeper.delays())).containsExactly(0L, 1000L, 2000L);
    }

    @Test
    void retryAfterAtTheCapIsWaitedAndOneSecondPastItEndsTheRetriesWithTheResponse() throws Exception {
        RetryPolicy capped =
                RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(60)).build();
        below.status(429, "Retry-After", "60").status(200);
        retry(capped, sleeper).execute(read()).close();
        below.status(429, "Retry-After", "61");

        try (Response r = join(retry(capped, sleeper).executeAsync(read()))) {
            assertThat(r.code()).isEqualTo(429);
        }
        try (Response r = retry(capped, sleeper).execute(read())) {
            assertThat(r.code()).isEqualTo(429);
        }

        assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(60));
        assertThat(below.attempts()).containsExactly(1, 2, 1, 1);
    }

    // ---------------------------------------------------------------- backoff and jitter

    @Test
    void theBackoffDoublesFromTheInitialValueAndIsCappedAfterJitter() {
        RetryPolicy p = RetryPolicy.builder()
                .maxAttempts(5)
                .initialBackoff(Duration.ofSeconds(3))
                .maxBackoff(Duration.ofSeconds(8))
                .build();
        below.status(502);

        retry(p, sleeper).execute(read()).close();

        // 3 s, 6 s, then 12 s and 24 s capped at 8 s
        assertThat(millis(sleeper.delays())).containsExactly(3000L, 6000L, 8000L, 8000L);
    }

    @Test
    void theJitterSpansMinusToPlusTwentyFivePercentAndTheCapHoldsAfterIt() {
        RetryPolicy p = RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofSeconds(4))
                .maxBackoff(Duration.ofSeconds(8))
                .build();
        below.status(502);

        jitter = 0.0;
        retry(p, sleeper).execute(read()).close();
        jitter = 0.999;
        retry(p, sleeper).execute(read()).close();

        // 0.75 × 4 s, 0.75 × 8 s; then 1.2495 × 4 s, and 1.2495 × 8 s capped at 8 s
        assertThat(millis(sleeper.delays())).containsExactly(3000L, 6000L, 4998L, 8000L);
    }

    @Test
    void theSystemJitterSpreadsTheWaitsOverTheWholeBand() {
        for (int i = 0; i < 40; i++) {
            new RetryTransport(
                            new ScriptedTransport().status(502),
                            RetryPolicy.builder().maxAttempts(2).build(),
                            sleeper,
                            Clock.systemUTC())
                    .execute(read())
                    .close();
        }

        // 40 waits before a second attempt, each uniform in 375–625 ms: all on one side of 500 ms has odds of 2⁻³⁹
        assertThat(millis(sleeper.delays()))
                .hasSize(40)
                .allSatisfy(ms -> assertThat(ms).isBetween(375L, 625L))
                .anySatisfy(ms -> assertThat(ms).isLessThan(500L))
                .anySatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(500L));
    }

    @Test
    void anIoFailureWrappedByTheLayerBelowIsStillRetried() throws Exception {
        List<Integer> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpTransport wrapping = asyncOnly(call -> {
            attempts.add(call.attempt());
            return call.attempt() == 1
                    ? CompletableFuture.failedFuture(
                            new CompletionException(new HttpIOException(new IOException("reset"), false)))
                    : CompletableFuture.completedFuture(below.response(call, 200, okhttp3.Headers.of()));
        });

        try (Response r =
                join(new RetryTransport(wrapping, RetryPolicy.defaults(), sleeper, Clock.systemUTC(), () -> 0.5)
                        .executeAsync(read()))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(attempts).containsExactly(1, 2);
    }

    // ---------------------------------------------------------------- which statuses are retried

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(RetryMode.READ, 500, new String[0], true),
                Arguments.of(RetryMode.IDEMPOTENT, 500, new String[0], false),
                Arguments.of(RetryMode.SUBMIT, 500, new String[0], false),
                Arguments.of(RetryMode.NONE, 503, new String[0], false),
                Arguments.of(RetryMode.READ, 408, new String[0], true),
                Arguments.of(RetryMode.IDEMPOTENT, 408, new String[0], true),
                Arguments.of(RetryMode.SUBMIT, 408, new String[0], false),
                Arguments.of(RetryMode.READ, 429, new String[0], true),
                Arguments.of(RetryMode.IDEMPOTENT, 429, new String[0], true),
                Arguments.of(RetryMode.SUBMIT, 429, new String[] {"x-fal-request-id", "r"}, true),
                Arguments.of(RetryMode.SUBMIT, 502, new String[0], true),
                Arguments.of(RetryMode.SUBMIT, 503, new String[0], true),
                Arguments.of(RetryMode.SUBMIT, 504, new String[0], true),
                Arguments.of(RetryMode.SUBMIT, 502, new String[] {"x-fal-request-id", "r"}, false),
                Arguments.of(RetryMode.SUBMIT, 503, new String[] {"x-fal-request-id", "r"}, false),
                Arguments.of(RetryMode.SUBMIT, 504, new String[] {"x-fal-request-id", "r"}, false),
                Arguments.of(RetryMode.READ, 502, new String[0], true),
                Arguments.of(RetryMode.READ, 503, new String[0], true),
                Arguments.of(RetryMode.READ, 504, new String[0], true),
                Arguments.of(RetryMode.IDEMPOTENT, 502, new String[0], true),
                Arguments.of(RetryMode.IDEMPOTENT, 503, new String[0], true),
                Arguments.of(RetryMode.IDEMPOTENT, 504, new String[0], true),
                Arguments.of(RetryMode.READ, 504, new String[] {"X-Fal-Request-Timeout-Type", "user"}, false),
                Arguments.of(RetryMode.READ, 504, new String[] {"X-Fal-Request-Timeout-Type", "runner"}, true),
                Arguments.of(RetryMode.READ, 503, new String[] {"X-Fal-Retryable", "false"}, false),
                Arguments.of(RetryMode.READ, 503, new String[] {"X-Fal-Retryable", "true"}, true),
                Arguments.of(RetryMode.READ, 400, new String[0], false),
                Arguments.of(RetryMode.READ, 404, new String[0], false),
                Arguments.of(RetryMode.IDEMPOTENT, 501, new String[0], false),
                Arguments.of(RetryMode.READ, 200, new String[0], false));
    }

    @ParameterizedTest(name = "{0} {1} {2}: retried {3}")
    @MethodSource("statuses")
    void whichStatusesAreRetried(RetryMode mode, int code, String[] headers, boolean retried) throws Exception {
        below.status(code, headers).status(200);
        HttpCall call = HttpCall.of(mode == RetryMode.SUBMIT ? POST : GET, mode);

        retry(2).execute(call).close();
        below.status(code, headers).status(200);
        join(retry(2).executeAsync(call)).close();

        assertThat(below.calls()).hasSize(retried ? 4 : 2);
        assertThat(below.open()).isZero();
    }

    // ---------------------------------------------------------------- cancellation

    @Test
    void cancellingTheFutureCancelsTheAttemptInFlightAndNothingMoreIsSent() {
        below.pending();
        CompletableFuture<Response> f = retry(4).executeAsync(read());
        CompletableFuture<Response> inFlight = below.futures().get(0);

        assertThat(f.cancel(true)).isTrue();

        assertThat(inFlight).isCancelled();
        assertThat(below.calls()).hasSize(1);
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void cancellingTheFutureDuringTheBackoffCancelsTheWaitAndNoFurtherAttemptIsMade() {
        FakeSleeper parked = new FakeSleeper().parkAsync();
        below.status(503).status(200);
        CompletableFuture<Response> f = retry(RetryPolicy.defaults(), parked).executeAsync(read());
        assertThat(parked.parked()).as("waiting before the second attempt").hasSize(1);
        CompletableFuture<Void> backoff = parked.parked().get(0);

        f.cancel(true);

        assertThat(backoff).isCancelled();
        assertThat(below.calls()).hasSize(1);
        assertThat(below.open()).isZero();
    }

    @Test
    void aWaitThatEndsAfterTheCallerGaveUpSendsNothing() {
        FakeSleeper parked = new FakeSleeper().parkAsync();
        below.status(503).status(200);
        CompletableFuture<Response> f = retry(RetryPolicy.defaults(), parked).executeAsync(read());
        f.completeExceptionally(new IllegalStateException("the caller moved on"));

        parked.parked().get(0).complete(null);

        assertThat(below.calls()).hasSize(1);
    }

    @Test
    void aCancelArrivingWhileTheNextAttemptStartsCancelsThatAttempt() {
        java.util.concurrent.atomic.AtomicReference<CompletableFuture<Response>> outer =
                new java.util.concurrent.atomic.AtomicReference<>();
        List<CompletableFuture<Response>> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpTransport cancelledMidway = asyncOnly(call -> {
            CompletableFuture<Response> f = new CompletableFuture<>();
            attempts.add(f);
            if (call.attempt() == 1) {
                f.complete(below.response(call, 503, okhttp3.Headers.of()));
            } else {
                outer.get().cancel(true); // the caller cancels while this attempt is being handed out
            }
            return f;
        });
        FakeSleeper parked = new FakeSleeper().parkAsync();
        CompletableFuture<Response> f = new RetryTransport(
                        cancelledMidway, RetryPolicy.defaults(), parked, Clock.systemUTC(), () -> 0.5)
                .executeAsync(read());
        outer.set(f);

        parked.parked().get(0).complete(null);

        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1)).isCancelled();
        assertThat(f).isCancelled();
    }

    @Test
    void aSuccessfulAttemptFinishingAfterTheCallerCompletedTheFutureIsClosed() throws Exception {
        below.pending();
        CompletableFuture<Response> f = retry(4).executeAsync(read());
        f.completeExceptionally(new IllegalStateException("the caller moved on"));

        below.futures().get(0).complete(below.response(read(), 200, okhttp3.Headers.of()));

        assertThat(below.open()).isZero();
        assertThat(below.calls()).hasSize(1);
    }

    @Test
    void anAlreadyCancelledCallStartsNoAttempt() {
        FakeSleeper parked = new FakeSleeper().parkAsync();
        below.status(503).status(200);
        CompletableFuture<Response> f = retry(RetryPolicy.defaults(), parked).executeAsync(read());
        f.cancel(true);

        parked.parked().get(0).complete(null);

        assertThat(below.calls()).hasSize(1);
    }

    // ---------------------------------------------------------------- the blocking path

    @Test
    void anInterruptDuringTheBackoffEndsTheCallAndKeepsTheInterruptFlag() {
        below.status(503);
        Sleeper interrupted = new Sleeper() {
            @Override
            public void sleep(Duration delay) throws InterruptedException {
                throw new InterruptedException();
            }

            @Override
            public CompletableFuture<Void> delay(Duration delay) {
                return CompletableFuture.completedFuture(null);
            }
        };
        try {
            assertThatThrownBy(() -> retry(RetryPolicy.defaults(), interrupted).execute(read()))
                    .isExactlyInstanceOf(KlingTransportException.class)
                    .isInstanceOfSatisfying(
                            KlingTransportException.class,
                            e -> assertThat(e.requestId()).contains("r1"))
                    .hasMessage("Interrupted while waiting to retry GET " + GET.url() + ": the call was abandoned")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(below.calls()).hasSize(1);
        assertThat(below.open()).isZero();
    }

    @Test
    void streamsAreHandedToTheLayerBelowUnretried() {
        assertThat(retry(4).openStream(read(), null)).isSameAs(below.stream);

        assertThat(below.calls()).hasSize(1);
    }

    @Test
    void theAsyncResultIsTheLayerBelowsResponse() throws ExecutionException, InterruptedException {
        below.status(201);

        try (Response r = retry(4).executeAsync(read()).get()) {
            assertThat(r.code()).isEqualTo(201);
        }
    }

    /** A layer below that answers async calls with the function; a blocking call fails as it would at OkHttp. */
    static HttpTransport asyncOnly(java.util.function.Function<HttpCall, CompletableFuture<Response>> async) {
        return new HttpTransport() {
            @Override
            public Response execute(HttpCall call) {
                try {
                    return async.apply(call).join();
                } catch (CompletionException e) {
                    throw (RuntimeException) e.getCause();
                }
            }

            @Override
            public CompletableFuture<Response> executeAsync(HttpCall call) {
                return async.apply(call);
            }

            @Override
            public okhttp3.sse.EventSource openStream(HttpCall call, okhttp3.sse.EventSourceListener listener) {
                return null;
            }
        };
    }
}
