package dev.kling4j.core;

import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.GenerationInput;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The asynchronous view of a {@link KlingClient} ({@link KlingClient#async()}): the same operations, each
 * returning a {@link CompletableFuture} at once. No thread waits while fal works (uploads run on the client's
 * upload threads). Problems found before anything is sent (an invalid file, a budget) fail the future, not the
 * call. {@code cancel(true)} on the future of {@link #generate} or {@link #result} cancels the job at fal once
 * it exists and fails the future with {@link dev.kling4j.core.error.JobCancelledException}.
 *
 * <pre>{@code
 * List<CompletableFuture<VideoResult>> running = prompts.stream()
 *         .map(p -> client.async().generate(TextToVideo.PRO, TextToVideoRequest.builder().prompt(p).build()))
 *         .toList();
 * }</pre>
 */
public final class AsyncKlingClient {
    private final KlingClient client;
    private final Generations generations;

    AsyncKlingClient(KlingClient client, Generations generations) {
        this.client = client;
        this.generations = generations;
    }

    /**
     * {@link KlingClient#generate(BaseVideoModel, VideoRequest)}, without blocking.
     *
     * @param model the model
     * @param request its request
     * @param <R> the model's request type
     * @return a future of the finished video
     */
    public <R extends VideoRequest> CompletableFuture<VideoResult> generate(BaseVideoModel<R> model, R request) {
        return generate(model, request, RequestOptions.defaults());
    }

    /**
     * {@link KlingClient#generate(BaseVideoModel, VideoRequest, RequestOptions)}, without blocking. Cancelled
     * during the upload, the upload finishes but nothing is submitted.
     *
     * @param model the model
     * @param request its request
     * @param options the options
     * @param <R> the model's request type
     * @return a future of the finished video
     */
    public <R extends VideoRequest> CompletableFuture<VideoResult> generate(
            BaseVideoModel<R> model, R request, RequestOptions options) {
        Objects.requireNonNull(options, "options");
        return checked(model, request, input -> generations.generateAsync(input, options));
    }

    /**
     * {@link KlingClient#submit(BaseVideoModel, VideoRequest)}, without blocking.
     *
     * @param model the model
     * @param request its request
     * @param <R> the model's request type
     * @return a future of the job
     */
    public <R extends VideoRequest> CompletableFuture<VideoJob> submit(BaseVideoModel<R> model, R request) {
        return submit(model, request, RequestOptions.defaults());
    }

    /**
     * {@link KlingClient#submit(BaseVideoModel, VideoRequest, RequestOptions)}, without blocking. Cancelled
     * once the submit is on the wire, it lets the submit finish (fal may have the job) and cancels that job.
     *
     * @param model the model
     * @param request its request
     * @param options the options
     * @param <R> the model's request type
     * @return a future of the job
     */
    public <R extends VideoRequest> CompletableFuture<VideoJob> submit(
            BaseVideoModel<R> model, R request, RequestOptions options) {
        Objects.requireNonNull(options, "options");
        return checked(model, request, input -> generations.submitAsync(input, options));
    }

    /** Runs a request's checked input; a request the client's endpoint table refuses fails the future. */
    private <R extends VideoRequest, T> CompletableFuture<T> checked(
            BaseVideoModel<R> model, R request, Function<GenerationInput, CompletableFuture<T>> run) {
        GenerationInput input;
        try {
            input = client.inputOf(model, request);
        } catch (InvalidRequestException e) {
            return CompletableFuture.failedFuture(e);
        }
        return run.apply(input);
    }

    /**
     * {@link KlingClient#attach(BaseVideoModel, String, RequestOptions)}: immediate, since nothing is sent.
     *
     * @param model the model the job was submitted to
     * @param requestId fal's request id
     * @param options the options of its wait
     * @return a completed future of the job
     */
    public CompletableFuture<VideoJob> attach(BaseVideoModel<?> model, String requestId, RequestOptions options) {
        try {
            return CompletableFuture.completedFuture(client.attach(model, requestId, options));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@link KlingClient#status(VideoJob)}, without blocking.
     *
     * @param job the job
     * @return a future of its status
     */
    public CompletableFuture<JobStatus> status(VideoJob job) {
        return client.queue().statusAsync(job.ref(), job.options().logs());
    }

    /**
     * {@link KlingClient#result(VideoJob)}, without blocking; cancelling the future cancels the job at fal.
     *
     * @param job the job
     * @return a future of the finished video
     */
    public CompletableFuture<VideoResult> result(VideoJob job) {
        return generations.resultAsync(Objects.requireNonNull(job, "job"));
    }

    /**
     * {@link KlingClient#cancel(VideoJob)}, without blocking.
     *
     * @param job the job
     * @return a future of fal's answer
     */
    public CompletableFuture<CancelResult> cancel(VideoJob job) {
        return client.queue().cancelAsync(job.ref());
    }
}
