package dev.kling4j.core.job;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.JobFuture;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaUploader;
import dev.kling4j.core.pricing.Budget;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.core.queue.RequestRef;
import dev.kling4j.core.queue.WaitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of a generation's flow, shared by every model:
 * <ol>
 *   <li>check each local image and video against the endpoint table's limits (from its header);
 *   <li>estimate the cost and refuse it over the budget;
 *   <li>upload local files and bytes to fal storage, each distinct one once;
 *   <li>submit, and hand the request id to {@code onEnqueued} before anything else happens;
 *   <li>wait (status stream, then polling) and fetch the result.
 * </ol>
 * Steps 1 and 2 throw before anything is uploaded or submitted, so bad input and a blown budget cost
 * nothing. Asynchronous forms never hold a thread while fal works; only uploads run on a small pool of
 * daemon threads, and only when there is something to upload.
 */
public final class JobRunner {
    /** Upload threads, created on demand and gone a second after the last upload. */
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ExecutorService UPLOADS = new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads());

    private final KlingClient client;

    private JobRunner(KlingClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The runner for a client.
     *
     * @param client the client to upload, submit and wait with
     * @return the runner
     */
    public static JobRunner of(KlingClient client) {
        return new JobRunner(client);
    }

    /**
     * Estimates what a request will cost, without sending anything.
     *
     * @param input the request
     * @param prices the price table
     * @return the estimate; {@link CostEstimate#isKnown()} is false when the bill cannot be known before the run
     */
    public static CostEstimate estimate(GenerationInput input, PriceTable prices) {
        return prices.estimate(input.endpoint(), input.billedSeconds(), input.audio(), input.videoInput());
    }

    /**
     * Runs every local media check of a request without sending anything: each local file, bytes or base64
     * data URI it uses, at its field path, against the endpoint table's limits ({@link MediaChecks}: regular
     * file, size, format, completeness, image size and aspect, video length, frame rate and size). These are the
     * checks {@link #submit} and {@link #generate} run first, refusing with {@link InvalidRequestException}; a
     * dry run can show them without uploading. Only headers and structure are read; remote URLs are not
     * fetched (fal checks them), and a pipe or device is refused without being opened.
     *
     * @param input the request
     * @return every problem found, each naming its field, e.g. {@code video_url}; empty when all local media pass
     */
    public static List<Problem> checkMedia(GenerationInput input) {
        Objects.requireNonNull(input, "input");
        List<Problem> problems = new ArrayList<>();
        MediaChecks checks = MediaChecks.standard();
        for (MediaUse use : input.media()) {
            problems.addAll(checks.check(use.media(), use.role(), use.field()));
        }
        return List.copyOf(problems);
    }

    /**
     * Checks, estimates, uploads and submits; returns as soon as fal has accepted the job.
     *
     * @param input the request
     * @param options budget, prices, submit and wait options, upload progress
     * @return the job; its request id has already been given to {@code onEnqueued}
     * @throws InvalidRequestException when a local file breaks the endpoint's limits (nothing sent)
     * @throws dev.kling4j.core.error.BudgetExceededException when the estimate exceeds the budget (nothing sent)
     * @throws KlingException when an upload or the submit fails
     */
    public VideoJob submit(GenerationInput input, GenerateOptions options) {
        CostEstimate estimate = check(input, options, client);
        Map<Media, String> urls = upload(input, options);
        long start = System.nanoTime();
        RequestRef ref = client.queue().submit(
                input.endpoint().endpointId(), input.toWire(urlsOf(urls)), options.submitOptions());
        journalOpen(options, input, ref, estimate);
        WaitOptions wait = options.waitOptions();
        Futures.runCallback(() -> wait.onEnqueued().accept(ref));
        return new VideoJob(client, input.endpoint(), ref, estimate, wait, start);
    }

    /**
     * Checks, estimates, uploads, submits, waits and fetches the result, blocking the calling thread.
     * An interrupt cancels the job at fal.
     *
     * @param input the request
     * @param options budget, prices, submit and wait options, upload progress
     * @return the finished video
     * @throws InvalidRequestException when a local file breaks the endpoint's limits (nothing sent)
     * @throws dev.kling4j.core.error.BudgetExceededException when the estimate exceeds the budget (nothing sent)
     * @throws dev.kling4j.core.error.JobFailedException when the job completed with an error
     * @throws dev.kling4j.core.error.DeadlineExceededException when the deadline passed (a cancel was sent)
     */
    public VideoResult generate(GenerationInput input, GenerateOptions options) {
        return Futures.join(generateAsync(input, options));
    }

    /**
     * The asynchronous {@link #generate}. Input and budget problems fail the returned future before anything
     * is sent. Cancelling the future cancels the job at fal once it exists; cancelled during the upload, the
     * upload finishes but nothing is submitted.
     *
     * @param input the request
     * @param options budget, prices, submit and wait options, upload progress
     * @return a future of the finished video
     */
    public CompletableFuture<VideoResult> generateAsync(GenerationInput input, GenerateOptions options) {
        CostEstimate estimate;
        try {
            estimate = check(input, options, client);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        JobFuture<VideoResult> out = new JobFuture<>(null);
        boolean anyUpload = input.media().stream().anyMatch(u -> u.media().needsUpload());
        CompletableFuture<Map<Media, String>> uploaded = anyUpload
                ? CompletableFuture.supplyAsync(() -> upload(input, options), UPLOADS)
                : CompletableFuture.completedFuture(Map.of());
        out.step(uploaded).whenComplete((urls, t) -> {
            if (t != null) {
                out.completeExceptionally(Futures.unwrap(t));
                return;
            }
            if (out.isDone()) {
                return;
            }
            long start = System.nanoTime();
            WaitOptions wait = options.waitOptions().toBuilder()
                    .onEnqueued(ref -> {
                        out.requestId(ref.requestId());
                        journalOpen(options, input, ref, estimate);
                        options.waitOptions().onEnqueued().accept(ref);
                    })
                    .build();
            CompletableFuture<JobResult> done = out.step(client.queue().subscribeAsync(
                    input.endpoint().endpointId(), input.toWire(urlsOf(urls)), options.submitOptions(), wait));
            toVideoResult(done, client, input.endpoint(), estimate, start, null).whenComplete((result, t2) -> {
                journalOutcome(options, out.requestId(), result, t2 == null ? null : Futures.unwrap(t2));
                if (t2 != null) {
                    out.completeExceptionally(Futures.unwrap(t2));
                } else {
                    out.complete(result);
                }
            });
        });
        return out;
    }

    /**
     * Re-attaches to a job from its request id alone, e.g. after a crash; nothing is resubmitted.
     *
     * @param endpoint the endpoint the job was submitted to
     * @param requestId fal's request id
     * @param waitOptions deadline, logs, status callback for {@link VideoJob#await()}
     * @return the job
     */
    public VideoJob attach(EndpointSpec endpoint, String requestId, WaitOptions waitOptions) {
        RequestRef ref = client.queue().attach(endpoint.endpointId(), requestId);
        return new VideoJob(client, endpoint, ref, null, waitOptions, System.nanoTime());
    }

    /** Records the request id the moment fal returned it; a journal failure never loses the job. */
    private static void journalOpen(GenerateOptions options, GenerationInput input, RequestRef ref,
            CostEstimate estimate) {
        options.journal().ifPresent(j -> {
            try {
                j.record(JournalEntry.open(ref.requestId(), input.endpoint().endpointId(), input.endpoint().key(),
                        Instant.now(), null, estimate.total().orElse(null)));
            } catch (RuntimeException e) {
                LOG.warn("Could not journal request {} ({}); keep its id to resume it", ref.requestId(), e.toString());
            }
        });
    }

    /**
     * Records how the wait ended, when that is known, with what fal billed; an unknown outcome stays OPEN
     * for a later resume.
     */
    private static void journalOutcome(GenerateOptions options, String requestId, VideoResult result,
            Throwable failure) {
        if (requestId == null || options.journal().isEmpty()) {
            return;
        }
        JournalState state = failure == null ? JournalState.DONE
                : failure instanceof JobCancelledException || failure instanceof DeadlineExceededException
                        ? JournalState.CANCELLED
                        : failure instanceof JobFailedException || failure instanceof UnprocessableEntityException
                                ? JournalState.FAILED : null;
        if (state != null) {
            try {
                var journal = options.journal().get();
                var updated = journal.update(requestId, state);
                if (result != null && result.billedUnits().isPresent()) {
                    updated.ifPresent(e -> journal.record(e.withBilled(result.billedUnits().get(),
                            result.billedCost().orElse(null))));
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not journal the outcome of request {} ({})", requestId, e.toString());
            }
        }
    }

    /** Steps 1 and 2: media checks, then estimate and budget. Nothing is sent. */
    private static CostEstimate check(GenerationInput input, GenerateOptions options, KlingClient client) {
        List<Problem> problems = checkMedia(input);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        CostEstimate estimate = estimate(input, options.prices().orElseGet(client::prices));
        if (options.maxCost().isPresent()) {
            Budget budget = Budget.maxCost(options.maxCost().get());
            (options.allowUnknownCost() ? budget.allowingUnknown() : budget).check(estimate);
        }
        return estimate;
    }

    private Map<Media, String> upload(GenerationInput input, GenerateOptions options) {
        Set<Media> distinct = new LinkedHashSet<>();
        input.media().forEach(u -> distinct.add(u.media()));
        return MediaUploader.builder(client).listener(options.uploadListener()).build().uploadAll(distinct);
    }

    private static Function<Media, String> urlsOf(Map<Media, String> uploaded) {
        return media -> {
            String url = uploaded.get(media);
            if (url != null) {
                return url;
            }
            return media.url().orElseThrow(() -> new IllegalStateException(
                    "no URL for " + media.describe() + ": it was not uploaded; report this as a kling4j bug"));
        };
    }

    /** Maps a finished queue job to a {@link VideoResult}; cancelling the returned future cancels {@code done}. */
    static CompletableFuture<VideoResult> toVideoResult(CompletableFuture<JobResult> done, KlingClient client,
            EndpointSpec endpoint, CostEstimate estimate, long startNanos, String requestId) {
        JobFuture<VideoResult> out = new JobFuture<>(requestId);
        out.step(done).whenComplete((job, t) -> {
            if (t != null) {
                out.completeExceptionally(Futures.unwrap(t));
                return;
            }
            out.requestId(job.ref().requestId());
            try {
                out.complete(new VideoResult(client, job.ref().requestId(), endpoint, videoOf(job), estimate,
                        job.status(), Duration.ofNanos(System.nanoTime() - startNanos), job.output(),
                        job.billableUnits().orElse(null)));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static VideoFile videoOf(JobResult job) {
        String id = job.ref().requestId();
        JsonValue video = job.output().get("video").orElseThrow(() -> HttpErrors.unexpected("fal's result for request "
                + id + " has no 'video': " + HttpErrors.abbreviate(job.output().toJson()) + "; read it with"
                + " QueueClient.result", 200, Map.of(), job.output().toJson(), id, null));
        try {
            return video.as(VideoFile.class);
        } catch (RuntimeException e) {
            throw HttpErrors.unexpected("fal's result for request " + id + " has an unreadable 'video': "
                    + HttpErrors.abbreviate(video.toJson()) + "; read it with QueueClient.result", 200, Map.of(),
                    job.output().toJson(), id, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "kling4j-upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
