package dev.kling4j.core;

import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.internal.ClientContext;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.JobFuture;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.model.GenerationInput;
import dev.kling4j.core.model.MediaUse;
import dev.kling4j.core.pricing.Budget;
import dev.kling4j.core.pricing.BudgetLedger;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.core.queue.QueueClient;
import dev.kling4j.core.queue.RequestRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of a generation's flow, behind {@link KlingClient}'s operations:
 * <ol>
 *   <li>check each local image and video against the endpoint table's limits (from its header);
 *   <li>estimate the cost, refuse it over the request's cap, reserve it in the budget ledger;
 *   <li>upload local files and bytes to fal storage, each distinct one once, on the client's upload threads;
 *   <li>submit, then journal the request id and hand it to {@code onEnqueued} before anything else happens;
 *   <li>wait (status stream, then polling) and fetch the result; journal the outcome and settle the budget.
 * </ol>
 * Steps 1 and 2 throw before anything is uploaded or submitted, so bad input and a blown budget cost nothing.
 * Nothing here holds a thread while fal works.
 */
final class Generations {
    private static final Logger LOG = LoggerFactory.getLogger("dev.kling4j.job");

    private final KlingClient client;
    private final ClientContext context;

    Generations(KlingClient client, ClientContext context) {
        this.client = client;
        this.context = context;
    }

    private QueueClient queue() {
        return client.queue();
    }

    CostEstimate estimate(GenerationInput input, RequestOptions options) {
        PriceTable prices = options.prices().orElseGet(client::prices);
        return prices.estimate(input.endpoint(), input.billedSeconds(), input.audio(), input.videoInput());
    }

    List<Problem> checkMedia(GenerationInput input) {
        List<Problem> problems = new ArrayList<>();
        MediaChecks checks = client.mediaChecks();
        for (MediaUse use : input.media()) {
            problems.addAll(checks.check(use.media(), use.role(), use.field()));
        }
        return List.copyOf(problems);
    }

    /** Steps 1 and 2: media checks, then estimate, the request's cap and the ledger. Nothing is sent. */
    private Checked check(GenerationInput input, RequestOptions options) {
        List<Problem> problems = checkMedia(input);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        CostEstimate estimate = estimate(input, options);
        if (options.maxCost().isPresent()) {
            Budget budget = Budget.maxCost(options.maxCost().get());
            (options.allowUnknownCost() ? budget.allowingUnknown() : budget).check(estimate);
        }
        return new Checked(estimate, client.budgetLedger().reserve(estimate));
    }

    /** A request that passed its checks: its estimate and the amount the ledger holds for it. */
    private record Checked(CostEstimate estimate, BudgetLedger.Reservation reservation) {}

