package dev.kling4j.core;

import dev.kling4j.core.internal.ClientResources;
import dev.kling4j.core.internal.Lazy;
import dev.kling4j.core.internal.Urls;
import dev.kling4j.core.internal.http.HttpTransport;
import dev.kling4j.core.internal.http.Transports;
import dev.kling4j.core.pricing.FalPricingClient;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.queue.QueueClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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
 * The entry point of kling4j: configuration, credentials and one HTTP client, shared by everything built on
 * it. Build one per application and share it; it is immutable and thread-safe.
 *
 * <pre>{@code
 * try (KlingClient client = KlingClient.fromEnv()) {
 *     QueueClient queue = client.queue();
 *     RequestRef ref = queue.submit("fal-ai/kling-video/o3/pro/text-to-video", Map.of("prompt", "a fox"));
 *     JobStatus done = queue.await(ref, WaitOptions.defaults());
 *     JsonValue video = queue.result(ref);
 * }
 * }</pre>
 *
 * <p><b>Credentials</b> come from {@link Builder#apiKey} or, with {@link #fromEnv()}, from {@code FAL_KEY}
 * or {@code FAL_KEY_ID} + {@code FAL_KEY_SECRET}. A missing key is not an error until a call needs it; then
 * that call throws {@link dev.kling4j.core.error.MissingCredentialsException}. The key never appears in
 * {@link #toString()}, logs or exception messages.
 *
 * <p><b>Threads.</b> The client owns one OkHttp client (daemon dispatcher threads, at most
 * {@link Builder#maxConcurrentRequests} at once), one daemon scheduler thread for watchdogs and deadlines,
 * and at most {@link Builder#maxConcurrentStreams} open status streams. {@link #close()} releases them;
 * clients derived with {@link #withOptions} share the root's resources and their {@code close()} does nothing.
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
    private final boolean ownsResources;
    private final boolean ownsOkHttp;
    private final QueueClient queue;

    private KlingClient(Builder b) {
        this.config = b.copy();
        this.key = b.key;
        this.queueUrl = Urls.checkHttpUrl(b.queueUrl, "queueUrl", b.allowInsecureHttp);
        this.restUrl = Urls.checkHttpUrl(b.restUrl, "restUrl", b.allowInsecureHttp);
        this.apiUrl = Urls.checkHttpUrl(b.apiUrl, "apiUrl", b.allowInsecureHttp);
        if (b.maxConcurrentStreams >= b.maxConcurrentRequests) {
            throw new IllegalArgumentException("maxConcurrentStreams (" + b.maxConcurrentStreams
                    + ") must be below maxConcurrentRequests (" + b.maxConcurrentRequests + ") so polls are not starved");
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
        HttpTransport transport = Transports.create(ok, streamPool, () -> k, "kling4j/" + VERSION, b.retryPolicy, b.sleeper, b.clock);
        if (parent != null) {
            this.resources = new ClientResources(transport, ok, parent.scheduler(), parent.streamPermits(), streamPool,
                    parent.livePrices());
            this.ownsResources = false;
        } else {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("kling4j-scheduler"));
            scheduler.setRemoveOnCancelPolicy(true);
            this.resources = new ClientResources(transport, ok, scheduler, new Semaphore(b.maxConcurrentStreams),
                    streamPool, new Lazy<>());
            this.ownsResources = true;
        }
        this.queue = new QueueClient(this);
    }

    private static Dispatcher newDispatcher(int maxRequests, boolean virtualThreads) {
        ExecutorService executor = virtualThreads ? virtualThreadExecutor() : null;
        if (executor == null) {
            executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemon("kling4j-http"));
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
            return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
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
        return strip(queueUrl);
    }

    /**
     * The REST base URL (storage uploads), without a trailing slash.
     *
     * @return for example {@code https://rest.fal.ai}
     */
    public String restUrl() {
        return strip(restUrl);
    }

    /**
     * The Platform API base URL (pricing, usage), without a trailing slash.
     *
     * @return for example {@code https://api.fal.ai/v1}
     */
    public String apiUrl() {
        return strip(apiUrl);
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
        return config.livePrices != null ? config.livePrices
                : hasCredentials() && !Urls.isLoopback(apiUrl.host());
    }

    /**
     * The prices this client estimates with. With {@link #usesLivePrices()}, fal's live unit prices in place
     * of the shipped table's rows: fetched once per root client (derived clients share them) and cached in
     * {@code home()/cache/fal-prices.json} for 24 hours; when they cannot be fetched, the shipped table with a
     * {@linkplain PriceTable#notice() notice} saying why. Otherwise the shipped table. The first call with
     * live prices may make one HTTP request to the pricing API.
     *
     * @return the price table
     */
    public PriceTable prices() {
        if (!usesLivePrices()) {
            return PriceTable.standard();
        }
        return resources.livePrices().get(() -> FalPricingClient.create(this)
                .current(PriceTable.standard(), config.home.resolve("cache").resolve("fal-prices.json"),
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
     * Not API: the transport and shared threads, for kling-core's own packages.
     *
     * @return the resources
     */
    // Returns a type of the sealed internal package; goes with issue 19's client rework (part C).
    @SuppressWarnings("exports")
    public ClientResources resources() {
        return resources;
    }

    /**
     * Releases the threads and connections this client created: dispatcher threads, idle connections, the
     * scheduler. Calls in flight are not cancelled. An {@code OkHttpClient} you passed in stays yours to
     * close. Idempotent.
     */
    @Override
    public void close() {
        if (!ownsResources) {
            return;
        }
        resources.scheduler().shutdownNow();
        resources.streamPool().evictAll();
        if (ownsOkHttp) {
            resources.okHttp().dispatcher().executorService().shutdown();
            resources.okHttp().connectionPool().evictAll();
        }
    }

    /** Describes the configuration; the key is shown only as present or absent. */
    @Override
    public String toString() {
        return "KlingClient{queueUrl=" + queueUrl() + ", restUrl=" + restUrl() + ", apiUrl=" + apiUrl()
                + ", apiKey=" + (hasCredentials() ? "****" : "(none)") + ", retryPolicy=" + config.retryPolicy + "}";
    }

    private static String strip(HttpUrl url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
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
