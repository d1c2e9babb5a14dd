package dev.kling4j.core;

import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.media.TransferListener;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.LogEntry;
import dev.kling4j.core.queue.RequestRef;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The options of one call: how long to wait and what to do then, what to tell fal with the submit, the
 * budget, where to journal the request, which prices to estimate with, and whom to tell of its progress.
 * Kept apart from the model's input (the request), as one immutable value; every operation of
 * {@link KlingClient} and of the queue takes it.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *         .deadline(Duration.ofMinutes(20))                    // the whole job; default 30 minutes
 *         .maxCost(new BigDecimal("2.00"))                      // refused before anything is sent when above
 *         .journal(FileRequestJournal.in(Path.of(".kling/jobs")))
 *         .onEnqueued(ref -> log.info("fal has {}", ref.requestId()))
 *         .onStatus(s -> log.info("{} {}", s.status(), s.queuePosition()))
 *         .build();
 * VideoResult result = client.generate(TextToVideo.PRO, request, options);
 * }</pre>
 *
 * <p><b>Deadline.</b> Every wait has one: {@value #DEFAULT_DEADLINE_MINUTES} minutes unless you set another,
 * so nothing waits forever. When it passes, the wait fails with a
 * {@link dev.kling4j.core.error.DeadlineExceededException} and, by default, the job is cancelled at fal
 * ({@link DeadlineAction#CANCEL}); {@link DeadlineAction#LEAVE_RUNNING} stops waiting and leaves the job to
 * finish, so that it can be attached to again.
 *
 * <p>Listeners run on kling4j's threads: keep them short. {@code onEnqueued} runs the moment fal returns the
 * request id, before anything else: persist the id there if you keep no journal.
 */
public final class RequestOptions {
    /** The default deadline, in minutes. */
    public static final int DEFAULT_DEADLINE_MINUTES = 30;
    /** The default deadline of a wait: {@value #DEFAULT_DEADLINE_MINUTES} minutes. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(DEFAULT_DEADLINE_MINUTES);

    private static final RequestOptions DEFAULTS = builder().build();

    private final Duration deadline;
    private final DeadlineAction onDeadline;
    private final boolean logs;
    private final String webhookUrl;
    private final Priority priority;
    private final Duration startTimeout;
    private final Integer maxQueueLength;
    private final String runnerHint;
    private final boolean noRetry;
    private final Duration mediaExpiry;
    private final BigDecimal maxCost;
    private final boolean allowUnknownCost;
    private final RequestJournal journal;
    private final PriceTable prices;
    private final Consumer<RequestRef> onEnqueued;
    private final Consumer<JobStatus> onStatus;
    private final Consumer<LogEntry> onLog;
    private final TransferListener onTransfer;

    private RequestOptions(Builder b) {
        this.deadline = b.deadline;
        this.onDeadline = b.onDeadline;
        this.logs = b.logs;
        this.webhookUrl = b.webhookUrl;
        this.priority = b.priority;
        this.startTimeout = b.startTimeout;
        this.maxQueueLength = b.maxQueueLength;
        this.runnerHint = b.runnerHint;
        this.noRetry = b.noRetry;
        this.mediaExpiry = b.mediaExpiry;
        this.maxCost = b.maxCost;
        this.allowUnknownCost = b.allowUnknownCost;
        this.journal = b.journal;
        this.prices = b.prices;
        this.onEnqueued = b.onEnqueued;
        this.onStatus = b.onStatus;
        this.onLog = b.onLog;
        this.onTransfer = b.onTransfer;
    }

    /**
     * The defaults: a {@value #DEFAULT_DEADLINE_MINUTES}-minute deadline that cancels the job, no webhook, no
     * budget, no journal, the client's prices, no listeners.
     *
     * @return the shared default options
     */
    public static RequestOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts options from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to change some of them.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.deadline = deadline;
        b.onDeadline = onDeadline;
        b.logs = logs;
        b.webhookUrl = webhookUrl;
        b.priority = priority;
        b.startTimeout = startTimeout;
        b.maxQueueLength = maxQueueLength;
        b.runnerHint = runnerHint;
        b.noRetry = noRetry;
        b.mediaExpiry = mediaExpiry;
        b.maxCost = maxCost;
        b.allowUnknownCost = allowUnknownCost;
        b.journal = journal;
        b.prices = prices;
        b.onEnqueued = onEnqueued;
        b.onStatus = onStatus;
        b.onLog = onLog;
        b.onTransfer = onTransfer;
        return b;
    }

    /**
     * How long the whole job may take, from the submit (or the attach) to its result.
     *
     * @return the deadline; {@link #DEFAULT_DEADLINE} unless set
     */
    public Duration deadline() {
        return deadline;
    }

    /**
     * What happens to the job at fal when the deadline passes.
     *
     * @return {@link DeadlineAction#CANCEL} unless set
     */
    public DeadlineAction onDeadline() {
        return onDeadline;
    }

    /**
     * Whether the model's logs are asked for while waiting ({@code ?logs=1}).
     *
     * @return false unless set
     */
    public boolean logs() {
        return logs;
    }

    /**
     * Where fal POSTs the result ({@code fal_webhook}).
     *
     * @return the URL, or empty
     */
    public Optional<String> webhookUrl() {
        return Optional.ofNullable(webhookUrl);
    }

    /**
     * The queue priority ({@code X-Fal-Queue-Priority}).
     *
     * @return the priority, or empty for fal's default
     */
    public Optional<Priority> priority() {
        return Optional.ofNullable(priority);
    }

    /**
     * fal's server-side deadline to start the job ({@code X-Fal-Request-Timeout}).
     *
     * @return the timeout, or empty
     */
    public Optional<Duration> startTimeout() {
        return Optional.ofNullable(startTimeout);
    }

    /**
     * The longest queue the submit accepts ({@code fal_max_queue_length}; fal answers 429 beyond it).
     *
     * @return the length, or empty
     */
    public OptionalInt maxQueueLength() {
        return maxQueueLength == null ? OptionalInt.empty() : OptionalInt.of(maxQueueLength);
    }

    /**
     * A hint for fal's runner choice ({@code X-Fal-Runner-Hint}).
     *
     * @return the hint, or empty
     */
    public Optional<String> runnerHint() {
        return Optional.ofNullable(runnerHint);
    }

    /**
     * Whether fal is asked not to retry the job on its side ({@code X-Fal-No-Retry: 1}).
     *
     * @return false unless set
     */
    public boolean noRetry() {
        return noRetry;
    }

    /**
     * How long fal keeps the generated media ({@code X-Fal-Object-Lifecycle-Preference}).
     *
     * @return the duration, or empty for fal's default
     */
    public Optional<Duration> mediaExpiry() {
        return Optional.ofNullable(mediaExpiry);
    }

    /**
     * The most this request may cost; a higher estimate is refused before anything is uploaded or sent.
     *
     * @return the cap, or empty for none
     */
    public Optional<BigDecimal> maxCost() {
        return Optional.ofNullable(maxCost);
    }

    /**
     * Whether an estimate that is unknown passes {@link #maxCost()} (by default it is refused, since the cap
     * cannot be shown to hold).
     *
     * @return false unless set
     */
    public boolean allowUnknownCost() {
        return allowUnknownCost;
    }

    /**
     * The journal the request is recorded in (the moment fal returns its id, then its outcome), in place
     * of the client's.
     *
     * @return the journal, or empty to use the client's
     */
    public Optional<RequestJournal> journal() {
        return Optional.ofNullable(journal);
    }

    /**
     * The prices to estimate with, in place of the client's ({@link KlingClient#prices()}).
     *
     * @return the table, or empty to use the client's
     */
    public Optional<PriceTable> prices() {
        return Optional.ofNullable(prices);
    }

    /**
     * Told the moment fal returns the request id.
     *
     * @return the listener; does nothing unless set
     */
    public Consumer<RequestRef> onEnqueued() {
        return onEnqueued;
    }

    /**
     * Told of every status while waiting (queue position, IN_PROGRESS, COMPLETED).
     *
     * @return the listener; does nothing unless set
     */
    public Consumer<JobStatus> onStatus() {
        return onStatus;
    }

    /**
     * Told of each new log line of the model while waiting (only with {@link #logs()}).
     *
     * @return the listener; does nothing unless set
     */
    public Consumer<LogEntry> onLog() {
        return onLog;
    }

    /**
     * Told of upload progress (and of download progress, by {@code VideoResult.downloadTo}).
     *
     * @return the listener; {@link TransferListener#NONE} unless set
     */
    public TransferListener onTransfer() {
        return onTransfer;
    }

    @Override
    public String toString() {
        return "RequestOptions{deadline=" + deadline + " (" + onDeadline + ")"
                + (webhookUrl == null ? "" : ", webhook")
                + (priority == null ? "" : ", priority=" + priority)
                + (startTimeout == null ? "" : ", startTimeout=" + startTimeout)
                + (maxQueueLength == null ? "" : ", maxQueueLength=" + maxQueueLength)
                + (runnerHint == null ? "" : ", runnerHint=" + runnerHint)
                + (noRetry ? ", noRetry" : "")
                + (mediaExpiry == null ? "" : ", mediaExpiry=" + mediaExpiry)
                + (maxCost == null
                        ? ""
                        : ", maxCost=" + maxCost.toPlainString() + (allowUnknownCost ? " (unknown allowed)" : ""))
                + (journal == null ? "" : ", journal=" + journal)
                + (prices == null ? "" : ", own prices")
                + (logs ? ", logs" : "") + "}";
    }

    /** What a passed deadline does to the job at fal. */
    public enum DeadlineAction {
        /** Cancel the job at fal (a queued job never runs; a running one is signalled). */
        CANCEL,
        /** Stop waiting and leave the job running, to attach to it later. */
        LEAVE_RUNNING
    }

    /** fal's queue priority. */
    public enum Priority {
        /** The default priority. */
        NORMAL,
        /** Behind the normal-priority jobs of the same account. */
        LOW;

        /**
         * The value sent in {@code X-Fal-Queue-Priority}.
         *
         * @return {@code normal} or {@code low}
         */
        public String wireValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Builds {@link RequestOptions}; every setting starts at its default. */
    public static final class Builder {
        private Duration deadline = DEFAULT_DEADLINE;
        private DeadlineAction onDeadline = DeadlineAction.CANCEL;
        private boolean logs;
        private String webhookUrl;
        private Priority priority;
        private Duration startTimeout;
        private Integer maxQueueLength;
        private String runnerHint;
        private boolean noRetry;
        private Duration mediaExpiry;
        private BigDecimal maxCost;
        private boolean allowUnknownCost;
        private RequestJournal journal;
        private PriceTable prices;
        private Consumer<RequestRef> onEnqueued = r -> {};
        private Consumer<JobStatus> onStatus = s -> {};
        private Consumer<LogEntry> onLog = l -> {};
        private TransferListener onTransfer = TransferListener.NONE;

        private Builder() {}

        /**
         * How long the whole job may take.
         *
         * @param deadline positive; default {@value RequestOptions#DEFAULT_DEADLINE_MINUTES} minutes
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * What a passed deadline does to the job at fal.
         *
         * @param action default {@link DeadlineAction#CANCEL}
         * @return this builder
         */
        public Builder onDeadline(DeadlineAction action) {
            this.onDeadline = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * Asks for the model's logs while waiting.
         *
         * @param logs true for logs; default false
         * @return this builder
         */
        public Builder logs(boolean logs) {
            this.logs = logs;
            return this;
        }

        /**
         * Has fal POST the result to a URL when the job ends ({@code fal_webhook}).
         *
         * @param url an absolute http(s) URL
         * @return this builder
         * @throws IllegalArgumentException when the URL is not http(s)
         */
        public Builder webhookUrl(String url) {
            Objects.requireNonNull(url, "url");
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhookUrl is not a URL: " + url, e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("webhookUrl is not an http(s) URL: " + url);
            }
            this.webhookUrl = url;
            return this;
        }

        /**
         * Sets the queue priority.
         *
         * @param priority the priority
         * @return this builder
         */
        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        /**
         * Sets fal's deadline to start the job (fal answers 504 when it could not start in time).
         *
         * @param timeout more than 1 second (fal's clients refuse less)
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.getSeconds() <= 1) {
                throw new IllegalArgumentException("startTimeout must be more than 1 second, was " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Refuses the submit (fal answers 429) when fal's queue is longer.
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
         * Sends a runner hint.
         *
         * @param hint the hint
         * @return this builder
         */
        public Builder runnerHint(String hint) {
            this.runnerHint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /**
         * Asks fal not to retry the job on its side.
         *
         * @param noRetry true to send {@code X-Fal-No-Retry: 1}
         * @return this builder
         */
        public Builder noRetry(boolean noRetry) {
            this.noRetry = noRetry;
            return this;
        }

        /**
         * Sets how long fal keeps the generated media.
         *
         * @param expiry at least 1 second
         * @return this builder
         */
        public Builder mediaExpiry(Duration expiry) {
            Objects.requireNonNull(expiry, "expiry");
            if (expiry.getSeconds() < 1) {
                throw new IllegalArgumentException("mediaExpiry must be at least 1 second, was " + expiry);
            }
            this.mediaExpiry = expiry;
            return this;
        }

        /**
         * Refuses the request, before anything is uploaded or sent, when its estimate is above this.
         *
         * @param max the cap, in the estimate's currency (USD)
         * @return this builder
         */
        public Builder maxCost(BigDecimal max) {
            Objects.requireNonNull(max, "max");
            if (max.signum() < 0) {
                throw new IllegalArgumentException("maxCost cannot be negative: " + max.toPlainString());
            }
            this.maxCost = max;
            return this;
        }

        /**
         * Lets an unknown estimate pass {@link #maxCost}.
         *
         * @param allow true to allow; default false
         * @return this builder
         */
        public Builder allowUnknownCost(boolean allow) {
            this.allowUnknownCost = allow;
            return this;
        }

        /**
         * Records the request in this journal instead of the client's.
         *
         * @param journal the journal
         * @return this builder
         */
        public Builder journal(RequestJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Estimates with this price table instead of the client's.
         *
         * @param prices the table
         * @return this builder
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Tells a listener the moment fal returns the request id.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onEnqueued(Consumer<RequestRef> listener) {
            this.onEnqueued = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Tells a listener of every status while waiting.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onStatus(Consumer<JobStatus> listener) {
            this.onStatus = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Tells a listener of each new log line of the model (turns {@link #logs} on).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onLog(Consumer<LogEntry> listener) {
            this.onLog = Objects.requireNonNull(listener, "listener");
            this.logs = true;
            return this;
        }

        /**
         * Tells a listener of upload (and download) progress.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onTransfer(TransferListener listener) {
            this.onTransfer = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
