package dev.kling4j.core.queue;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-submit options, kept apart from the model input. Immutable; build with {@link #builder()}.
 * Each option maps to one query parameter or header of fal's submit.
 */
public final class SubmitOptions {
    private static final SubmitOptions DEFAULTS = builder().build();

    private final String webhookUrl;
    private final Priority priority;
    private final Duration startTimeout;
    private final String runnerHint;
    private final boolean noRetry;
    private final Duration mediaExpiry;
    private final Integer maxQueueLength;

    private SubmitOptions(Builder b) {
        this.webhookUrl = b.webhookUrl;
        this.priority = b.priority;
        this.startTimeout = b.startTimeout;
        this.runnerHint = b.runnerHint;
        this.noRetry = b.noRetry;
        this.mediaExpiry = b.mediaExpiry;
        this.maxQueueLength = b.maxQueueLength;
    }

    /**
     * No options: no webhook, normal priority, fal's defaults.
     *
     * @return the default options
     */
    public static SubmitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.webhookUrl = webhookUrl;
        b.priority = priority;
        b.startTimeout = startTimeout;
        b.runnerHint = runnerHint;
        b.noRetry = noRetry;
        b.mediaExpiry = mediaExpiry;
        b.maxQueueLength = maxQueueLength;
        return b;
    }

    /**
     * Where fal delivers the result ({@code fal_webhook} query parameter).
     *
     * @return the URL, or empty
     */
    public Optional<String> webhookUrl() {
        return Optional.ofNullable(webhookUrl);
    }

    /**
     * The queue priority ({@code X-Fal-Queue-Priority}).
     *
     * @return the priority, or empty for fal's default (normal)
     */
    public Optional<Priority> priority() {
        return Optional.ofNullable(priority);
    }

    /**
     * The server-side deadline for the job to <em>start</em> ({@code X-Fal-Request-Timeout}, whole seconds).
     *
     * @return the timeout, or empty
     */
    public Optional<Duration> startTimeout() {
        return Optional.ofNullable(startTimeout);
    }

    /**
     * The runner hint ({@code X-Fal-Runner-Hint}).
     *
     * @return the hint, or empty
     */
    public Optional<String> runnerHint() {
        return Optional.ofNullable(runnerHint);
    }

    /**
     * Whether fal's own server-side retries are turned off ({@code X-Fal-No-Retry: 1}).
     *
     * @return true when off
     */
    public boolean noRetry() {
        return noRetry;
    }

    /**
     * How long generated media lives ({@code X-Fal-Object-Lifecycle-Preference}).
     *
     * @return the expiry, or empty for fal's default
     */
    public Optional<Duration> mediaExpiry() {
        return Optional.ofNullable(mediaExpiry);
    }

    /**
     * The longest queue this submit accepts ({@code fal_max_queue_length}); fal answers 429 when the queue is
     * longer.
     *
     * @return the limit, or empty
     */
    public Optional<Integer> maxQueueLength() {
        return Optional.ofNullable(maxQueueLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubmitOptions s && Objects.equals(s.maxQueueLength, maxQueueLength) && Objects.equals(s.webhookUrl, webhookUrl) && s.priority == priority
                && Objects.equals(s.startTimeout, startTimeout) && Objects.equals(s.runnerHint, runnerHint)
                && s.noRetry == noRetry && Objects.equals(s.mediaExpiry, mediaExpiry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(webhookUrl, priority, startTimeout, runnerHint, noRetry, mediaExpiry, maxQueueLength);
    }

    @Override
    public String toString() {
        return "SubmitOptions{webhookUrl=" + webhookUrl + ", priority=" + priority + ", startTimeout=" + startTimeout
                + ", runnerHint=" + runnerHint + ", noRetry=" + noRetry + ", mediaExpiry=" + mediaExpiry + ", maxQueueLength=" + maxQueueLength + "}";
    }

    /** Queue priority of a request. */
    public enum Priority {
        /** The default. */
        NORMAL,
        /** Yields to normal requests. */
        LOW;

        /**
         * The header value.
         *
         * @return {@code normal} or {@code low}
         */
        public String wireValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Builds {@link SubmitOptions}. */
    public static final class Builder {
        private String webhookUrl;
        private Priority priority;
        private Duration startTimeout;
        private String runnerHint;
        private boolean noRetry;
        private Duration mediaExpiry;
        private Integer maxQueueLength;

        private Builder() {}

        /**
         * Refuses the submit (429) when fal's queue for the endpoint is longer than this.
         *
         * @param max at least 0
         * @return this builder
         */
        public Builder maxQueueLength(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxQueueLength must be >= 0, was " + max);
            }
            this.maxQueueLength = max;
            return this;
        }

        /**
         * Asks fal to POST the result to this URL when the job finishes.
         *
         * @param url an absolute http(s) URL
         * @return this builder
         */
        public Builder webhookUrl(String url) {
            if (okhttp3.HttpUrl.parse(Objects.requireNonNull(url, "url")) == null) {
                throw new IllegalArgumentException("webhookUrl is not an http(s) URL: " + url);
            }
            this.webhookUrl = url;
            return this;
        }

        /**
         * The queue priority.
         *
         * @param priority normal or low
         * @return this builder
         */
        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        /**
         * A server-side deadline for the job to start; on expiry fal answers 504 with
         * {@code X-Fal-Request-Timeout-Type: user}, which kling4j never retries. Sent in whole seconds.
         *
         * @param timeout more than 1 second
         * @return this builder
         * @throws IllegalArgumentException if 1 second or less
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.getSeconds() <= 1) {
                throw new IllegalArgumentException("startTimeout must be more than 1 second, was " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * A runner hint for fal's scheduler.
         *
         * @param hint the hint
         * @return this builder
         */
        public Builder runnerHint(String hint) {
            this.runnerHint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /**
         * Turns fal's own server-side retries of this request off.
         *
         * @param noRetry true to turn them off
         * @return this builder
         */
        public Builder noRetry(boolean noRetry) {
            this.noRetry = noRetry;
            return this;
        }

        /**
         * How long fal keeps the generated media; sent in whole seconds.
         *
         * @param expiry at least 1 second
         * @return this builder
         */
        public Builder mediaExpiry(Duration expiry) {
            if (expiry.getSeconds() < 1) {
                throw new IllegalArgumentException("mediaExpiry must be at least 1 second, was " + expiry);
            }
            this.mediaExpiry = expiry;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public SubmitOptions build() {
            return new SubmitOptions(this);
        }
    }
}
