package dev.kling4j.core.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.JsonValue;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.internal.ClientContext;
import dev.kling4j.core.internal.ClientResources;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.JobFuture;
import dev.kling4j.core.internal.http.AttemptTimeout;
import dev.kling4j.core.internal.http.HttpCall;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.internal.http.HttpTransport;
import dev.kling4j.core.internal.http.RetryMode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * fal's queue, the lower layer under {@code KlingClient}'s model operations: submit any input to any
 * endpoint id, follow its status, fetch its result as raw JSON, cancel it, and wait for it. For the Kling
 * models, prefer the client's own {@code generate}, {@code submit} and {@code result}, which validate,
 * estimate, upload and journal; this layer does none of that. Obtain it from {@code KlingClient.queue()};
 * thread-safe. Every operation has a blocking form and an asynchronous form returning a
 * {@link CompletableFuture}; each takes the same per-call {@link RequestOptions} as the client.
 *
 * <pre>{@code
 * QueueClient queue = client.queue();
 * JobResult done = queue.subscribe("fal-ai/kling-video/o3/pro/text-to-video", Map.of("prompt", "a fox"),
 *         RequestOptions.builder().deadline(Duration.ofMinutes(15)).onEnqueued(ref -> save(ref.requestId())).build());
 * String json = done.output().toJson();
 * }</pre>
 *
 * <p><b>Waiting</b> ({@link #awaitAsync}) follows the job over fal's status stream (SSE) while fewer than
 * {@code maxConcurrentStreams} streams are open, and otherwise, or when the stream fails, closes early or is
 * silent for {@code streamSilenceTimeout}, polls the status with capped exponential backoff (200 ms doubling to
 * 5 s by default, reset when the queue position moves). Polls are asynchronous OkHttp calls scheduled without
 * a thread per job, so thousands of jobs can be awaited with a bounded number of threads.
 *
 * <p><b>Cancelling</b> the future returned by {@link #awaitAsync} or {@link #subscribeAsync}, or reaching
 * the {@link RequestOptions#deadline()} (unless it is to {@linkplain RequestOptions.DeadlineAction#LEAVE_RUNNING
 * leave the job running}), sends a cancel to fal.
 */
public final class QueueClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Set<String> NAMESPACES = Set.of("workflows", "comfy");

    private final ClientContext context;
    private final HttpTransport transport;
    private final HttpUrl queueUrl;

    static {
        // The client makes its queue through this, so that the constructor (which takes the sealed internal
        // context) is not API; obtain the queue with KlingClient.queue().
        ClientAccess.registerFactory(QueueClient.class, QueueClient::new);
    }

    private QueueClient(ClientContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.transport = context.resources().transport();
        this.queueUrl = context.queueUrl();
    }

    // ---------------------------------------------------------------- submit

    /**
     * Submits a job with default options.
     *
     * @param endpointId the endpoint, such as {@code fal-ai/kling-video/o3/pro/text-to-video}
     * @param input the model input: a {@link JsonValue}, a map, or a Jackson-serialisable object
     * @return the request reference
     * @throws dev.kling4j.core.error.FalServiceException when fal refuses the submit
     * @throws dev.kling4j.core.error.SubmitOutcomeUnknownException when the submit was sent but no answer came
     */
    public RequestRef submit(String endpointId, Object input) {
        return submit(endpointId, input, RequestOptions.defaults());
    }

    /**
     * Submits a job. Retried only when fal cannot have accepted it (see {@link dev.kling4j.core.RetryPolicy}).
     *
     * @param endpointId the endpoint, such as {@code fal-ai/kling-video/o3/pro/text-to-video}
     * @param input the model input: a {@link JsonValue}, a map, or a Jackson-serialisable object
     * @param options webhook, priority, start timeout, runner hint, no-retry, media expiry
     * @return the request reference
     * @throws dev.kling4j.core.error.FalServiceException when fal refuses the submit
     * @throws dev.kling4j.core.error.SubmitOutcomeUnknownException when the submit was sent but no answer came
     */
    public RequestRef submit(String endpointId, Object input, RequestOptions options) {
        HttpCall call = submitCall(endpointId, input, options);
        try (Response r = transport.execute(call)) {
            return parseSubmit(endpointId, r);
        }
    }

    /**
     * Submits a job without blocking; see {@link #submit(String, Object, RequestOptions)}.
     *
     * @param endpointId the endpoint
     * @param input the model input
     * @param options the options
     * @return a future of the request reference
     */
    public CompletableFuture<RequestRef> submitAsync(String endpointId, Object input, RequestOptions options) {
        HttpCall call;
        try {
            call = submitCall(endpointId, input, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return mapAsync(transport.executeAsync(call), r -> parseSubmit(endpointId, r));
    }

    private HttpCall submitCall(String endpointId, Object input, RequestOptions options) {
        Objects.requireNonNull(options, "options");
        HttpUrl.Builder url = queueUrl.newBuilder().addPathSegments(checkEndpoint(endpointId));
        options.webhookUrl().ifPresent(w -> url.addQueryParameter("fal_webhook", w));
        options.maxQueueLength().ifPresent(m -> url.addQueryParameter("fal_max_queue_length", Integer.toString(m)));
        byte[] body;
        try {
            body = input instanceof JsonValue v
                    ? v.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : Json.mapper().writeValueAsBytes(input);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(new Problem(
                    "input",
                    "cannot be written as JSON for " + endpointId + ": " + e.getOriginalMessage(),
                    "pass maps, lists, strings, numbers, booleans, a" + " JsonValue or Jackson-annotated objects")));
        }
        Request.Builder req = new Request.Builder().url(url.build()).post(RequestBody.create(body, JSON));
        options.priority().ifPresent(p -> req.header("X-Fal-Queue-Priority", p.wireValue()));
        options.startTimeout().ifPresent(t -> req.header("X-Fal-Request-Timeout", Long.toString(t.getSeconds())));
        options.runnerHint().ifPresent(h -> req.header("X-Fal-Runner-Hint", h));
        if (options.noRetry()) {
            req.header("X-Fal-No-Retry", "1");
        }
        options.mediaExpiry()
                .ifPresent(e -> req.header(
                        "X-Fal-Object-Lifecycle-Preference",
                        "{\"expiration_duration_seconds\":" + e.getSeconds() + "}"));
        return HttpCall.of(bounded(req).build(), RetryMode.SUBMIT).withEndpointId(endpointId);
    }

    private RequestRef parseSubmit(String endpointId, Response r) {
        if (!r.isSuccessful()) {
            throw HttpErrors.toException(r, null);
        }
        JsonNode node;
        try {
            node = readJson(r, null);
        } catch (KlingException e) {
            // fal answered 2xx, so the job exists; only its answer was lost. Never resubmit.
            throw new SubmitOutcomeUnknownException(endpointId, r.header("x-fal-request-id"), e);
        }
        String id = node.path("request_id").asText(null);
        if (id == null) {
            // fal answered 2xx, so the job exists; without its id it cannot be followed. Never resubmit.
            String falId = r.header("x-fal-request-id");
            throw new SubmitOutcomeUnknownException(
                    endpointId,
                    falId,
                    HttpErrors.unexpected(
                            "fal accepted the submit" + " to " + endpointId + " but its answer has no request_id: "
                                    + HttpErrors.abbreviate(node.toString()),
                            r,
                            node.toString(),
                            falId,
                            null));
        }
        RequestRef built = attach(endpointId, id);
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!List.of("request_id", "status_url", "response_url", "cancel_url", "gateway_request_id")
                    .contains(e.getKey())) {
                extra.put(e.getKey(), JsonValue.of(e.getValue()));
            }
        }
        return new RequestRef(
                endpointId,
                id,
                text(node, "status_url", built.statusUrl()),
                text(node, "response_url", built.responseUrl()),
                text(node, "cancel_url", built.cancelUrl()),
                text(node, "gateway_request_id", null),
                extra);
    }

    // ---------------------------------------------------------------- attach

    /**
     * A reference to an existing request from its endpoint id and request id alone, for resuming after a
     * restart. The URLs are built from the endpoint's owner and app (and its {@code workflows}/{@code comfy}
     * namespace); nothing is sent.
     *
     * @param endpointId the endpoint the request was submitted to
     * @param requestId the request id
     * @return the reference
     */
    public RequestRef attach(String endpointId, String requestId) {
        String[] seg = checkEndpoint(endpointId).split("/");
        int ownerAt = NAMESPACES.contains(seg[0]) ? 1 : 0;
        if (seg.length < ownerAt + 2) {
            throw new IllegalArgumentException("Endpoint id " + endpointId + " needs an owner and an app");
        }
        HttpUrl.Builder base = queueUrl.newBuilder();
        for (int i = 0; i <= ownerAt + 1; i++) {
            base.addPathSegment(seg[i]);
        }
        HttpUrl req = base.addPathSegment("requests")
                .addPathSegment(Objects.requireNonNull(requestId, "requestId"))
                .build();
        return new RequestRef(
                endpointId,
                requestId,
                req.newBuilder().addPathSegment("status").build().toString(),
                req.toString(),
                req.newBuilder().addPathSegment("cancel").build().toString(),
                null,
                Map.of());
    }

    // ---------------------------------------------------------------- status

    /**
     * The job's current status.
     *
     * @param ref the request
     * @param withLogs whether to include the job's logs
     * @return the status
     */
    public JobStatus status(RequestRef ref, boolean withLogs) {
        try (Response r = transport.execute(statusCall(ref, withLogs))) {
            return parseStatus(ref, r);
        }
    }

    /**
     * The job's current status, without blocking.
     *
     * @param ref the request
     * @param withLogs whether to include the job's logs
     * @return a future of the status
     */
    public CompletableFuture<JobStatus> statusAsync(RequestRef ref, boolean withLogs) {
        return mapAsync(transport.executeAsync(statusCall(ref, withLogs)), r -> parseStatus(ref, r));
    }

    HttpCall statusCall(RequestRef ref, boolean withLogs) {
        HttpUrl.Builder url = HttpUrl.get(ref.statusUrl()).newBuilder();
        if (withLogs) {
            url.setQueryParameter("logs", "1");
        }
        return HttpCall.of(bounded(new Request.Builder().url(url.build()).get()).build(), RetryMode.READ)
                .withEndpointId(ref.endpointId())
                .withRequestId(ref.requestId());
    }

    JobStatus parseStatus(RequestRef ref, Response r) {
        if (!r.isSuccessful()) {
            throw HttpErrors.toException(r, ref.requestId());
        }
        return JobStatus.fromNode(ref.requestId(), readJson(r, ref.requestId()));
    }

    /**
     * Follows the job's status stream (SSE only, no polling fallback): {@code onStatus} receives every event;
     * the future completes with the {@code COMPLETED} status, or fails when the stream fails or ends early.
     * Cancelling the future closes the stream (and does not cancel the job). Holds one HTTP thread while
     * open. Most callers want {@link #awaitAsync} instead.
     *
     * @param ref the request
     * @param withLogs whether to include logs
     * @param onStatus receives each status
     * @return a future of the final status
     */
    public CompletableFuture<JobStatus> statusStream(RequestRef ref, boolean withLogs, Consumer<JobStatus> onStatus) {
        return StatusStream.open(this, ref, withLogs, onStatus, null);
    }

    // ---------------------------------------------------------------- result

    /**
     * The job's output as raw JSON. fal keeps it 1 hour after completion (6 minutes when 10 KB or more).
     *
     * @param ref the request
     * @return the output
     * @throws dev.kling4j.core.error.UnprocessableEntityException when the model rejected the input (fal reports this here)
     */
    public JsonValue result(RequestRef ref) {
        try (Response r = transport.execute(resultCall(ref))) {
            return parseResult(ref, r).output();
        }
    }

    /**
     * The job's output mapped to a type.
     *
     * @param ref the request
     * @param type the type (unknown fields ignored)
     * @param <T> the type
     * @return the output
     */
    public <T> T result(RequestRef ref, Class<T> type) {
        return JobResult.read(ref.requestId(), result(ref), type);
    }

    /**
     * The job's output, without blocking.
     *
     * @param ref the request
     * @return a future of the output
     */
    public CompletableFuture<JsonValue> resultAsync(RequestRef ref) {
        return fetchResultAsync(ref).thenApply(Fetched::output);
    }

    /** A result as fetched: the output and the quantity fal billed (null when it did not say). */
    private record Fetched(JsonValue output, BigDecimal billableUnits) {}

    private CompletableFuture<Fetched> fetchResultAsync(RequestRef ref) {
        return mapAsync(transport.executeAsync(resultCall(ref)), r -> parseResult(ref, r));
    }

    private HttpCall resultCall(RequestRef ref) {
        return HttpCall.of(
                        bounded(new Request.Builder().url(ref.responseUrl()).get())
                                .build(),
                        RetryMode.READ)
                .withEndpointId(ref.endpointId())
                .withRequestId(ref.requestId());
    }

    private Fetched parseResult(RequestRef ref, Response r) {
        if (!r.isSuccessful()) {
            throw HttpErrors.toException(r, ref.requestId());
        }
        return new Fetched(
                JsonValue.of(readJson(r, ref.requestId())), billableUnits(r.header(JobResult.BILLABLE_UNITS_HEADER)));
    }

    /** fal's billed quantity; a header that is not a non-negative number is read as not sent. */
    private static BigDecimal billableUnits(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            BigDecimal units = new BigDecimal(header.trim());
            return units.signum() < 0 ? null : units;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- cancel

    /**
     * Asks fal to cancel the job: a queued job never runs, a running one is signalled. A job already
     * completed or unknown is not an error here; see {@link CancelResult#status()}.
     *
     * @param ref the request
     * @return fal's answer
     */
    public CancelResult cancel(RequestRef ref) {
        try (Response r = transport.execute(cancelCall(ref))) {
            return parseCancel(ref, r);
        }
    }

    /**
     * Asks fal to cancel the job, without blocking.
     *
     * @param ref the request
     * @return a future of fal's answer
     */
    public CompletableFuture<CancelResult> cancelAsync(RequestRef ref) {
        return mapAsync(transport.executeAsync(cancelCall(ref)), r -> parseCancel(ref, r));
    }

    private HttpCall cancelCall(RequestRef ref) {
        return HttpCall.of(
                        bounded(new Request.Builder().url(ref.cancelUrl()).put(RequestBody.create(new byte[0], null)))
                                .build(),
                        RetryMode.IDEMPOTENT)
                .withEndpointId(ref.endpointId())
                .withRequestId(ref.requestId());
    }

    /** Bounds the whole attempt of a JSON call, body included (see {@code KlingClient.attemptTimeout()}). */
    private Request.Builder bounded(Request.Builder request) {
        return request.tag(AttemptTimeout.class, new AttemptTimeout(context.attemptTimeout()));
    }

    private CancelResult parseCancel(RequestRef ref, Response r) {
        if (!r.isSuccessful() && r.code() != 400 && r.code() != 404) {
            throw HttpErrors.toException(r, ref.requestId());
        }
        String status;
        try {
            String body = r.body().string();
            JsonNode node = body.isBlank() ? null : Json.mapper().readTree(body);
            status = node != null && node.path("status").isTextual()
                    ? node.get("status").textValue()
                    : (r.code() == 404 ? "NOT_FOUND" : r.isSuccessful() ? "OK" : "ALREADY_COMPLETED");
        } catch (IOException e) {
            status = r.code() == 404 ? "NOT_FOUND" : r.isSuccessful() ? "OK" : "ALREADY_COMPLETED";
        }
        return new CancelResult(ref.requestId(), status, r.code());
    }

    // ---------------------------------------------------------------- wait

    /**
     * Waits for the job to complete (see {@link #awaitAsync}). An interrupt cancels the wait and the job
     * (a cancel is sent to fal) and throws a {@link dev.kling4j.core.error.JobCancelledException} with the
     * interrupt flag set again.
     *
     * @param ref the request
     * @param options deadline, logs, callbacks
     * @return the {@code COMPLETED} status
     * @throws dev.kling4j.core.error.JobFailedException when the job completed with an error
     * @throws dev.kling4j.core.error.DeadlineExceededException when the deadline passed (a cancel was sent)
     */
    public JobStatus await(RequestRef ref, RequestOptions options) {
        return Futures.join(awaitAsync(ref, options));
    }

    /**
     * Waits for the job to complete without holding a thread: over the status stream when a stream slot is
     * free, otherwise (and after the stream fails, ends early or falls silent) by polling. {@code onStatus}
     * receives every update. Cancelling the returned future, or reaching the deadline, sends a cancel to fal; a
     * cancelled future throws {@link dev.kling4j.core.error.JobCancelledException} (a
     * {@code CancellationException} carrying the request id).
     *
     * @param ref the request
     * @param options deadline, logs, callbacks
     * @return a future of the {@code COMPLETED} status; fails with
     *     {@link dev.kling4j.core.error.JobFailedException} or
     *     {@link dev.kling4j.core.error.DeadlineExceededException} or a transport error
     */
    public CompletableFuture<JobStatus> awaitAsync(RequestRef ref, RequestOptions options) {
        return new Waiter(this, ref, options).start();
    }

    /**
     * Waits for a submitted job and fetches its output (see {@link #awaitResultAsync}).
     *
     * @param ref the request
     * @param options deadline, logs, callbacks ({@code onEnqueued} is not called: the job exists already)
     * @return the finished job
     * @throws dev.kling4j.core.error.JobFailedException when the job completed with an error
     * @throws dev.kling4j.core.error.DeadlineExceededException when the deadline passed (a cancel was sent)
     */
    public JobResult awaitResult(RequestRef ref, RequestOptions options) {
        return Futures.join(awaitResultAsync(ref, options));
    }

    /**
     * Waits for a submitted job and fetches its output, without blocking: {@link #awaitAsync} then
     * {@link #resultAsync}. Cancelling the future cancels whichever step runs and the job at fal.
     *
     * @param ref the request, from a submit or from {@link #attach}
     * @param options deadline, logs, callbacks ({@code onEnqueued} is not called: the job exists already)
     * @return a future of the finished job
     */
    public CompletableFuture<JobResult> awaitResultAsync(RequestRef ref, RequestOptions options) {
        JobFuture<JobResult> out = new JobFuture<>(ref.requestId());
        continueWithResult(out, ref, options);
        return out;
    }

    /**
     * Submits a job, waits for it and fetches its output (see {@link #subscribeAsync}).
     *
     * @param endpointId the endpoint
     * @param input the model input
     * @param options the submit's settings, the deadline, logs, listeners ({@code onEnqueued} runs right after the submit)
     * @return the finished job
     */
    public JobResult subscribe(String endpointId, Object input, RequestOptions options) {
        return Futures.join(subscribeAsync(endpointId, input, options));
    }

    /**
     * Submits a job, waits for it and fetches its output, without blocking. {@code onEnqueued} runs with the
     * request reference right after the submit. Cancelling the future cancels the wait or the fetch and the job
     * at fal; a submit already on its way is let finish, and the job it created is cancelled at fal.
     *
     * @param endpointId the endpoint
     * @param input the model input
     * @param options the submit's settings, the deadline, logs, listeners
     * @return a future of the finished job
     */
    public CompletableFuture<JobResult> subscribeAsync(String endpointId, Object input, RequestOptions options) {
        JobFuture<JobResult> out = new JobFuture<>(null);
        // Not a cancellable step: cancelling the submit's HTTP call after it was written would leave a job at
        // fal whose id nobody learns. The submit runs to its answer; a job that exists by then is cancelled.
        CompletableFuture<RequestRef> submitted = submitAsync(endpointId, input, options);
        submitted.whenComplete((ref, t) -> {
            if (t != null) {
                out.completeExceptionally(Futures.unwrap(t));
                return;
            }
            out.requestId(ref.requestId());
            if (out.isCancelled()) {
                cancelQuietly(ref);
                return;
            }
            Futures.runCallback(() -> options.onEnqueued().accept(ref));
            continueWithResult(out, ref, options);
        });
        return out;
    }

    /** The wait-then-fetch steps shared by {@link #awaitResultAsync} and {@link #subscribeAsync}. */
    private void continueWithResult(JobFuture<JobResult> out, RequestRef ref, RequestOptions options) {
        CompletableFuture<JobStatus> waited = out.step(awaitAsync(ref, options));
        waited.whenComplete((status, t2) -> {
            if (t2 != null) {
                out.completeExceptionally(Futures.unwrap(t2));
                return;
            }
            CompletableFuture<Fetched> fetched = out.step(fetchResultAsync(ref));
            fetched.whenComplete((result, t3) -> {
                if (t3 != null) {
                    out.completeExceptionally(Futures.unwrap(t3));
                } else {
                    out.complete(new JobResult(ref, status, result.output(), result.billableUnits()));
                }
            });
        });
    }

    // ---------------------------------------------------------------- helpers

    ClientContext context() {
        return context;
    }

    ClientResources resources() {
        return context.resources();
    }

    HttpTransport transport() {
        return transport;
    }

    void cancelQuietly(RequestRef ref) {
        try {
            cancelAsync(ref).whenComplete((r, t) -> {
                if (t != null) {
                    Waiter.LOG.debug("Cancel of request {} failed: {}", ref.requestId(), t.toString());
                }
            });
        } catch (RuntimeException e) {
            Waiter.LOG.debug("Cancel of request {} failed: {}", ref.requestId(), e.toString());
        }
    }

    private static String checkEndpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        String id = endpointId.strip();
        while (id.startsWith("/")) {
            id = id.substring(1);
        }
        if (id.isEmpty() || !id.contains("/") || id.contains("//") || id.contains("?") || id.contains("#")) {
            throw new IllegalArgumentException("Not an endpoint id (owner/app[/path]): " + endpointId);
        }
        return id;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode n = node.get(field);
        return n != null && n.isTextual() ? n.textValue() : fallback;
    }

    private static JsonNode readJson(Response r, String requestId) {
        String body;
        try {
            body = r.body().string();
        } catch (IOException e) {
            throw HttpErrors.readFailure(e, requestId);
        }
        try {
            return Json.mapper().readTree(body.isBlank() ? "null" : body);
        } catch (JsonProcessingException e) {
            throw HttpErrors.unexpected(
                    "fal answered " + r.code() + " to " + r.request().method() + " "
                            + r.request().url().newBuilder().query(null).build() + " with a body that is not JSON"
                            + (requestId == null ? "" : " for request " + requestId) + " (" + e.getOriginalMessage()
                            + "): "
                            + HttpErrors.abbreviate(body) + "; fal or a proxy in between sent something else",
                    r,
                    body,
                    requestId,
                    e);
        }
    }

    /** Maps a response future; the response is always closed and a cancellation reaches the HTTP call. */
    static <T> CompletableFuture<T> mapAsync(
            CompletableFuture<Response> f, java.util.function.Function<Response, T> map) {
        CompletableFuture<T> out = new CompletableFuture<>();
        out.whenComplete((v, t) -> {
            if (out.isCancelled()) {
                f.cancel(true);
            }
        });
        f.whenComplete((r, t) -> {
            if (t != null) {
                out.completeExceptionally(Futures.unwrap(t));
                return;
            }
            try (Response resp = r) {
                out.complete(map.apply(resp));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }
}
