package dev.kling4j.core.job;

import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.media.TransferListener;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.queue.SubmitOptions;
import dev.kling4j.core.queue.WaitOptions;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call options of a generation, kept apart from the model's inputs: the budget, the price table, the
 * submit options (webhook, priority, …), the wait options (whole-job deadline, callbacks) and upload
 * progress. Immutable; {@link #defaults()} has no budget, the standard price table and fal's defaults.
 *
 * <pre>{@code
 * GenerateOptions options = GenerateOptions.builder()
 *         .maxCost(new BigDecimal("3.00"))
 *         .waitOptions(WaitOptions.builder()
 *                 .deadline(Duration.ofMinutes(20))
 *                 .onEnqueued(ref -> journal.save(ref.requestId()))
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class GenerateOptions {
    private static final GenerateOptions DEFAULTS = builder().build();

    private final BigDecimal maxCost;
    private final boolean allowUnknownCost;
    private final PriceTable prices;
    private final SubmitOptions submitOptions;
    private final WaitOptions waitOptions;
    private final TransferListener uploadListener;
    private final RequestJournal journal;

    private GenerateOptions(Builder b) {
        this.maxCost = b.maxCost;
        this.allowUnknownCost = b.allowUnknownCost;
        this.prices = b.prices;
        this.submitOptions = b.submitOptions;
        this.waitOptions = b.waitOptions;
        this.uploadListener = b.uploadListener;
        this.journal = b.journal;
    }

    /**
     * The defaults: no budget, the standard price table, default submit and wait options.
     *
     * @return the defaults
     */
    public static GenerateOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
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
        b.maxCost = maxCost;
        b.allowUnknownCost = allowUnknownCost;
        b.prices = prices;
        b.submitOptions = submitOptions;
        b.waitOptions = waitOptions;
        b.uploadListener = uploadListener;
        b.journal = journal;
        return b;
    }

    /**
     * The most the generation may cost; a larger estimate is refused before anything is uploaded.
     *
     * @return the budget, or empty for none
     */
    public Optional<BigDecimal> maxCost() {
        return Optional.ofNullable(maxCost);
    }

    /**
     * Whether a budget lets through a request whose cost cannot be estimated (default false).
     *
     * @return true when unknown estimates pass the budget
     */
    public boolean allowUnknownCost() {
        return allowUnknownCost;
    }

    /**
     * The price table estimates are made with, when one was set; otherwise the client's
     * ({@link dev.kling4j.core.KlingClient#prices()}: fal's live prices with a key, else the shipped table).
     *
     * @return the table, or empty to use the client's
     */
    public java.util.Optional<PriceTable> prices() {
        return java.util.Optional.ofNullable(prices);
    }

    /**
     * Options of the submit: webhook, priority, start timeout, runner hint, no-retry, media expiry.
     *
     * @return the submit options
     */
    public SubmitOptions submitOptions() {
        return submitOptions;
    }

    /**
     * Options of the wait: whole-job deadline, logs, {@code onEnqueued} and {@code onStatus} callbacks.
     *
     * @return the wait options
     */
    public WaitOptions waitOptions() {
        return waitOptions;
    }

    /**
     * Receives upload progress of local media.
     *
     * @return the listener, {@link TransferListener#NONE} by default
     */
    public TransferListener uploadListener() {
        return uploadListener;
    }

    /**
     * Where request ids are recorded the moment fal returns them, and their outcome when the wait ends.
     *
     * @return the journal, or empty for none
     */
    public Optional<RequestJournal> journal() {
        return Optional.ofNullable(journal);
    }

    @Override
    public String toString() {
        return "GenerateOptions{maxCost=" + maxCost + ", allowUnknownCost=" + allowUnknownCost
                + ", submit=" + submitOptions + ", wait=" + waitOptions + "}";
    }

    /** Builds {@link GenerateOptions}. */
    public static final class Builder {
        private BigDecimal maxCost;
        private boolean allowUnknownCost;
        private PriceTable prices;
        private SubmitOptions submitOptions = SubmitOptions.defaults();
        private WaitOptions waitOptions = WaitOptions.defaults();
        private TransferListener uploadListener = TransferListener.NONE;
        private RequestJournal journal;

        private Builder() {}

        /**
         * Records each request id in a journal the moment fal returns it (state OPEN, with the estimate), and
         * the outcome when a {@code generate} ends (DONE, FAILED or CANCELLED; left OPEN when the outcome is
         * unknown, e.g. the connection broke). After a crash, {@code model.attach(client, id, …)} resumes it.
         * A journal that cannot be written never fails the job: the id is then logged at WARN.
         *
         * @param journal e.g. {@code FileRequestJournal.in(Path.of(".kling/jobs"))}
         * @return this builder
         */
        public Builder journal(RequestJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Sets a budget: an estimate above it is refused before anything is uploaded or submitted.
         *
         * @param maxCost the most to spend, in the price table's currency (USD)
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxCost(BigDecimal maxCost) {
            Objects.requireNonNull(maxCost, "maxCost");
            if (maxCost.signum() < 0) {
                throw new IllegalArgumentException("maxCost must not be negative: " + maxCost);
            }
            this.maxCost = maxCost;
            return this;
        }

        /**
         * Lets a request whose cost cannot be estimated pass the budget (by default it is refused).
         *
         * @param allow true to let it through
         * @return this builder
         */
        public Builder allowUnknownCost(boolean allow) {
            this.allowUnknownCost = allow;
            return this;
        }

        /**
         * Estimates with this price table (yours, or a refreshed one) instead of the client's.
         *
         * @param prices the table
         * @return this builder
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Sets the submit options.
         *
         * @param submitOptions webhook, priority, start timeout, …
         * @return this builder
         */
        public Builder submitOptions(SubmitOptions submitOptions) {
            this.submitOptions = Objects.requireNonNull(submitOptions, "submitOptions");
            return this;
        }

        /**
         * Sets the wait options.
         *
         * @param waitOptions deadline, logs, callbacks
         * @return this builder
         */
        public Builder waitOptions(WaitOptions waitOptions) {
            this.waitOptions = Objects.requireNonNull(waitOptions, "waitOptions");
            return this;
        }

        /**
         * Receives upload progress of local media.
         *
         * @param listener the listener; called from upload threads
         * @return this builder
         */
        public Builder uploadListener(TransferListener listener) {
            this.uploadListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public GenerateOptions build() {
            return new GenerateOptions(this);
        }
    }
}
