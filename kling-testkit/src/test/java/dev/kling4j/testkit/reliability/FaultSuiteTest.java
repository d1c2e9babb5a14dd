package dev.kling4j.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.error.AuthenticationException;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.FalServiceException;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.NotFoundException;
import dev.kling4j.core.error.RateLimitException;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.core.queue.RequestRef;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.Fault;
import dev.kling4j.testkit.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK under fal's faults, on the emulator: each test names the fault, asserts the outcome, the number of
 * jobs fal created (never a duplicate), the typed exception and its request id; {@link FaultHarness} checks
 * that nothing leaked.
 */
class FaultSuiteTest extends FaultHarness {
    static final Map<String, Object> INPUT = Map.of("prompt", "a red fox in fresh snow");

    @TempDir
    Path dir;

    JobResult subscribe() {
        return client.queue().subscribe(T2V, INPUT, RequestOptions.defaults());
    }

    /** The backoffs of retries (the policy's, from 375 ms), not the polls' (at most 100 ms here). */
    java.util.List<Duration> retryBackoffs() {
        return backoffs.stream().filter(d -> d.toMillis() >= 375).toList();
    }

    <T extends Throwable> T failure(Class<T> type, Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOf(type);
        return type.cast(t);
    }

    // ---------------------------------------------------------------- submit

