package dev.kling4j.testkit;

import dev.kling4j.core.KlingClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An offline fal.ai: a real HTTP server on loopback that speaks fal's queue, storage and webhook protocol
 * for the 13 Kling O3 endpoints, so code can be tested without a key, money or the internet.
 *
 * <p>One port serves everything, on non-overlapping paths:
 * <ul>
 *   <li>{@link #queueUrl()} ({@code http://127.0.0.1:PORT}): submit, status, SSE status stream, result,
 *       cancel, exactly as {@code https://queue.fal.run};</li>
 *   <li>{@link #restUrl()} ({@code …/rest}): storage upload (single and multipart), as {@code https://rest.fal.ai};</li>
 *   <li>{@link #apiUrl()} ({@code …/api/v1}): fal's platform API base;</li>
 *   <li>{@code /files/…}: uploaded files and generated videos (with Range requests);</li>
 *   <li>{@code /.well-known/jwks.json}: the public keys of its webhook signatures.</li>
 * </ul>
 * A request carrying fal's proxy header {@code X-Fal-Target-Url} is served as if sent to that URL
 * ({@code queue.fal.run} → queue, {@code rest.fal.ai} → rest, {@code api.fal.ai} → api).
 *
 * <pre>{@code
 * try (FalEmulator fal = FalEmulator.start()) {
 *     KlingClient client = fal.newClient(); // or KlingClient.builder().apiKey("test")
 *                                           //     .queueUrl(fal.queueUrl()).restUrl(fal.restUrl()).apiUrl(fal.apiUrl())
 *     fal.script().forEndpoint("fal-ai/kling-video/o3/pro/text-to-video").queuePositions(3);
 *     ... run your code ...
 *     assertThat(fal.jobsCreated()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Jobs go IN_QUEUE (positions counting down) → IN_PROGRESS (with logs) → COMPLETED (with metrics), on
 * a timer (10 ms and 30 ms unless scripted: {@link #script()}). Each input is checked against kling4j's
 * endpoint table; invalid input is reported, as fal does, by a 422 when the result is fetched. The result
 * is {@code {"video":{url, content_type, file_name, file_size}}} pointing at a real, playable MP4 (H.264 at
 * 24 fps, see {@link TestVideo}) of the billed duration and the tier's resolution, showing the request; it
 * is laid out when the job completes and rendered on its first download ({@link JobScript#output} serves a
 * file of your own instead). Requests need {@code Authorization: Key <anything>}
 * (or the key given to {@link Builder#apiKey(String)}), except file, upload-URL and JWKS requests.
 * Thread-safe. {@link #close()} stops the server and all its threads and deletes its files.
 */
public final class FalEmulator implements AutoCloseable {
    private final Engine engine;

    private FalEmulator(Engine engine) {
        this.engine = engine;
    }

    /**
     * Starts an emulator with the defaults: random port, any key, results kept 1 hour.
     *
     * @return the running emulator; close it
     */
    public static FalEmulator start() {
        return builder().start();
    }

    /**
     * A builder for an emulator with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL of fal's queue on this emulator, to use where {@code https://queue.fal.run} would be.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public String queueUrl() {
        return engine.baseUrl;
    }

    /**
     * The base URL of fal's REST API (storage) on this emulator, to use where {@code https://rest.fal.ai} would be.
     *
     * @return e.g. {@code http://127.0.0.1:41234/rest}
     */
    public String restUrl() {
        return engine.baseUrl + "/rest";
    }

    /**
     * The base URL of fal's platform API on this emulator, to use where {@code https://api.fal.ai/v1} would be.
     *
     * @return e.g. {@code http://127.0.0.1:41234/api/v1}
     */
    public String apiUrl() {
        return engine.baseUrl + "/api/v1";
    }

    /**
     * A {@link KlingClient} builder already pointed at this emulator (queue, REST and platform URLs, and a
     * key it accepts), to finish with your own settings.
     *
     * @return the builder
     */
    public KlingClient.Builder clientBuilder() {
        return KlingClient.builder()
                .apiKey(engine.acceptedKey())
                .queueUrl(queueUrl())
                .restUrl(restUrl())
                .apiUrl(apiUrl());
    }

    /**
     * A {@link KlingClient} pointed at this emulator, with kling4j's defaults; close it.
     *
     * @return the client
     */
    public KlingClient newClient() {
        return clientBuilder().build();
    }

    /**
     * The URL of the JWKS that verifies this emulator's webhook signatures.
     *
     * @return e.g. {@code http://127.0.0.1:41234/.well-known/jwks.json}
     */
    public String jwksUrl() {
        return engine.baseUrl + "/.well-known/jwks.json";
    }

    /**
     * The loopback port the emulator listens on.
     *
     * @return the port
     */
    public int port() {
        return engine.port();
    }

    /**
     * The job scripts: queue and run times, queue positions, outcomes, SSE misbehaviour.
     *
     * @return the emulator's scripts
     */
    public Script script() {
        return engine.script;
    }

    /**
     * The queue of HTTP faults applied to the next matching requests.
     *
     * @return the emulator's faults
     */
    public Faults faults() {
        return engine.faults;
    }

    /**
     * The webhook signing keys; {@link WebhookKeys#rotate()} adds a key and signs with it.
     *
     * @return the keys
     */
    public WebhookKeys webhookKeys() {
        return engine.webhookKeys;
    }

    /**
     * Every request received since start (or the last {@link #reset()}), in arrival order.
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests() {
        return engine.recorded();
    }

    /**
     * The recorded requests that match a condition.
     *
     * @param filter e.g. {@code r -> r.method().equals("POST")}
     * @return an immutable snapshot, in arrival order
     */
    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return engine.recorded().stream().filter(filter).collect(Collectors.toUnmodifiableList());
    }

    /**
     * How many jobs submits created since start or the last {@link #reset()}, including those whose answer a
     * fault dropped.
     *
     * @return the count
     */
    public int jobsCreated() {
        return engine.queue.jobsCreated.get();
    }

    /**
     * The number of SSE status streams open now.
     *
     * @return the count
     */
    public int openStatusStreams() {
        return engine.queue.openStreams();
    }

    /**
     * Waits until at least {@code count} SSE status streams are open.
     *
     * @param count the number to wait for
     * @param timeout the longest wait
     * @return true when reached, false on timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitOpenStatusStreams(int count, Duration timeout) throws InterruptedException {
        return engine.queue.awaitOpenStreams(count, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Lets a job held by {@link JobScript#holdInQueue()} continue through its queue and run times.
     *
     * @param requestId the job's request id
     * @return true when the job was held and is now released
     */
    public boolean release(String requestId) {
        return engine.queue.release(Objects.requireNonNull(requestId, "requestId"));
    }

    /**
     * Waits until a job is COMPLETED (done, failed or cancelled), without polling.
     *
     * @param requestId the job's request id
     * @param timeout the longest wait
     * @return true when completed, false on timeout
     * @throws IllegalArgumentException when no job has that id
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitCompleted(String requestId, Duration timeout) throws InterruptedException {
        return engine.queue.awaitCompleted(
                Objects.requireNonNull(requestId, "requestId"), Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * When a job was marked COMPLETED, as a {@link System#nanoTime()} reading taken before any status event
     * or webhook went out: subtract it from a {@code System.nanoTime()} taken in the same JVM to measure how
     * long a client took to learn that the job ended (kling-benchmarks' completion latency).
     *
     * @param requestId the job's request id
     * @return the reading, or empty while the job has not completed
     * @throws IllegalArgumentException when no job has that id
     */
    public OptionalLong completedNanoTime(String requestId) {
        return engine.queue.completedNanoTime(Objects.requireNonNull(requestId, "requestId"));
    }

    /**
     * Releases every held job.
     *
     * @return how many were released
     */
    public int releaseAll() {
        return engine.queue.releaseAll();
    }

    /**
     * Sets the unit price that the platform pricing API ({@code GET {apiUrl}/models/pricing?endpoint_id=…})
     * answers for an endpoint; endpoints without a price are left out of its answer. The emulator holds no
     * price table of its own: prices change, and tests should state the ones they rely on.
     *
     * @param endpointId one of the catalog's endpoint ids
     * @param usdPerSecond the price per second of output, in USD
     * @return this
     * @throws IllegalArgumentException when the endpoint is not in kling4j's catalog or the price is negative
     */
    public FalEmulator unitPrice(String endpointId, BigDecimal usdPerSecond) {
        if (engine.catalog.endpoints().stream().noneMatch(e -> e.endpointId().equals(endpointId))) {
            throw new IllegalArgumentException("unknown endpoint id " + endpointId + ": use one of the catalog's, "
                    + "e.g. fal-ai/kling-video/o3/pro/image-to-video");
        }
        if (usdPerSecond.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative, was " + usdPerSecond);
        }
        engine.prices.put(endpointId, usdPerSecond);
        return this;
    }

    /**
     * Forgets recorded requests, scripts and queued faults, and counts {@link #jobsCreated()} from zero again;
     * jobs and files stay.
     */
    public void reset() {
        engine.reset();
    }

    /** Stops the server, closes open streams, stops every thread and deletes the emulator's own files. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "FalEmulator{" + engine.baseUrl + "}";
    }

    /** Settings of an emulator; {@link #start()} starts one. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private Duration retention = Duration.ofHours(1);
        private String apiKey;
        private String userId = "emulator-user";
        private Path storageDir;

        private Builder() {}

        /**
         * The loopback port; 0 (the default) picks a free one.
         *
         * @param port 0–65535
         * @return this
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The clock for timestamps and result retention (tests pass a clock they can move forward).
         * Queue and run times still run on real time. Default: the system clock.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a completed job's result can be fetched; later it answers 410. Default: 1 hour (fal keeps
         * results of 10 KB or more only 6 minutes; the emulator's results are small).
         *
         * @param retention a positive duration
         * @return this
         */
        public Builder retention(Duration retention) {
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * The only key accepted in {@code Authorization: Key …}. Default: any non-empty key.
         *
         * @param key the expected key
         * @return this
         */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = key;
            return this;
        }

        /**
         * The user id in webhook signatures ({@code X-Fal-Webhook-User-Id}). Default {@code emulator-user}.
         *
         * @param userId the id
         * @return this
         */
        public Builder userId(String userId) {
            this.userId = Objects.requireNonNull(userId, "userId");
            return this;
        }

        /**
         * Where uploads and outputs are written. Default: a new temporary directory, deleted on close
         * (a directory given here is left in place).
         *
         * @param dir an existing directory
         * @return this
         */
        public Builder storageDir(Path dir) {
            this.storageDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @return the running emulator; close it
         * @throws UncheckedIOException when the port cannot be bound or the directory created
         */
        public FalEmulator start() {
            try {
                return new FalEmulator(new Engine(port, clock, retention, apiKey, userId, storageDir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fal emulator on port " + port, e);
            }
        }
    }
}