    /**
     * Checks, uploads and submits. Cancelling the returned future during the upload stops before the submit;
     * once the submit is on the wire it runs to its answer (fal may have the job), and a job it created is
     * cancelled at fal.
     */
    CompletableFuture<VideoJob> submitAsync(GenerationInput input, RequestOptions options) {
        Checked checked;
        try {
            checked = check(input, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long start = System.nanoTime();
        JobFuture<VideoJob> out = new JobFuture<>(null);
        out.step(uploadAsync(input, options)).whenComplete((urls, t) -> {
            if (t != null || out.isDone()) {
                checked.reservation().release();
                if (t != null) {
                    out.completeExceptionally(Futures.unwrap(t));
                }
                return;
            }
            // Not a step of out: cancelling out must not cut a submit fal may already have accepted.
            queue().submitAsync(input.endpoint().endpointId(), input.toWire(urlsOf(urls)), options)
                    .whenComplete((ref, t2) -> {
                        if (t2 != null) {
                            released(checked, Futures.unwrap(t2));
                            out.completeExceptionally(Futures.unwrap(t2));
                            return;
                        }
                        out.requestId(ref.requestId());
                        enqueued(input.endpoint(), ref, checked, options);
                        if (out.isCancelled()) {
                            queue().cancelAsync(ref); // the job fal may have made is not left to run unseen
                            return;
                        }
                        out.complete(new VideoJob(input.endpoint(), ref, checked.estimate(), options, start));
                    });
        });
        return out;
    }

    CompletableFuture<VideoResult> generateAsync(GenerationInput input, RequestOptions options) {
        Checked checked;
        try {
            checked = check(input, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        JobFuture<VideoResult> out = new JobFuture<>(null);
        out.step(uploadAsync(input, options)).whenComplete((urls, t) -> {
            if (t != null) {
                checked.reservation().release();
                out.completeExceptionally(Futures.unwrap(t));
                return;
            }
            if (out.isDone()) {
                checked.reservation().release();
                return;
            }
            long start = System.nanoTime();
            RequestOptions wait = options.toBuilder()
                    .onEnqueued(ref -> {
                        out.requestId(ref.requestId());
                        enqueued(input.endpoint(), ref, checked, options);
                    })
                    .build();
            CompletableFuture<JobResult> done =
                    out.step(queue().subscribeAsync(input.endpoint().endpointId(), input.toWire(urlsOf(urls)), wait));
            done.whenComplete((r, t2) -> {
                if (t2 != null && out.requestId() == null) {
                    released(checked, Futures.unwrap(t2));
                }
            });
            toVideoResult(done, input.endpoint(), checked.estimate(), start, null, options)
                    .whenComplete((result, t2) -> {
                        if (t2 != null) {
                            out.completeExceptionally(Futures.unwrap(t2));
                        } else {
                            out.complete(result);
                        }
                    });
        });
        return out;
    }

    VideoJob attach(EndpointSpec endpoint, String requestId, RequestOptions options) {
        RequestRef ref = queue().attach(endpoint.endpointId(), requestId);
        return new VideoJob(endpoint, ref, null, options, System.nanoTime());
    }

    CompletableFuture<VideoResult> resultAsync(VideoJob job) {
        CompletableFuture<JobResult> waited = queue().awaitResultAsync(job.ref(), job.options());
        return toVideoResult(
                waited, job.endpoint(), job.estimate().orElse(null), job.startNanos(), job.requestId(), job.options());
    }

    /** The upload step: nothing to do without local media, else the client's upload threads. */
    private CompletableFuture<Map<Media, String>> uploadAsync(GenerationInput input, RequestOptions options) {
        boolean anyUpload = input.media().stream().anyMatch(u -> u.media().needsUpload());
        if (!anyUpload) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Set<Media> distinct = new LinkedHashSet<>();
        input.media().forEach(u -> distinct.add(u.media()));
        return CompletableFuture.supplyAsync(
                () -> client.uploader().listener(options.onTransfer()).build().uploadAll(distinct),
                context.resources().uploads());
    }

    /** fal has the job: commit its budget, journal its id, then tell the caller, in that order. */
    private void enqueued(EndpointSpec endpoint, RequestRef ref, Checked checked, RequestOptions options) {
        checked.reservation().commit(ref.requestId());
        journal(options).ifPresent(j -> {
            try {
                j.record(JournalEntry.open(
                        ref.requestId(),
                        endpoint.endpointId(),
                        endpoint.key(),
                        Instant.now(),
                        null,
                        checked.estimate().total().orElse(null)));
            } catch (RuntimeException e) {
                LOG.warn("Could not journal request {} ({}); keep its id to resume it", ref.requestId(), e.toString());
            }
        });
        Futures.runCallback(() -> options.onEnqueued().accept(ref));
    }

    /** The submit did not get through: what was reserved is free again, unless fal may have the job. */
    private static void released(Checked checked, Throwable failure) {
        if (!(failure instanceof SubmitOutcomeUnknownException)) {
            checked.reservation().release();
        }
    }

    private Optional<RequestJournal> journal(RequestOptions options) {
        return options.journal().or(client::journal);
    }

    /** Maps a finished queue job to a {@link VideoResult}; cancelling the returned future cancels {@code done}. */
    private CompletableFuture<VideoResult> toVideoResult(
            CompletableFuture<JobResult> done,
            EndpointSpec endpoint,
            CostEstimate estimate,
            long startNanos,
            String requestId,
            RequestOptions options) {
        JobFuture<VideoResult> out = new JobFuture<>(requestId);
        out.step(done).whenComplete((job, t) -> {
            if (t != null) {
                Throwable failure = Futures.unwrap(t);
                outcome(options, out.requestId() != null ? out.requestId() : requestIdOf(failure), null, failure);
                out.completeExceptionally(failure);
                return;
            }
            out.requestId(job.ref().requestId());
            try {
                VideoResult result = new VideoResult(
                        client,
                        job.ref().requestId(),
                        endpoint,
                        videoOf(job),
                        estimate,
                        job.status(),
                        Duration.ofNanos(System.nanoTime() - startNanos),
                        job.output(),
                        job.billableUnits().orElse(null));
                outcome(options, result.requestId(), result, null);
                out.complete(result);
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static String requestIdOf(Throwable failure) {
        if (failure instanceof KlingException k) {
            return k.requestId().orElse(null);
        }
        if (failure instanceof JobCancelledException c) {
            return c.requestId().orElse(null);
        }
        return null;
    }

    /**
     * Records how the wait ended, when that says what became of the job: its video (with what fal billed), a
     * failure, or a cancel fal confirmed (a job that completed with {@code client_cancelled}); the budget is
     * settled to match. Whatever else ended the wait (a deadline, the caller's cancel, a network or fal error)
     * says nothing certain, since fal may have finished the job first: it stays OPEN in the journal and held in
     * the ledger, until an attach or a status learns how it ended.
     */
    private void outcome(RequestOptions options, String requestId, VideoResult result, Throwable failure) {
        if (requestId == null) {
            return;
        }
        JournalState state;
        if (failure == null) {
            state = JournalState.DONE;
            client.budgetLedger().settle(requestId, result.billedCost());
        } else if (failure instanceof JobFailedException f) {
            state = "client_cancelled".equals(f.errorType().orElse(null))
                    ? JournalState.CANCELLED
                    : JournalState.FAILED;
            client.budgetLedger().refund(requestId);
        } else if (failure instanceof UnprocessableEntityException) {
            state = JournalState.FAILED;
            client.budgetLedger().refund(requestId);
        } else {
            return;
        }
        journal(options).ifPresent(j -> {
            try {
                Optional<JournalEntry> updated = j.update(requestId, state);
                if (result != null && result.billedUnits().isPresent()) {
                    updated.ifPresent(e -> j.record(e.withBilled(
                            result.billedUnits().get(), result.billedCost().orElse(null))));
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not journal the outcome of request {} ({})", requestId, e.toString());
            }
        });
    }

    private static VideoFile videoOf(JobResult job) {
        String id = job.ref().requestId();
        JsonValue video = job.output()
                .get("video")
                .orElseThrow(() -> HttpErrors.unexpected(
                        "fal's result for request "
                                + id + " has no 'video': "
                                + HttpErrors.abbreviate(job.output().toJson()) + "; read it with"
                                + " QueueClient.result",
                        200,
                        Map.of(),
                        job.output().toJson(),
                        id,
                        null));
        try {
            return video.as(VideoFile.class);
        } catch (RuntimeException e) {
            throw HttpErrors.unexpected(
                    "fal's result for request " + id + " has an unreadable 'video': "
                            + HttpErrors.abbreviate(video.toJson()) + "; read it with QueueClient.result",
                    200,
                    Map.of(),
                    job.output().toJson(),
                    id,
                    e);
        }
    }

    private static Function<Media, String> urlsOf(Map<Media, String> uploaded) {
        return media -> {
            String url = uploaded.get(media);
            if (url != null) {
                return url;
            }
            return media.url()
                    .orElseThrow(() -> new IllegalStateException(
                            "no URL for " + media.describe() + ": it was not uploaded; report this as a kling4j bug"));
        };
    }
}
