package dev.kling4j.core.webhook;

import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The keys of a {@link JwksSource}, cached for a time to live, fetched again when no cached key verified.
 *
 * <p>Thread-safe: readers see an immutable snapshot; fetches happen under one lock, so concurrent
 * deliveries cause one fetch, not one each. Fetches forced by a signature that no key verifies, and
 * retries after a failed fetch, wait for the cool-down since the last one: a stream of forged
 * deliveries cannot turn into a stream of requests to the key server.
 */
final class KeyCache {
    /** The keys and when they were fetched. */
    record Snapshot(List<PublicKey> keys, Instant fetchedAt) {}

    private final JwksSource source;
    private final Duration ttl;
    private final Duration cooldown;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Snapshot snapshot;
    private Instant failedAt;
    private RuntimeException failure;

    KeyCache(JwksSource source, Duration ttl, Duration cooldown, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** The cached keys, fetched first when there are none or they are older than the time to live. */
    Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && fresh(s, clock.instant())) {
            return s;
        }
        synchronized (lock) {
            Instant now = clock.instant();
            s = snapshot;
            if (s != null && fresh(s, now)) {
                return s;
            }
            return fetch(now);
        }
    }

    /**
     * Keys to try after none of {@code tried} verified: a newer snapshot another thread already fetched,
     * else a fresh fetch, unless {@code tried} is younger than the cool-down.
     *
     * @return the keys to try, or null when there is nothing new to try
     */
    Snapshot refreshAfterMiss(Snapshot tried) {
        synchronized (lock) {
            Snapshot s = snapshot;
            if (s != tried) {
                return s;
            }
            Instant now = clock.instant();
            if (now.isBefore(tried.fetchedAt().plus(cooldown))) {
                return null;
            }
            return fetch(now);
        }
    }

    private boolean fresh(Snapshot s, Instant now) {
        return now.isBefore(s.fetchedAt().plus(ttl));
    }

    // Called with the lock held.
    private Snapshot fetch(Instant now) {
        if (failedAt != null && now.isBefore(failedAt.plus(cooldown))) {
            throw unavailable(failure);
        }
        List<PublicKey> keys;
        try {
            keys = source.fetch();
            if (keys == null) {
                throw new IllegalStateException(source + " returned null instead of a key list");
            }
            keys = List.copyOf(keys);
        } catch (WebhookVerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            failedAt = now;
            failure = e;
            throw unavailable(e);
        }
        failedAt = null;
        failure = null;
        Snapshot s = new Snapshot(keys, now);
        snapshot = s;
        return s;
    }

    private WebhookVerificationException unavailable(RuntimeException cause) {
        return new WebhookVerificationException(
                Reason.JWKS_UNAVAILABLE,
                null,
                "could not fetch the webhook keys (" + cause.getMessage() + "); answer 503 so fal delivers again later",
                null,
                cause);
    }
}
