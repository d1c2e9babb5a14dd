package dev.kling4j.core.job;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.RequestRef;
import dev.kling4j.core.queue.WaitOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A generation fal has accepted: its request id, its status, and the way to its video. Returned by a
 * model's {@code submit} (the job exists and is billed once it succeeds) and by {@code attach} (to resume
 * after a crash from the request id alone). Immutable and thread-safe; await it as often as you like.
 *
 * <pre>{@code
 * VideoJob job = model.submit(client, request, GenerateOptions.defaults());
 * journal.save(job.requestId());          // keep it: it is how the video is found again
 * VideoResult result = job.await();
 * }</pre>
 */
public final class VideoJob {
    private final KlingClient client;
    private final EndpointSpec endpoint;
    private final RequestRef ref;
    private final CostEstimate estimate;
    private final WaitOptions waitOptions;
    private final long startNanos;

    VideoJob(KlingClient client, EndpointSpec endpoint, RequestRef ref, CostEstimate estimate,
            WaitOptions waitOptions, long startNanos) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.estimate = estimate;
        this.waitOptions = Objects.requireNonNull(waitOptions, "waitOptions");
        this.startNanos = startNanos;
    }

    /**
     * fal's request id.
     *
     * @return the id
     */
    public String requestId() {
        return ref.requestId();
    }

    /**
     * The queue reference: request id and fal's status, result and cancel URLs.
     *
     * @return the reference
     */
    public RequestRef ref() {
        return ref;
    }

    /**
     * The endpoint the job runs on.
     *
     * @return the endpoint
     */
    public EndpointSpec endpoint() {
        return endpoint;
    }

    /**
     * The estimate made before the submit.
     *
     * @return the estimate, or empty for a job re-attached by request id
     */
    public Optional<CostEstimate> estimate() {
        return Optional.ofNullable(estimate);
    }

    /**
     * Asks fal for the job's status once.
     *
     * @return the status
     */
    public JobStatus status() {
        return client.queue().status(ref, false);
    }

    /**
     * Waits for the video (stream first, then polling), with this job's wait options.
     *
     * @return the result
     * @throws dev.kling4j.core.error.JobFailedException when the job completed with an error
     * @throws dev.kling4j.core.error.DeadlineExceededException when the deadline passed (a cancel was sent)
     * @throws dev.kling4j.core.error.UnprocessableEntityException when fal refused the input at result time
     */
    public VideoResult await() {
        return Futures.join(awaitAsync());
    }

    /**
     * Waits for the video without holding a thread. Cancelling the future sends fal a cancel and fails it
     * with a {@link dev.kling4j.core.error.JobCancelledException} carrying this job's request id.
     *
     * @return a future of the result
     */
    public CompletableFuture<VideoResult> awaitAsync() {
        CompletableFuture<JobResult> waited = client.queue().awaitResultAsync(ref, waitOptions);
        return JobRunner.toVideoResult(waited, client, endpoint, estimate, startNanos, ref.requestId());
    }

    /**
     * Asks fal to cancel the job. A queued job never runs; a running one is signalled.
     *
     * @return fal's answer
     */
    public CancelResult cancel() {
        return client.queue().cancel(ref);
    }

    @Override
    public String toString() {
        return "VideoJob{requestId=" + ref.requestId() + ", endpoint=" + endpoint.key() + "}";
    }
}
