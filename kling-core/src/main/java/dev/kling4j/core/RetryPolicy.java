package dev.kling4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how kling4j repeats a failed HTTP call. Immutable; build with {@link #builder()}.
 *
 * <p>Retried: connection failures and the statuses 408, 429, 502, 503 and 504, plus 500 for status and
 * result reads. Never retried: a 504 with {@code X-Fal-Request-Timeout-Type: user} (the start timeout the
 * caller asked for), any response with {@code X-Fal-Retryable: false}, and every other 4xx.
 *
 * <p>A <b>submit</b> starts a billed job and is retried only when fal cannot have accepted it: the
 * connection failed before the request was written, a 429, or a 502/503/504 without an
 * {@code x-fal-request-id} header (the ingress refused it). After a read timeout on a submit nothing is
 * resent and {@link dev.kling4j.core.error.SubmitOutcomeUnknownException} is thrown.
 *
 * <p>The wait before attempt {@code n+1} is {@code Retry-After} when fal sends it (seconds or an HTTP
 * date; a value above {@link #maxRetryAfter()} ends the retries), otherwise
 * {@code min(initialBackoff · 2^(n-1), maxBackoff)} with ±25 % jitter.
 *
 * <p>Defaults: 4 attempts in all, initial backoff 500 ms, maximum backoff 8 s, maximum Retry-After 60 s.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULT = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
    }

    /**
     * The default policy (4 attempts, 500 ms doubling to 8 s, Retry-After up to 60 s).
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULT;
    }

    /**
     * A policy that never retries.
     *
     * @return a policy with one attempt
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this policy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(initialBackoff)
                .maxBackoff(maxBackoff)
                .maxRetryAfter(maxRetryAfter);
    }

    /**
     * Attempts in all, including the first.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The backoff before the second attempt.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The cap on the exponential backoff.
     *
     * @return the maximum backoff
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The longest {@code Retry-After} honoured; a longer one ends the retries.
     *
     * @return the maximum Retry-After
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The backoff before attempt {@code attempt + 1}, without jitter.
     *
     * @param attempt the attempt that just failed, from 1
     * @return the backoff
     */
    public Duration backoff(int attempt) {
        long base = initialBackoff.toMillis();
        long millis = base << Math.min(attempt - 1, 30);
        if (millis < 0 || millis > maxBackoff.toMillis()) {
            millis = maxBackoff.toMillis();
        }
        return Duration.ofMillis(millis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p
                && p.maxAttempts == maxAttempts
                && p.initialBackoff.equals(initialBackoff)
                && p.maxBackoff.equals(maxBackoff)
                && p.maxRetryAfter.equals(maxRetryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "}";
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private Builder() {}

        /**
         * Attempts in all, including the first (default 4; 1 disables retries).
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The backoff before the second attempt (default 500 ms); it doubles per attempt.
         *
         * @param initialBackoff a positive duration
         * @return this builder
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * The cap on the backoff (default 8 s).
         *
         * @param maxBackoff a positive duration
         * @return this builder
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * The longest {@code Retry-After} honoured (default 60 s); a longer one ends the retries and the
         * error is thrown.
         *
         * @param maxRetryAfter a positive duration
         * @return this builder
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if the initial backoff exceeds the maximum
         */
        public RetryPolicy build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException(
                        "initialBackoff " + initialBackoff + " exceeds maxBackoff " + maxBackoff);
            }
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
