package dev.kling4j.core.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to wait for a job: the whole-job deadline, whether to fetch logs, and callbacks. Immutable; build with
 * {@link #builder()}. Stream and polling intervals are client settings ({@code KlingClient.Builder}).
 *
 * <p>Callbacks run on kling4j's HTTP threads: keep them short and never block in them.
 */
public final class WaitOptions {
    private static final WaitOptions DEFAULTS = builder().build();

    private final Duration deadline;
    private final boolean logs;
    private final Consumer<RequestRef> onEnqueued;
    private final Consumer<JobStatus> onStatus;

    private WaitOptions(Builder b) {
        this.deadline = b.deadline;
        this.logs = b.logs;
        this.onEnqueued = b.onEnqueued;
        this.onStatus = b.onStatus;
    }

    /**
     * No deadline, no logs, no callbacks.
     *
     * @return the default options
     */
    public static WaitOptions defaults() {
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
     * A builder holding these options, to change some of them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.deadline = deadline;
        b.logs = logs;
        b.onEnqueued = onEnqueued;
        b.onStatus = onStatus;
        return b;
    }

    /**
     * The whole-job deadline, counted from the start of the wait.
     *
     * @return the deadline, or empty for none
     */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * Whether status updates carry the job's logs.
     *
     * @return true to ask for logs
     */
    public boolean logs() {
        return logs;
    }

    /**
     * Called once with the request reference right after a submit is accepted ({@code subscribe} only).
     *
     * @return the callback
     */
    public Consumer<RequestRef> onEnqueued() {
        return onEnqueued;
    }

    /**
     * Called with every status update received (each stream event, each poll).
     *
     * @return the callback
     */
    public Consumer<JobStatus> onStatus() {
        return onStatus;
    }

    @Override
    public String toString() {
        return "WaitOptions{deadline=" + deadline + ", logs=" + logs + "}";
    }

    /** Builds {@link WaitOptions}. */
    public static final class Builder {
        private Duration deadline;
        private boolean logs;
        private Consumer<RequestRef> onEnqueued = r -> { };
        private Consumer<JobStatus> onStatus = s -> { };

        private Builder() {}

        /**
         * The whole-job deadline. When it passes, kling4j sends a cancel to fal and fails the wait with
         * {@link dev.kling4j.core.error.DeadlineExceededException}. Separate from per-attempt HTTP timeouts.
         *
         * @param deadline a positive duration
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * Asks for the job's logs in status updates (default false).
         *
         * @param logs true to ask
         * @return this builder
         */
        public Builder logs(boolean logs) {
            this.logs = logs;
            return this;
        }

        /**
         * Called with the request reference right after the submit; persist its request id to resume later.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder onEnqueued(Consumer<RequestRef> callback) {
            this.onEnqueued = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Called with every status update (queue position, logs).
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder onStatus(Consumer<JobStatus> callback) {
            this.onStatus = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public WaitOptions build() {
            return new WaitOptions(this);
        }
    }
}
