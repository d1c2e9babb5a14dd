package dev.kling4j.core;

import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.media.TransferListener;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.queue.JobStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished generation: the video fal made, the request id, the estimate it ran under, fal's metrics and
 * the raw output. The video lives at fal for a limited time: {@link #downloadTo(Path)} it promptly.
 */
public final class VideoResult {
    private final KlingClient client;
    private final String requestId;
    private final EndpointSpec endpoint;
    private final VideoFile video;
    private final CostEstimate estimate;
    private final JobStatus status;
    private final Duration elapsed;
    private final JsonValue output;
    private final BigDecimal billedUnits;

    VideoResult(
            KlingClient client,
            String requestId,
            EndpointSpec endpoint,
            VideoFile video,
            CostEstimate estimate,
            JobStatus status,
            Duration elapsed,
            JsonValue output,
            BigDecimal billedUnits) {
        this.client = client;
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.video = Objects.requireNonNull(video, "video");
        this.estimate = estimate;
        this.status = Objects.requireNonNull(status, "status");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.output = Objects.requireNonNull(output, "output");
        this.billedUnits = billedUnits;
    }

    /**
     * fal's request id.
     *
     * @return the id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The endpoint that made the video.
     *
     * @return the endpoint
     */
    public EndpointSpec endpoint() {
        return endpoint;
    }

    /**
     * The video: URL, content type, file name and size.
     *
     * @return the file
     */
    public VideoFile video() {
        return video;
    }

    /**
     * The quantity fal billed for this request (seconds of output), from the {@code x-fal-billable-units}
     * header of the result.
     *
     * @return the units, or empty when fal did not send the header: what was billed is then unknown, not zero
     */
    public Optional<BigDecimal> billedUnits() {
        return Optional.ofNullable(billedUnits);
    }

    /**
     * What fal billed, in the estimate's currency: {@link #billedUnits()} × the unit price the estimate used.
     *
     * @return the cost (scale {@value CostEstimate#SCALE}), or empty when the units or the estimate's rate are
     *     unknown (a job re-attached by request id has no estimate)
     */
    public Optional<BigDecimal> billedCost() {
        return billedUnits().flatMap(units -> estimate().flatMap(e -> e.costOf(units)));
    }

    /**
     * The cost estimate made before the submit.
     *
     * @return the estimate, or empty for a job re-attached by request id
     */
    public Optional<CostEstimate> estimate() {
        return Optional.ofNullable(estimate);
    }

    /**
     * fal's metrics of the run, e.g. {@code inference_time} in seconds.
     *
     * @return the metrics, possibly empty
     */
    public Map<String, JsonValue> metrics() {
        return status.metrics();
    }

    /**
     * The final status, with logs when they were asked for.
     *
     * @return the status
     */
    public JobStatus status() {
        return status;
    }

    /**
     * Time from the submit (or the attach) to the fetched result, as this client measured it.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * The model's whole output as fal sent it, unknown fields included.
     *
     * @return the output
     */
    public JsonValue output() {
        return output;
    }

    /**
     * Downloads the video to a file; see {@link #downloadTo(Path, TransferListener)}.
     *
     * @param target where to put the video; its directory must exist
     * @return the target
     */
    public Path downloadTo(Path target) {
        return downloadTo(target, TransferListener.NONE);
    }

    /**
     * Downloads the video to a file: streamed to a temporary file beside the target and renamed when
     * complete, resumed with a Range request after a dropped connection, and checked against
     * {@code file_size}.
     *
     * @param target where to put the video; its directory must exist; replaced if it exists
     * @param listener receives progress
     * @return the target
     * @throws dev.kling4j.core.error.KlingException when the download fails or the size differs
     */
    public Path downloadTo(Path target, TransferListener listener) {
        return client.downloader()
                .listener(listener)
                .requestId(requestId)
                .build()
                .downloadTo(video.url(), video.fileSize(), target);
    }

    @Override
    public String toString() {
        return "VideoResult{requestId=" + requestId + ", endpoint=" + endpoint.key() + ", video=" + video
                + ", billedUnits=" + (billedUnits == null ? "unknown" : billedUnits.toPlainString()) + "}";
    }
}
