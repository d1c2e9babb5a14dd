package dev.kling4j.core;

import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.queue.RequestRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A generation fal has accepted, by its request id: what {@link KlingClient#submit} returns once fal has the
 * job (it is billed if it succeeds), and what {@link KlingClient#attach} makes of a request id alone, to
 * resume after a crash. A value: ask the client about it ({@code client.status(job)},
 * {@code client.result(job)}, {@code client.cancel(job)}) as often as you like.
 *
 * <pre>{@code
 * VideoJob job = client.submit(TextToVideo.PRO, request);
 * save(job.requestId());                  // keep it: it is how the video is found again
 * VideoResult result = client.result(job);
 * }</pre>
 */
public final class VideoJob {
    private final EndpointSpec endpoint;
    private final RequestRef ref;
    private final CostEstimate estimate;
    private final RequestOptions options;
    private final long startNanos;

    VideoJob(EndpointSpec endpoint, RequestRef ref, CostEstimate estimate, RequestOptions options, long startNanos) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.estimate = estimate;
        this.options = Objects.requireNonNull(options, "options");
        this.startNanos = startNanos;
    }

    /**
     * fal's request id: the one thing needed to find the job again.
     *
     * @return the id
     */
    public String requestId() {
        return ref.requestId();
    }

    /**
     * The job's queue URLs, for the lower layer ({@link KlingClient#queue()}).
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
     * @return the estimate, or empty for a job attached by request id
     */
    public Optional<CostEstimate> estimate() {
        return Optional.ofNullable(estimate);
    }

    /**
     * The options its wait runs with: the deadline, what to do at it, the listeners, the journal.
     *
     * @return the options given to {@code submit} or {@code attach}
     */
    public RequestOptions options() {
        return options;
    }

    long startNanos() {
        return startNanos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoJob j && ref.requestId().equals(j.ref.requestId()) && endpoint.equals(j.endpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref.requestId(), endpoint);
    }

    @Override
    public String toString() {
        return "VideoJob{requestId=" + ref.requestId() + ", endpoint=" + endpoint.key() + "}";
    }
}