    @Test
    void submit429WithRetryAfterIsRetriedAfterTheAskedDelay() {
        fal.faults().next(Fault.status(429).retryAfter(2).withRequestId(false).on("POST", "/fal-ai/"));

        assertThat(subscribe().output().get("video")).isPresent();
        assertThat(backoffs).contains(Duration.ofSeconds(2));
        assertThat(submits()).isEqualTo(2);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void submit429WithARetryAfterBeyondTheCapFailsWithoutAJob() {
        fal.faults()
                .next(Fault.status(429).retryAfter(3600).withRequestId(false).on("POST", "/fal-ai/"));

        failure(RateLimitException.class, this::subscribe);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isZero();
    }

    @Test
    void submit503WithoutRequestIdIsRetriedBecauseTheIngressRefusedIt() {
        fal.faults()
                .next(Fault.status(503)
                        .withRequestId(false)
                        .on("POST", "/fal-ai/")
                        .times(2));

        subscribe();
        assertThat(retryBackoffs()).hasSize(2);
        assertThat(submits()).isEqualTo(3);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void submit503WithRequestIdIsNotRetriedAndCarriesTheId() {
        fal.faults().next(Fault.status(503).withRequestId(true).on("POST", "/fal-ai/"));

        InternalServerException e = failure(InternalServerException.class, this::subscribe);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.requestId()).isPresent();
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isZero();
    }

    @Test
    void submit502WithoutRequestIdIsRetried() {
        fal.faults().next(Fault.status(502).withRequestId(false).on("POST", "/fal-ai/"));

        subscribe();
        assertThat(retryBackoffs()).as("the resend came after a backoff").hasSize(1);
        assertThat(submits()).isEqualTo(2);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void submit504WithoutRequestIdIsRetried() {
        fal.faults().next(Fault.status(504).withRequestId(false).on("POST", "/fal-ai/"));

        subscribe();
        assertThat(retryBackoffs()).as("the resend came after a backoff").hasSize(1);
        assertThat(submits()).isEqualTo(2);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void submit500IsNotRetriedBecauseTheJobMayExist() {
        fal.faults().next(Fault.status(500).withRequestId(false).on("POST", "/fal-ai/"));

        failure(InternalServerException.class, this::subscribe);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs())
                .as("the emulator's 500 came before it created the job")
                .isZero();
    }

    @Test
    void connectionDroppedBeforeTheSubmitIsReadIsAnUnknownOutcomeNotAResend() {
        fal.faults().next(Fault.dropBeforeRead().on("POST", "/fal-ai/"));

        SubmitOutcomeUnknownException e = failure(SubmitOutcomeUnknownException.class, this::subscribe);
        assertThat(e.getMessage()).contains(T2V);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isZero();
    }

    @Test
    void connectionDroppedAfterTheSubmitIsReadLeavesExactlyOneJob() {
        fal.faults().next(Fault.dropAfterRead().on("POST", "/fal-ai/"));

        failure(SubmitOutcomeUnknownException.class, this::subscribe);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aReadTimeoutOnSubmitCreatesNoSecondJob() {
        fal.faults().next(Fault.slowBody(1, Duration.ofMillis(1500)).on("POST", "/fal-ai/"));

        failure(SubmitOutcomeUnknownException.class, this::subscribe);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aRefusedKeyIs401WithoutRetryOrJob() {
        try (FalEmulator strict = FalEmulator.builder().apiKey("the-right-key").start();
                KlingClient wrong = strict.clientBuilder()
                        .apiKey("a-wrong-key")
                        .sleeper(fastSleeper)
                        .build()) {
            AuthenticationException e =
                    failure(AuthenticationException.class, () -> wrong.queue().submit(T2V, INPUT));
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain("a-wrong-key");
            assertThat(strict.jobsCreated()).isZero();
            assertThat(strict.requests()).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- status, stream, result

    @Test
    void status500WhilePollingIsRetriedAndTheJobFinishes() {
        client.close();
        client = client(b -> b.maxConcurrentStreams(0));
        fal.faults().next(Fault.status(500).on("GET", REQUESTS).times(2));

        assertThat(subscribe().status().isFailed()).isFalse();
        assertThat(statusPolls())
                .as("two failed polls, then at least one answered")
                .isGreaterThanOrEqualTo(3);
        assertThat(retryBackoffs()).as("one backoff per failed poll").hasSize(2);
        assertThat(fal.faults().pending()).isZero();
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void status502WhilePollingIsRetried() {
        client.close();
        client = client(b -> b.maxConcurrentStreams(0));
        fal.faults().next(Fault.status(502).on("GET", REQUESTS).times(3));

        subscribe();
        assertThat(statusPolls()).isGreaterThanOrEqualTo(4);
        assertThat(retryBackoffs()).as("one backoff per failed poll").hasSize(3);
        assertThat(fal.faults().pending()).isZero();
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void status429WhilePollingIsRetried() {
        client.close();
        client = client(b -> b.maxConcurrentStreams(0));
        fal.faults().next(Fault.status(429).retryAfter(1).on("GET", REQUESTS));

        subscribe();
        assertThat(retryBackoffs()).containsExactly(Duration.ofSeconds(1));
        assertThat(statusPolls()).isGreaterThanOrEqualTo(2);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void anSseStreamDroppedMidwayFallsBackToPollingAndFinishes() {
        fal.script().defaults().queuePositions(2).sseDropAfter(1);

        assertThat(subscribe().output().get("video")).isPresent();
        assertThat(statusPolls()).as("polling took over").isPositive();
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aSilentSseStreamIsAbandonedForPollingAndTheJobFinishes() {
        // Held in the queue until polling has taken over: the job cannot end before the stream is abandoned.
        fal.script().defaults().holdInQueue().sseSilentAfter(1);

        CompletableFuture<JobResult> job = client.queue().subscribeAsync(T2V, INPUT, RequestOptions.defaults());
        assertThat(waitFor(() -> statusPollsNow() > 0))
                .as("polling took over from the silent stream")
                .isTrue();
        fal.releaseAll();

        assertThat(job.join().output().get("video")).isPresent();
        assertThat(requests("GET", REQUESTS).stream().filter(r -> r.path().endsWith("/status/stream")))
                .hasSize(1);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    int statusPollsNow() {
        return fal.requests(r -> r.method().equals("GET") && r.path().endsWith("/status"))
                .size();
    }

    @Test
    void aSlowStatusBodyPastTheAttemptTimeoutIsRetried() {
        client.close();
        client = client(b -> b.maxConcurrentStreams(0));
        fal.faults().next(Fault.slowBody(1, Duration.ofMillis(1500)).on("GET", REQUESTS));

        subscribe();
        assertThat(statusPolls()).as("the slow poll, then the next").isGreaterThanOrEqualTo(2);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aStatusBodyTricklingFasterThanTheReadTimeoutIsCutByTheAttemptTimeoutAndPollingGoesOn() {
        client.close();
        client = client(b -> b.maxConcurrentStreams(0).attemptTimeout(Duration.ofMillis(700)));
        fal.faults().next(Fault.slowBody(1, Duration.ofMillis(300)).on("GET", REQUESTS));

        // The trickle would take ~30 s; without the attempt timeout the 5 s deadline fails this test.
        JobResult done = client.queue()
                .subscribe(
                        T2V,
                        INPUT,
                        RequestOptions.builder().deadline(Duration.ofSeconds(5)).build());
        assertThat(done.output().get("video")).isPresent();
        assertThat(statusPolls()).isGreaterThanOrEqualTo(2);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void result500IsRetried() {
        RequestRef ref = client.queue().submit(T2V, INPUT);
        client.queue().await(ref, RequestOptions.defaults());
        fal.faults().next(Fault.status(500).on("GET", REQUESTS));

        assertThat(client.queue().result(ref).get("video")).isPresent();
        settle();
        assertThat(fal.requests(r -> r.method().equals("GET") && r.path().equals(REQUESTS + ref.requestId())))
                .as("the failed result read, then the answered one")
                .hasSize(2);
        assertThat(retryBackoffs()).hasSize(1);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void a422AtResultTimeIsAValidationErrorWithTheFieldAndRequestId() {
        fal.script().defaults().rejectInput("prompt", "prompt is not allowed");

        UnprocessableEntityException e = failure(UnprocessableEntityException.class, this::subscribe);
        assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.path()).contains("prompt"));
        assertThat(e.requestId()).isPresent();
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void completedWithAnErrorIsAJobFailureCarryingTheRequestId() {
        fal.script().defaults().failWith(500, "runner_server_error", "the runner crashed");

        JobFailedException e = failure(JobFailedException.class, this::subscribe);
        assertThat(e.requestId()).isPresent();
        assertThat(e.errorType()).contains("runner_server_error");
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void anExpiredResultIsAServiceErrorWithTheRequestId() {
        MovableClock clock = new MovableClock(Instant.now());
        try (FalEmulator clocked = FalEmulator.builder()
                        .retention(Duration.ofHours(1))
                        .clock(clock)
                        .start();
                KlingClient c = clocked.clientBuilder().sleeper(fastSleeper).build()) {
            RequestRef ref = c.queue().submit(T2V, INPUT);
            c.queue().await(ref, RequestOptions.defaults());
            clock.advance(Duration.ofHours(2));

            FalServiceException e =
                    failure(FalServiceException.class, () -> c.queue().result(ref));
            assertThat(e.statusCode()).isIn(404, 410);
            assertThat(e.requestId()).contains(ref.requestId());
            assertThat(clocked.jobsCreated()).isEqualTo(1);
            assertThat(clocked.requests(
                            r -> r.method().equals("GET") && r.path().equals(REQUESTS + ref.requestId())))
                    .as("an expired result is not retried")
                    .hasSize(1);
        }
    }

    @Test
    void attachingToAnUnknownRequestIsNotFound() {
        RequestRef ghost = client.queue().attach(T2V, "no-such-request");

        NotFoundException e =
                failure(NotFoundException.class, () -> client.queue().status(ghost, false));
        assertThat(e.requestId()).contains("no-such-request");
        assertThat(statusPolls()).as("a 404 is not retried").isEqualTo(1);
        assertThat(jobs()).isZero();
    }

    // ---------------------------------------------------------------- cancel, deadline

    @Test
    void aCancelRacingCompletionAnswersAlreadyCompleted() {
        RequestRef ref = client.queue().submit(T2V, INPUT);
        client.queue().await(ref, RequestOptions.defaults());

        CancelResult cancel = client.queue().cancel(ref);
        assertThat(cancel.accepted()).isFalse();
        assertThat(cancel.status()).isEqualTo("ALREADY_COMPLETED");
        assertThat(requests("PUT", REQUESTS)).hasSize(1);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aCancel503IsRetried() {
        fal.script().defaults().holdInQueue();
        RequestRef ref = client.queue().submit(T2V, INPUT);
        fal.faults().next(Fault.status(503).withRequestId(false).on("PUT", REQUESTS));

        assertThat(client.queue().cancel(ref).accepted()).isTrue();
        assertThat(requests("PUT", REQUESTS)).hasSize(2);
        assertThat(retryBackoffs()).hasSize(1);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void theWholeJobDeadlineCancelsAtFalAndCarriesTheRequestId() {
        fal.script().defaults().holdInQueue();

        DeadlineExceededException e = failure(
                DeadlineExceededException.class,
                () -> client.queue()
                        .subscribe(
                                T2V,
                                INPUT,
                                RequestOptions.builder()
                                        .deadline(Duration.ofMillis(300))
                                        .build()));
        assertThat(e.requestId()).isPresent();
        assertThat(waitFor(() -> !requests("PUT", REQUESTS).isEmpty()))
                .as("a cancel reached fal")
                .isTrue();
        assertThat(submits()).isEqualTo(1);
        assertThat(requests("PUT", REQUESTS)).hasSize(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void cancellingTheFutureCancelsAtFalAndCarriesTheRequestId() throws Exception {
        fal.script().defaults().holdInQueue();
        CompletableFuture<RequestRef> enqueued = new CompletableFuture<>();
        CompletableFuture<JobResult> job = client.queue()
                .subscribeAsync(
                        T2V,
                        INPUT,
                        RequestOptions.builder().onEnqueued(enqueued::complete).build());
        RequestRef ref = enqueued.get(5, TimeUnit.SECONDS);

        job.cancel(true);

        JobCancelledException e = failure(JobCancelledException.class, job::join);
        assertThat(e.requestId()).contains(ref.requestId());
        assertThat(waitFor(() -> !requests("PUT", REQUESTS).isEmpty()))
                .as("a cancel reached fal")
                .isTrue();
        assertThat(submits()).isEqualTo(1);
        assertThat(requests("PUT", REQUESTS)).hasSize(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aCancelledQueuedJobEndsAsAFailureNamingTheCancel() {
        fal.script().defaults().holdInQueue();
        RequestRef ref = client.queue().submit(T2V, INPUT);
        client.queue().cancel(ref);
        fal.releaseAll();

        Throwable t = catchThrowable(() -> client.queue().awaitResult(ref, RequestOptions.defaults()));
        assertThat(t).isInstanceOfSatisfying(JobFailedException.class, e -> {
            assertThat(e.requestId()).contains(ref.requestId());
            assertThat(e.errorType()).contains("client_cancelled");
        });
        assertThat(requests("PUT", REQUESTS)).hasSize(1);
        assertThat(submits()).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- storage

    Path randomFile(int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new Random(7).nextBytes(data);
        return Files.write(dir.resolve("in-" + bytes + ".bin"), data);
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void anUploadPartFailingTwiceIsRetriedAndTheFileArrivesWhole() throws Exception {
        Path file = randomFile(3 * 1024 * 1024 + 17);
        fal.faults()
                .next(Fault.status(503)
                        .withRequestId(false)
                        .on("PUT", "/upload/multipart/")
                        .times(2));

        String url = client.uploader()
                .multipartThreshold(1024 * 1024)
                .partSize(1024 * 1024)
                .build()
                .upload(Media.bytes(Files.readAllBytes(file), "application/octet-stream", "in.bin"));

        Path back =
                client.downloader().build().downloadTo(url, OptionalLong.of(Files.size(file)), dir.resolve("back.bin"));
        assertThat(sha256(back)).isEqualTo(sha256(file));
        assertThat(requests("PUT", "/upload/multipart/")).hasSize(4 + 2);
        assertThat(jobs()).isZero();
    }

    @Test
    void anUploadInitiateFailingIsAServiceErrorBeforeAnyJob() throws Exception {
        fal.faults()
                .next(Fault.status(500)
                        .on("POST", "/rest/storage/upload/initiate")
                        .times(10));
        Path file = randomFile(1000);

        Throwable t = catchThrowable(() -> client.uploader().build().upload(Media.file(file)));
        assertThat(t).isInstanceOf(FalServiceException.class);
        assertThat(requests("POST", "/rest/storage/upload/initiate"))
                .as("an initiate 500 is not retried")
                .hasSize(1);
        assertThat(submits()).isZero();
        assertThat(jobs()).isZero();
    }

    @Test
    void aDownloadDroppedOnceIsResumedAndTheBytesAreIdentical() throws Exception {
        Path file = randomFile(2 * 1024 * 1024);
        String url = client.uploader().build().upload(Media.file(file));
        fal.faults().next(Fault.dropAfterRead().on("GET", "/files/"));

        Path back =
                client.downloader().build().downloadTo(url, OptionalLong.of(Files.size(file)), dir.resolve("back.bin"));

        assertThat(sha256(back)).isEqualTo(sha256(file));
        assertThat(requests("GET", "/files/")).hasSizeGreaterThanOrEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(jobs()).isZero();
    }

    @Test
    void aSlowDownloadBodyStillArrivesWhole() throws Exception {
        Path file = randomFile(4096);
        String url = client.uploader().build().upload(Media.file(file));
        fal.faults().next(Fault.slowBody(1024, Duration.ofMillis(10)).on("GET", "/files/"));

        Path back = client.downloader().build().downloadTo(url, OptionalLong.of(4096), dir.resolve("back.bin"));
        assertThat(sha256(back)).isEqualTo(sha256(file));
        assertThat(requests("GET", "/files/")).hasSize(1);
        assertThat(jobs()).isZero();
    }

    // ---------------------------------------------------------------- many jobs

    @Test
    void twentyJobsUnderRandomStatusFaultsEachEndOnceWithTheirResult() {
        fal.faults()
                .next(Fault.status(503)
                        .withRequestId(false)
                        .on("POST", "/fal-ai/")
                        .times(3));
        fal.faults().next(Fault.status(502).on("GET", REQUESTS).times(5));
        var futures = new java.util.ArrayList<CompletableFuture<JobResult>>();
        for (int i = 0; i < 20; i++) {
            futures.add(client.queue()
                    .subscribeAsync(
                            T2V,
                            Map.of("prompt", "fox " + i),
                            RequestOptions.builder()
                                    .deadline(Duration.ofSeconds(30))
                                    .build()));
        }

        assertThat(futures.stream()
                        .map(CompletableFuture::join)
                        .map(r -> r.ref().requestId())
                        .distinct())
                .hasSize(20);
        assertThat(submits())
                .as("20 submits, 3 of them refused by the ingress and resent")
                .isEqualTo(23);
        assertThat(jobs()).isEqualTo(20);
    }
}
