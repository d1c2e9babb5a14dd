package dev.kling4j.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a webhook handler at most once per fal request id, because fal delivers again until it gets a
 * 2xx answer: up to 10 times over 2 hours.
 *
 * <p>{@link #handleOnce(String, Runnable)} claims the id in a {@link DeliveryStore}, runs the handler,
 * and records the id as handled for the window (24 hours by default, well past fal's 2 hours of
 * retries). When the handler throws, the claim is released, so fal's next delivery runs it again. A
 * delivery that arrives while the first is still running is told {@link Outcome#IN_PROGRESS}: answer it
 * with a non-2xx status (503) so that fal comes back, in case the first attempt fails. Thread-safe.
 *
 * <pre>{@code
 * DeliveryDeduplicator dedup = DeliveryDeduplicator.create();
 * WebhookEvent event = verifier.verifyAndParse(body, headers);
 * Outcome outcome = dedup.handleOnce(event, e -> store.save(e.requestId(), e.payloadJson().orElse("null")));
 * int status = outcome == Outcome.IN_PROGRESS ? 503 : 200;
 * }</pre>
 */
public final class DeliveryDeduplicator {
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    private static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** What {@link #handleOnce} did. */
    public enum Outcome {
        /** The handler ran and returned normally; answer 200. */
        HANDLED,
        /** The id was handled before; the handler did not run. Answer 200 so that fal stops delivering. */
        DUPLICATE,
        /** Another thread or process is handling the id right now; the handler did not run. Answer 503. */
        IN_PROGRESS
    }

    private final DeliveryStore store;
    private final Duration window;
    private final Clock clock;

    private DeliveryDeduplicator(Builder b) {
        this.store = b.store != null ? b.store : DeliveryStore.inMemory(b.maxEntries);
        this.window = b.window;
        this.clock = b.clock;
    }

    /**
     * A deduplicator with the defaults: in memory, at most 100,000 ids, each remembered 24 hours.
     *
     * @return the deduplicator
     */
    public static DeliveryDeduplicator create() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults of {@link #create()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code handler} with the event unless its request id was handled or is being handled.
     *
     * @param event a verified delivery
     * @param handler what to do with it; when it throws, the exception propagates and the id is released
     * @return what happened
     */
    public Outcome handleOnce(WebhookEvent event, Consumer<WebhookEvent> handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        return handleOnce(event.requestId(), () -> handler.accept(event));
    }

    /**
     * Runs {@code handler} unless {@code requestId} was handled or is being handled.
     *
     * @param requestId fal's request id
     * @param handler what to do; when it throws, the exception propagates and the id is released
     * @return what happened
     */
    public Outcome handleOnce(String requestId, Runnable handler) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(handler, "handler");
        Instant now = clock.instant();
        switch (store.claim(requestId, now, now.plus(window))) {
            case HANDLED:
                return Outcome.DUPLICATE;
            case IN_PROGRESS:
                return Outcome.IN_PROGRESS;
            case CLAIMED:
                break;
            default:
                throw new IllegalStateException("unknown claim state");
        }
        try {
            handler.run();
        } catch (RuntimeException | Error e) {
            store.release(requestId);
            throw e;
        }
        store.markHandled(requestId, clock.instant().plus(window));
        return Outcome.HANDLED;
    }

    /**
     * Builds a {@link DeliveryDeduplicator}. Not thread-safe.
     */
    public static final class Builder {
        private DeliveryStore store;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration window = DEFAULT_WINDOW;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Where ids are remembered, e.g. a store shared by several processes. Default an in-memory store
         * of {@link #maxEntries(int)} ids.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(DeliveryStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How many ids the default in-memory store remembers; past that it forgets the oldest. Default
         * 100,000. Ignored with {@link #store(DeliveryStore)}.
         *
         * @param maxEntries at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * How long a handled id is remembered. Default 24 hours; keep it above fal's 2 hours of retries.
         *
         * @param window a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder window(Duration window) {
            this.window = WebhookVerifier.Builder.positive(window, "window");
            return this;
        }

        /**
         * The clock windows are measured with. Default {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the deduplicator.
         *
         * @return the deduplicator
         */
        public DeliveryDeduplicator build() {
            return new DeliveryDeduplicator(this);
        }
    }
}
