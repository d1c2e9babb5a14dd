package dev.kling4j.core;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.internal.ClientContext;
import dev.kling4j.core.internal.ClientResources;
import dev.kling4j.core.internal.Futures;
import dev.kling4j.core.internal.Lazy;
import dev.kling4j.core.internal.Urls;
import dev.kling4j.core.internal.http.HttpTransport;
import dev.kling4j.core.internal.http.Transports;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaDownloader;
import dev.kling4j.core.media.MediaUploader;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.GenerationInput;
import dev.kling4j.core.model.RequestValidator;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.pricing.BudgetLedger;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.pricing.FalPricingClient;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.queue.CancelResult;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.QueueClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The one way into kling4j: hold one client per application and run every model through it. Immutable and
 * thread-safe; it owns its HTTP client, its threads and its caches, and {@link #close()} releases them.
 *
 * <pre>{@code
 * try (KlingClient client = KlingClient.fromEnv()) {
 *     VideoResult result = client.generate(TextToVideo.PRO, TextToVideoRequest.builder()
 *             .prompt("A red fox runs through fresh snow").duration(5).build());
 *     result.downloadTo(Path.of("fox.mp4"));
 * }
 * }</pre>
 *
 * <p><b>Operations.</b> {@link #generate} runs a request to its result: checks (request, local files,
 * budget) before anything is sent, uploads, submit, wait, result. {@link #submit} returns as soon as fal has the
 * job; {@link #attach} makes a {@link VideoJob} of a request id alone; {@link #status}, {@link #result} and
 * {@link #cancel} act on a job; {@link #estimate}, {@link #lint} and {@link #checkMedia} send nothing.
 * {@link #async()} gives the same operations returning {@link java.util.concurrent.CompletableFuture}s, which
 * hold no thread while fal works and whose {@code cancel(true)} cancels the job at fal. Each takes the
 * per-call {@link RequestOptions}; without them, {@link RequestOptions#defaults()} (a
 * {@value RequestOptions#DEFAULT_DEADLINE_MINUTES}-minute deadline). {@link #queue()} is the lower layer:
 * fal's queue for any endpoint and input, as raw JSON.
 *
 * <p><b>Credentials</b> come from {@link Builder#apiKey} or, with {@link #fromEnv()}, from {@code FAL_KEY}
 * or {@code FAL_KEY_ID} + {@code FAL_KEY_SECRET}. A missing key is not an error until a call needs it; then
 * that call throws {@link dev.kling4j.core.error.MissingCredentialsException}. The key never appears in
 * {@link #toString()}, logs or exception messages.
 *
 * <p><b>Threads.</b> The client owns one OkHttp client (daemon dispatcher threads, at most
 * {@link Builder#maxConcurrentRequests} at once), one daemon scheduler thread for watchdogs and deadlines,
 * daemon upload threads created on demand, and at most {@link Builder#maxConcurrentStreams} open status
 * streams. {@link #close()} releases them; clients derived with {@link #withOptions} share the root's
 * resources and their {@code close()} does nothing.
 */
public final class KlingClient implements AutoCloseable {
    /** Default queue base URL. */
    public static final String DEFAULT_QUEUE_URL = "https://queue.fal.run";
    /** Default REST base URL (storage, tokens). */
    public static final String DEFAULT_REST_URL = "https://rest.fal.ai";
    /** Default Platform API base URL (pricing, usage). */
    public static final String DEFAULT_API_URL = "https://api.fal.ai/v1";

    private static final String VERSION = readVersion();

    private final Builder config;
    private final String key;
    private final HttpUrl queueUrl;
    private final HttpUrl restUrl;
    private final HttpUrl apiUrl;
    private final ClientResources resources;
    private final ClientContext context;
    private final boolean ownsResources;
    private final boolean ownsOkHttp;
    private final QueueClient queue;
    private final Generations generations;
    private final AsyncKlingClient async;
    private final MediaChecks mediaChecks;

    static {
        ClientAccess.register(c -> c.context);
    }

    private KlingClient(Builder b) {
        this.config = b.copy();
        this.mediaChecks = b.mediaChecks != null
                ? b.mediaChecks
                : b.catalog != null ? MediaChecks.of(b.catalog.limits()) : MediaChecks.standard();
        this.key = b.key;
        this.queueUrl = Urls.checkHttpUrl(b.queueUrl, "queueUrl", b.allowInsecureHttp);
        this.restUrl = Urls.checkHttpUrl(b.restUrl, "restUrl", b.allowInsecureHttp);
        this.apiUrl = Urls.checkHttpUrl(b.apiUrl, "apiUrl", b.allowInsecureHttp);
        if (b.maxConcurrentStreams >= b.maxConcurrentRequests) {
            throw new IllegalArgumentException(
                    "maxConcurrentStreams (" + b.maxConcurrentStreams + ") must be below maxConcurrentRequests ("
                            + b.maxConcurrentRequests + ") so polls are not starved");
        }
        OkHttpClient ok;
        ClientResources parent = b.parentResources;
        if (b.okHttpClient != null) {
            ok = b.okHttpClient;
            ownsOkHttp = false;
        } else if (parent != null) {
            ok = parent.okHttp();
            ownsOkHttp = false;
        } else {
            ok = new OkHttpClient.Builder()
                    .dispatcher(newDispatcher(b.maxConcurrentRequests, b.virtualThreads))
                    .connectionPool(new ConnectionPool())
                    .build();
            ownsOkHttp = true;
        }
        ok = ok.newBuilder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.writeTimeout)
                .build();
        String k = key;
        ConnectionPool streamPool = parent != null ? parent.streamPool() : new ConnectionPool();
        HttpTransport transport =
                Transports.create(ok, streamPool, () -> k, "kling4j/" + VERSION, b.retryPolicy, b.sleeper, b.clock);
        if (parent != null) {
            this.resources = new ClientResources(
                    transport,
                    ok,
                    parent.scheduler(),
                    parent.streamPermits(),
                    streamPool,
                    parent.livePrices(),
                    parent.uploads());
            this.ownsResources = false;
        } else {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("kling4j-scheduler"));
            scheduler.setRemoveOnCancelPolicy(true);
            ExecutorService uploads = new ThreadPoolExecutor(
                    0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("kling4j-upload"));
            this.resources = new ClientResources(
                    transport, ok, scheduler, new Semaphore(b.maxConcurrentStreams), streamPool, new Lazy<>(), uploads);
            this.ownsResources = true;
        }
        this.context = new ClientContext(
                resources,
                queueUrl,
                restUrl,
                apiUrl,
                b.attemptTimeout,
                b.pollInitial,
                b.pollMax,
                b.streamSilence,
                b.transferStall,
                b.home,
                b.sleeper,
                b.clock);
        this.queue = ClientAccess.make(QueueClient.class, context);
        this.generations = new Generations(this, context);
        this.async = new AsyncKlingClient(this, generations);
    }

    private static Dispatcher newDispatcher(int maxRequests, boolean virtualThreads) {
        ExecutorService executor = virtualThreads ? virtualThreadExecutor() : null;
        if (executor == null) {
            executor = new ThreadPoolExecutor(
                    0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("kling4j-http"));
        }
        Dispatcher d = new Dispatcher(executor);
        d.setMaxRequests(maxRequests);
        // Deliberately raised from OkHttp's 5: nearly all calls go to one host (the queue), and open
        // status streams hold their slots for minutes.
        d.setMaxRequestsPerHost(maxRequests);
        return d;
    }

    /** Java 21+: one virtual thread per call (open streams then cost no platform thread). Null on Java 17-20. */
    private static ExecutorService virtualThreadExecutor() {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A builder with the defaults and no credentials.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the process environment (see {@link #fromEnv(Map)}).
     *
     * @return the client
     */
    public static KlingClient fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * A client configured from the given environment: {@code FAL_KEY}, or {@code FAL_KEY_ID} and
     * {@code FAL_KEY_SECRET} (joined as {@code id:secret}); {@code FAL_QUEUE_URL}, {@code FAL_REST_URL},
     * {@code FAL_API_URL} override the base URLs. A missing key is reported at the first call that needs it.
     *
     * @param env the environment variables
     * @return the client
     */
    public static KlingClient fromEnv(Map<String, String> env) {
        return builder().fromEnv(env).build();
    }

    /**
     * A builder holding this client's configuration. A client built from it shares this client's connection
     * pool, dispatcher and scheduler (unless you pass another {@code OkHttpClient}).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = config.copy();
        b.parentResources = resources;
        return b;
    }

    /**
     * A client with some settings changed, sharing this client's connection pool and threads.
     *
     * <pre>{@code
     * KlingClient patient = client.withOptions(b -> b.retryPolicy(RetryPolicy.builder().maxAttempts(8).build()));
     * }</pre>
     *
     * @param change edits a builder holding this client's configuration
     * @return the derived client; its {@code close()} does nothing
     */
    public KlingClient withOptions(Consumer<Builder> change) {
        Builder b = toBuilder();
        change.accept(b);
        return b.build();
    }

    // ---------------------------------------------------------------- operations

    /**
     * Generates a video and waits for it, with the default options.
     *
     * @param model the model, e.g. {@code TextToVideo.PRO}
     * @param request its request
     * @param <R> the model's request type
     * @return the finished video
     * @see #generate(BaseVideoModel, VideoRequest, RequestOptions)
     */
    public <R extends VideoRequest> VideoResult generate(BaseVideoModel<R> model, R request) {
        return generate(model, request, RequestOptions.defaults());
    }

    /**
     * Generates a video and waits for it: checks the local files, estimates the cost and checks the budget
     * (all before anything is sent), uploads local files, submits, journals the request id, waits and fetches
     * the result. An interrupt cancels the job at fal.
     *
     * @param model the model
     * @param request its request
     * @param options deadline, webhook, budget, journal, prices, listeners
     * @param <R> the model's request type
     * @return the finished video
     * @throws dev.kling4j.core.error.InvalidRequestException when a local file breaks the endpoint's limits
     *     (nothing sent)
     * @throws dev.kling4j.core.error.BudgetExceededException when the estimate is over the budget (nothing sent)
     * @throws dev.kling4j.core.error.JobFailedException when the job completed with an error
     * @throws dev.kling4j.core.error.DeadlineExceededException when the deadline passed
     */
    public <R extends VideoRequest> VideoResult generate(BaseVideoModel<R> model, R request, RequestOptions options) {
        return Futures.join(async.generate(model, request, options));
    }

    /**
     * Checks, estimates, uploads and submits, with the default options; see
     * {@link #submit(BaseVideoModel, VideoRequest, RequestOptions)}.
     *
     * @param model the model
     * @param request its request
     * @param <R> the model's request type
     * @return the job
     */
    public <R extends VideoRequest> VideoJob submit(BaseVideoModel<R> model, R request) {
        return submit(model, request, RequestOptions.defaults());
    }

    /**
     * Checks, estimates, uploads and submits; returns as soon as fal has the job (journalled, and handed to
     * {@code onEnqueued}). Wait for it with {@link #result(VideoJob)}.
     *
     * @param model the model
     * @param request its request
     * @param options the options; the job keeps them for its wait
     * @param <R> the model's request type
     * @return the job
     * @throws dev.kling4j.core.error.InvalidRequestException when a local file breaks the endpoint's limits
     * @throws dev.kling4j.core.error.BudgetExceededException when the estimate is over the budget
     * @throws dev.kling4j.core.error.SubmitOutcomeUnknownException when the submit was sent but no answer came
     */
    public <R extends VideoRequest> VideoJob submit(BaseVideoModel<R> model, R request, RequestOptions options) {
        return Futures.join(async.submit(model, request, options));
    }

    /**
     * A job of a model from its request id alone (after a crash, or from a journal), with the default
     * options; nothing is sent and nothing resubmitted.
     *
     * @param model the model the job was submitted to
     * @param requestId fal's request id
     * @return the job
     */
    public VideoJob attach(BaseVideoModel<?> model, String requestId) {
        return attach(model, requestId, RequestOptions.defaults());
    }

    /**
     * A job of a model from its request id alone; nothing is sent and nothing resubmitted.
     *
     * @param model the model the job was submitted to
     * @param requestId fal's request id
     * @param options the options of its wait (deadline, listeners, journal)
     * @return the job
     */
    public VideoJob attach(BaseVideoModel<?> model, String requestId, RequestOptions options) {
        Objects.requireNonNull(model, "model");
        return generations.attach(model.endpoint(), requestId, Objects.requireNonNull(options, "options"));
    }

    /**
     * Asks fal once where a job stands.
     *
     * @param job the job
     * @return its status (with logs when its options ask for them)
     */
    public JobStatus status(VideoJob job) {
        return Futures.join(async.status(job));
    }

    /**
     * Waits for a job (status stream, then polling, within its options' deadline) and fetches its video.
     *
     * @param job the job
     * @return the finished video, with what fal billed
     * @throws dev.kling4j.core.error.JobFailedException when the job completed with an error
     * @throws dev.kling4j.core.error.DeadlineExceededException when the deadline passed
     */
    public VideoResult result(VideoJob job) {
        return Futures.join(async.result(job));
    }

    /**
     * Asks fal to cancel a job: a queued job never runs, a running one is signalled. A job already done is no
     * error; see {@link CancelResult#status()}.
     *
     * @param job the job
     * @return fal's answer
     */
    public CancelResult cancel(VideoJob job) {
        return Futures.join(async.cancel(job));
    }

    /**
     * Estimates what a request will cost, with this client's prices ({@link #prices()}); sends nothing but,
     * once per client with live prices, fal's pricing API call.
     *
     * @param model the model
     * @param request its request
     * @param <R> the model's request type
     * @return the estimate; {@link CostEstimate#isKnown()} is false when the bill cannot be known before the run
     */
    public <R extends VideoRequest> CostEstimate estimate(BaseVideoModel<R> model, R request) {
        return generations.estimate(inputOf(model, request), RequestOptions.defaults());
    }

    /**
     * The {@code @}-reference findings of a request's prompts, warnings included (errors were refused when
     * the request was built); sends nothing.
     *
     * @param model the model
     * @param request its request
     * @param <R> the model's request type
     * @return the findings
     */
    public <R extends VideoRequest> List<Finding> lint(BaseVideoModel<R> model, R request) {
        return RequestValidator.lint(request.catalog().category(model.category()), request.input(), true);
    }

    /**
     * Every problem a local file of the request would be refused for ({@link #mediaChecks()}): what
     * {@link #generate} and {@link #submit} check first. Reads headers only; sends nothing.
     *
     * @param model the model
     * @param request its request
     * @param <R> the model's request type
     * @return the problems, each naming its field; empty when every local file passes
     */
    public <R extends VideoRequest> List<Problem> checkMedia(BaseVideoModel<R> model, R request) {
        return generations.checkMedia(inputOf(model, request));
    }

    /**
     * The same operations without blocking, each returning a {@link java.util.concurrent.CompletableFuture}.
     *
     * @return this client's asynchronous view
     */
    public AsyncKlingClient async() {
        return async;
    }

    /**
     * The journal requests are recorded in unless their options name another.
     *
     * @return the journal, or empty (the default: none)
     */
    public Optional<RequestJournal> journal() {
        return Optional.ofNullable(config.journal);
    }

    /**
     * The budget every request is reserved against.
     *
     * @return the ledger; {@link BudgetLedger#unlimited()} unless set
     */
    public BudgetLedger budgetLedger() {
        return config.budgetLedger;
    }

    /**
     * The checks local files get before anything is uploaded.
     *
     * @return the checks; {@link MediaChecks#standard()} unless set
     */
    public MediaChecks mediaChecks() {
        return mediaChecks;
    }

    /**
     * The endpoint table every request is checked against before anything is sent, when one was set with
     * {@link Builder#catalog(Catalog)}. Without one, each request is held to the table it was built against
     * ({@link VideoRequest#catalog()}), which its builder already checked.
     *
     * @return the client's endpoint table, if set
     */
    public Optional<Catalog> catalog() {
        return Optional.ofNullable(config.catalog);
    }

    /**
     * The run view of a request: re-checked first against the client's endpoint table when it has one and the
     * request was built against another, so that a client set up with a loaded table is the last word on what
     * it sends. Throws before anything is sent.
     */
    <R extends VideoRequest> GenerationInput inputOf(BaseVideoModel<R> model, R request) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        Catalog table = config.catalog;
        if (table != null && request.catalog() != table) {
            RequestValidator.check(table, model.category(), request.input(), request.validation());
        }
        return model.input(request);
    }

    /**
     * Starts configuring an uploader to fal storage on this client's transport, key, REST URL and upload
     * threads: the lower layer {@link #generate} uses for local files, for uploading ahead of time.
     *
     * <pre>{@code
     * String url = client.uploader().build().upload(Media.file(Path.of("hero.png")));
     * }</pre>
     *
     * @return a builder with the defaults (multipart above 90 MiB, 10 MiB parts, 4 at once)
     */
    public MediaUploader.Builder uploader() {
        return ClientAccess.make(MediaUploader.Builder.class, context);
    }

    /**
     * Starts configuring a downloader of result files on this client's transport and retry policy: the lower
     * layer of {@link VideoResult#downloadTo}.
     *
     * @return a builder with the defaults (5 resumes)
     */
    public MediaDownloader.Builder downloader() {
        return ClientAccess.make(MediaDownloader.Builder.class, context);
    }

    /**
     * A client of fal's pricing API on this client's key, API URL and transport: the lower layer of
     * {@link #prices()}, for fetching fal's unit prices yourself.
     *
     * @return a new pricing client
     */
    public FalPricingClient pricingClient() {
        return ClientAccess.make(FalPricingClient.class, context);
    }

    /**
     * The queue: submit, status, result, cancel, and waiting for jobs.
     *
     * @return the queue client (one per client)
     */
    public QueueClient queue() {
        return queue;
    }

    /**
     * The queue base URL, without a trailing slash.
     *
     * @return for example {@code https://queue.fal.run}
     */
    public String queueUrl() {
        return Urls.text(queueUrl);
    }

    /**
     * The REST base URL (storage uploads), without a trailing slash.
     *
     * @return for example {@code https://rest.fal.ai}
     */
    public String restUrl() {
        return Urls.text(restUrl);
    }

    /**
     * The Platform API base URL (pricing, usage), without a trailing slash.
     *
     * @return for example {@code https://api.fal.ai/v1}
     */
    public String apiUrl() {
        return Urls.text(apiUrl);
    }

    /**
     * Whether an API key is configured (it is not checked with fal).
     *
     * @return true when a key is set
     */
    public boolean hasCredentials() {
        return key != null && !key.isBlank();
    }

    /**
     * The retry policy of this client.
     *
     * @return the policy
     */
    public RetryPolicy retryPolicy() {
        return config.retryPolicy;
    }

    /**
     * The first interval between status polls when waiting without a stream.
     *
     * @return default 200 ms
     */
    public Duration pollInitialInterval() {
        return config.pollInitial;
    }

    /**
     * The longest one attempt of a JSON API call may take, its body included.
     *
     * @return default 2 min
     */
    public Duration attemptTimeout() {
        return config.attemptTimeout;
    }

    /**
     * How long an upload or a download may go without progress (less than
     * {@value dev.kling4j.core.error.TransferStalledException#MIN_PROGRESS_BYTES} bytes moved) before it is
     * abandoned.
     *
     * @return default 30 s
     */
    public Duration transferStallTimeout() {
        return config.transferStall;
    }

    /**
     * The folder kling4j keeps its files in: the cache of fal's live prices (and the CLI's journal).
     *
     * @return default {@code $KLING_HOME} with {@link #fromEnv()}, else {@code ~/.kling}
     */
    public Path home() {
        return config.home;
    }

    /**
     * Whether estimates use fal's live unit prices (its pricing API) rather than the shipped table.
     *
     * @return the builder's setting; by default true when a key is set and the pricing API is not on a
     *     loopback host (an emulator)
     */
    public boolean usesLivePrices() {
        return config.livePrices != null ? config.livePrices : hasCredentials() && !Urls.isLoopback(apiUrl.host());
    }

    /**
     * The prices this client estimates with. With {@link #usesLivePrices()}, fal's live unit prices in place
     * of the table's rows ({@link Builder#prices}, the shipped table by default): fetched once per root client (derived clients share them) and cached in
     * {@code home()/cache/fal-prices.json} for 24 hours; when they cannot be fetched, the shipped table with a
     * {@linkplain PriceTable#notice() notice} saying why. Otherwise the shipped table. The first call with
     * live prices may make one HTTP request to the pricing API.
     *
     * @return the price table
     */
    public PriceTable prices() {
        if (!usesLivePrices()) {
            return config.prices;
        }
        return resources
                .livePrices()
                .get(() -> pricingClient()
                        .current(
                                config.prices,
                                config.home.resolve("cache").resolve("fal-prices.json"),
                                Duration.ofHours(24)));
    }

    /**
     * The cap on the interval between status polls.
     *
     * @return default 5 s
     */
    public Duration pollMaxInterval() {
        return config.pollMax;
    }

    /**
     * How long a status stream may stay silent before waiting falls back to polling.
     *
     * @return default 15 s
     */
    public Duration streamSilenceTimeout() {
        return config.streamSilence;
    }

    /**
     * The sleeper used between retries and polls.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return config.sleeper;
    }

    /**
     * The clock used for Retry-After dates.
     *
     * @return the clock
     */
    public Clock clock() {
        return config.clock;
    }

    /**
     * Releases the threads and connections this client created: dispatcher threads, idle connections, the
     * scheduler, the upload threads (an upload in flight finishes first). Calls in flight are not cancelled. An {@code OkHttpClient} you passed in stays yours to
     * close. Idempotent.
     */
    @Override
    public void close() {
        if (!ownsResources) {
            return;
        }
        resources.scheduler().shutdownNow();
        resources.uploads().shutdown();
        resources.streamPool().evictAll();
        if (ownsOkHttp) {
            resources.okHttp().dispatcher().executorService().shutdown();
            resources.okHttp().connectionPool().evictAll();
        }
    }

    /** Describes the configuration; the key is shown only as present or absent. */
    @Override
    public String toString() {
        return "KlingClient{queueUrl=" + queueUrl() + ", restUrl=" + restUrl() + ", apiUrl=" + apiUrl() + ", apiKey="
                + (hasCredentials() ? "****" : "(none)") + ", retryPolicy=" + config.retryPolicy + "}";
    }

    private static String readVersion() {
        try (InputStream in = KlingClient.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /**
     * The library version, as sent in the {@code User-Agent} header ({@code kling4j/<version>}).
     *
     * @return the version
     */
    public static String version() {
        return VERSION;
    }

    /** Builds a {@link KlingClient}. Every setting has a default; only the key must come from somewhere. */
    public static final class Builder {
        private String key;
        private String queueUrl = DEFAULT_QUEUE_URL;
        private String restUrl = DEFAULT_REST_URL;
        private String apiUrl = DEFAULT_API_URL;
        private boolean allowInsecureHttp;
        private OkHttpClient okHttpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration attemptTimeout = Duration.ofMinutes(2);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration pollInitial = Duration.ofMillis(200);
        private Duration pollMax = Duration.ofSeconds(5);
        private Duration streamSilence = Duration.ofSeconds(15);
        private Duration transferStall = Duration.ofSeconds(30);
        private Boolean livePrices; // null: on with a key, unless the pricing API is on loopback
        private Path home = Path.of(System.getProperty("user.home"), ".kling");
        private RequestJournal journal;
        private BudgetLedger budgetLedger = BudgetLedger.unlimited();
        private MediaChecks mediaChecks; // null: the client's endpoint table's limits
        private Catalog catalog; // null: each request's own table
        private PriceTable prices = PriceTable.standard();
        private int maxConcurrentStreams = 8;
        private int maxConcurrentRequests = 16;
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private boolean virtualThreads = true;
        private ClientResources parentResources;

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.key = key;
            b.queueUrl = queueUrl;
            b.restUrl = restUrl;
            b.apiUrl = apiUrl;
            b.allowInsecureHttp = allowInsecureHttp;
            b.okHttpClient = okHttpClient;
            b.connectTimeout = connectTimeout;
            b.readTimeout = readTimeout;
            b.attemptTimeout = attemptTimeout;
            b.writeTimeout = writeTimeout;
            b.retryPolicy = retryPolicy;
            b.pollInitial = pollInitial;
            b.pollMax = pollMax;
            b.streamSilence = streamSilence;
            b.transferStall = transferStall;
            b.livePrices = livePrices;
            b.home = home;
            b.journal = journal;
            b.budgetLedger = budgetLedger;
            b.mediaChecks = mediaChecks;
            b.catalog = catalog;
            b.prices = prices;
            b.maxConcurrentStreams = maxConcurrentStreams;
            b.maxConcurrentRequests = maxConcurrentRequests;
            b.sleeper = sleeper;
            b.clock = clock;
            b.virtualThreads = virtualThreads;
            b.parentResources = parentResources;
            return b;
        }

        /**
         * Reads the key and base URLs from environment variables (see {@link KlingClient#fromEnv(Map)});
         * variables that are absent leave the builder's values alone.
         *
         * @param env the environment
         * @return this builder
         */
        public Builder fromEnv(Map<String, String> env) {
            String k = env.get("FAL_KEY");
            String id = env.get("FAL_KEY_ID");
            String secret = env.get("FAL_KEY_SECRET");
            if (k != null && !k.isBlank()) {
                key = k.trim();
            } else if (id != null && secret != null && !id.isBlank() && !secret.isBlank()) {
                key = id.trim() + ":" + secret.trim();
            }
            if (env.get("FAL_QUEUE_URL") != null) {
                queueUrl = env.get("FAL_QUEUE_URL");
            }
            if (env.get("FAL_REST_URL") != null) {
                restUrl = env.get("FAL_REST_URL");
            }
            if (env.get("FAL_API_URL") != null) {
                apiUrl = env.get("FAL_API_URL");
            }
            if (env.get("KLING_HOME") != null && !env.get("KLING_HOME").isBlank()) {
                home = Path.of(env.get("KLING_HOME"));
            }
            return this;
        }

        /**
         * The fal API key ({@code FAL_KEY}).
         *
         * @param apiKey the key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.key = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /**
         * The fal key as id and secret ({@code FAL_KEY_ID}, {@code FAL_KEY_SECRET}).
         *
         * @param keyId the key id
         * @param keySecret the key secret
         * @return this builder
         */
        public Builder credentials(String keyId, String keySecret) {
            this.key = Objects.requireNonNull(keyId, "keyId") + ":" + Objects.requireNonNull(keySecret, "keySecret");
            return this;
        }

        /**
         * The queue base URL (default {@value KlingClient#DEFAULT_QUEUE_URL}; env {@code FAL_QUEUE_URL}).
         *
         * @param url an https URL, or http to a loopback host
         * @return this builder
         */
        public Builder queueUrl(String url) {
            this.queueUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * The REST base URL (default {@value KlingClient#DEFAULT_REST_URL}; env {@code FAL_REST_URL}).
         *
         * @param url an https URL, or http to a loopback host
         * @return this builder
         */
        public Builder restUrl(String url) {
            this.restUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * The Platform API base URL (default {@value KlingClient#DEFAULT_API_URL}; env {@code FAL_API_URL}).
         *
         * @param url an https URL, or http to a loopback host
         * @return this builder
         */
        public Builder apiUrl(String url) {
            this.apiUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Allows plain {@code http://} base URLs to non-loopback hosts (default false: only localhost,
         * 127.0.0.0/8 and ::1). The key then travels unencrypted.
         *
         * @param allow whether to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Sends through your own OkHttp client (its dispatcher, pool, proxy, TLS, interceptors). kling4j derives
         * a client from it with its own timeouts and with {@code retryOnConnectionFailure} off for submits (on for
         * reads and idempotent calls, which it resends on a fresh connection when a pooled one was closed); it does not
         * change your dispatcher limits (raise {@code maxRequestsPerHost} above
         * {@link #maxConcurrentStreams} yourself) and {@link KlingClient#close()} does not close it.
         *
         * @param client the client
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Per-attempt connect timeout (default 10 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Per-attempt read timeout (default 60 s). Status streams have none; they use
         * {@link #streamSilenceTimeout} instead.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The longest one attempt of a JSON API call may take, reading its body included (default 2 min), so
         * that a body trickling in slower than the read timeout still ends (and is retried like a read
         * timeout). Not applied to uploads, downloads or status streams.
         *
         * @param timeout the timeout; positive
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("attemptTimeout must be positive, was " + timeout);
            }
            this.attemptTimeout = timeout;
            return this;
        }

        /**
         * How long an upload or a download may go without progress before it is abandoned with a
         * {@link dev.kling4j.core.error.TransferStalledException} (default 30 s). Progress means at least
         * {@value dev.kling4j.core.error.TransferStalledException#MIN_PROGRESS_BYTES} bytes moved, so a body
         * trickling in a byte at a time stalls too. A stalled download resumes from where it stopped (see
         * {@link dev.kling4j.core.media.MediaDownloader}); a stalled upload part is retried like a dropped one.
         *
         * @param timeout the timeout; positive
         * @return this builder
         */
        public Builder transferStallTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("transferStallTimeout must be positive, was " + timeout);
            }
            this.transferStall = timeout;
            return this;
        }

        /**
         * Whether estimates use fal's live unit prices from its pricing API (see {@link KlingClient#prices()}).
         * By default they do when a key is set and the pricing API is not on a loopback host: an emulator
         * or a test server is not fal.
         *
         * @param live true to use fal's live prices, false to use the shipped table
         * @return this builder
         */
        public Builder livePrices(boolean live) {
            this.livePrices = live;
            return this;
        }

        /**
         * The folder kling4j keeps its files in (the live-price cache). {@link #fromEnv(Map)} reads
         * {@code KLING_HOME}.
         *
         * @param home the folder; default {@code ~/.kling}
         * @return this builder
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * Records every request in a journal (the moment fal returns its id, then its outcome), unless its
         * options name another. Default: none; the CLI uses a {@link dev.kling4j.core.journal.FileRequestJournal}.
         *
         * @param journal the journal
         * @return this builder
         */
        public Builder journal(RequestJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Reserves every request's estimate against a shared budget before anything is sent.
         *
         * @param ledger the ledger; default {@link BudgetLedger#unlimited()}
         * @return this builder
         */
        public Builder budgetLedger(BudgetLedger ledger) {
            this.budgetLedger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * Checks local files with these limits before anything is uploaded.
         *
         * @param checks the checks; default the limits of {@link #catalog(Catalog)}, else
         *     {@link MediaChecks#standard()}
         * @return this builder
         */
        public Builder mediaChecks(MediaChecks checks) {
            this.mediaChecks = Objects.requireNonNull(checks, "checks");
            return this;
        }

        /**
         * Checks every request against this endpoint table before anything is sent (and local files against
         * its limits, unless {@link #mediaChecks(MediaChecks)} is set): for when fal allows more than the
         * shipped table knows. A request built against another table is re-checked, in its own
         * {@link VideoRequest#validation()} mode; errors throw
         * {@link dev.kling4j.core.error.InvalidRequestException}.
         *
         * @param catalog e.g. {@code Catalog.load(Path.of("kling-endpoints.json"))}; default none (each request
         *     is held to the table it was built against)
         * @return this builder
         */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Estimates with this price table (the base that fal's live prices, when used, update).
         *
         * @param prices the table; default {@link PriceTable#standard()}
         * @return this builder
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Per-attempt write timeout (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The retry policy (default {@link RetryPolicy#defaults()}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Polling intervals when waiting without a stream: start at {@code initial}, double while nothing
         * changes, cap at {@code max}, back to {@code initial} when the queue position moves (defaults 200 ms and
         * 5 s).
         *
         * @param initial the first interval
         * @param max the cap
         * @return this builder
         */
        public Builder pollInterval(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
            }
            this.pollInitial = initial;
            this.pollMax = max;
            return this;
        }

        /**
         * How long a status stream may stay silent before waiting falls back to polling (default 15 s; fal
         * sends an event at least every ~15 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder streamSilenceTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("streamSilenceTimeout must be positive, was " + timeout);
            }
            this.streamSilence = timeout;
            return this;
        }

        /**
         * The most status streams open at once across all waits (default 8). Each open stream holds one
         * thread; jobs beyond this number are polled. On Java 21+ that thread is virtual (see
         * {@link #virtualThreads}), so raising this, with {@link #maxConcurrentRequests} above it, follows
         * every job by stream on a handful of platform threads: 1,000 streams in kling-benchmarks' many-jobs
         * run learnt of each end as the emulator sent it, on 4 platform threads of kling4j's own.
         *
         * @param max at least 0 (0 means always poll)
         * @return this builder
         */
        public Builder maxConcurrentStreams(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConcurrentStreams must be >= 0, was " + max);
            }
            this.maxConcurrentStreams = max;
            return this;
        }

        /**
         * The most HTTP calls in flight at once through the dispatcher this client creates (default 16,
         * which is also the per-host limit). Bounds the HTTP threads: with 1,000 jobs awaited on loopback, 16
         * finished sooner than 64 and with a third of the threads (kling-benchmarks' ManyJobsBench). Ignored
         * with {@link #okHttpClient}.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxConcurrentRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be >= 1, was " + max);
            }
            this.maxConcurrentRequests = max;
            return this;
        }

        /**
         * Whether the dispatcher this client creates runs calls on virtual threads when the runtime has them
         * (Java 21+; default true). On Java 17-20 daemon platform threads are used either way.
         *
         * @param use whether to use virtual threads when available
         * @return this builder
         */
        public Builder virtualThreads(boolean use) {
            this.virtualThreads = use;
            return this;
        }

        /**
         * The sleeper for retry backoff and polling (default {@link Sleeper#system()}); tests pass a fake.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The clock for {@code Retry-After} dates (default UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws IllegalArgumentException if a base URL is invalid, or plain http to a non-loopback host
         *     without {@link #allowInsecureHttp}
         */
        public KlingClient build() {
            return new KlingClient(this);
        }

        /** Describes the builder; the key is never shown. */
        @Override
        public String toString() {
            return "KlingClient.Builder{queueUrl=" + queueUrl + ", apiKey=" + (key == null ? "(none)" : "****") + "}";
        }
    }
}
