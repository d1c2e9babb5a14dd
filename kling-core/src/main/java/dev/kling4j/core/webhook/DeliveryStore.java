package dev.kling4j.core.webhook;

import java.time.Instant;

/**
 * Remembers which webhook deliveries {@link DeliveryDeduplicator} has seen, by request id.
 *
 * <p>The default, {@link #inMemory(int)}, suits one process. Several processes behind a load balancer
 * need a shared store; with Redis, for example: {@code claim} is {@code SET id in-progress NX PXAT
 * expiresAt}, {@code markHandled} is {@code SET id handled PXAT expiresAt}, {@code release} is
 * {@code DEL id}. Implementations must be thread-safe and {@code claim} atomic.
 */
public interface DeliveryStore {

    /** What {@link #claim} found. */
    enum Claim {
        /** The id was unknown (or its entry expired) and is now recorded as in progress by the caller. */
        CLAIMED,
        /** Another caller claimed the id and has not finished. */
        IN_PROGRESS,
        /** The id was handled already. */
        HANDLED
    }

    /**
     * Atomically records {@code requestId} as in progress, unless a live entry exists.
     *
     * @param requestId fal's request id
     * @param now the current time; entries whose expiry is not after it count as absent
     * @param expiresAt when the new entry may be forgotten
     * @return {@link Claim#CLAIMED} when recorded now, else the state of the live entry
     */
    Claim claim(String requestId, Instant now, Instant expiresAt);

    /**
     * Records that the claimed {@code requestId} was handled.
     *
     * @param requestId fal's request id
     * @param expiresAt when the entry may be forgotten
     */
    void markHandled(String requestId, Instant expiresAt);

    /**
     * Forgets a claim whose handler failed, so that fal's next delivery runs it again.
     *
     * @param requestId fal's request id
     */
    void release(String requestId);

    /**
     * A store in this process's memory, holding at most {@code maxEntries} ids; past that it forgets
     * the oldest first. Thread-safe.
     *
     * @param maxEntries the most ids remembered, at least 1
     * @return the store
     * @throws IllegalArgumentException when {@code maxEntries} is less than 1
     */
    static DeliveryStore inMemory(int maxEntries) {
        return new InMemoryDeliveryStore(maxEntries);
    }
}
