package dev.kling4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RetryPolicy d = RetryPolicy.defaults();

        assertThat(d.maxAttempts()).isEqualTo(4);
        assertThat(d.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(d.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.none().initialBackoff()).isEqualTo(d.initialBackoff());
    }

    @Test
    void theBackoffDoublesPerAttemptUpToTheCapAndNeverOverflows() {
        RetryPolicy p = RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(500))
                .maxBackoff(Duration.ofSeconds(4))
                .build();

        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(p.backoff(4)).as("exactly at the cap").isEqualTo(Duration.ofMillis(4000));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofMillis(4000));
        assertThat(p.backoff(64)).isEqualTo(Duration.ofMillis(4000));
        assertThat(RetryPolicy.builder()
                        .initialBackoff(Duration.ofDays(10_000))
                        .maxBackoff(Duration.ofDays(10_000))
                        .build()
                        .backoff(40))
                .isEqualTo(Duration.ofDays(10_000));
    }

    @Test
    void oneAttemptIsTheLeastAndZeroIsRefused() {
        assertThat(RetryPolicy.builder().maxAttempts(1).build().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be at least 1, was 0");
    }

    @Test
    void durationsMustBePositiveAndTheInitialBackoffNotAboveTheCap() {
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialBackoff must be positive, was PT0S");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBackoff must be positive");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetryAfter must be positive");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofSeconds(9))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialBackoff PT9S exceeds maxBackoff PT8S");
        RetryPolicy equal =
                RetryPolicy.builder().initialBackoff(Duration.ofSeconds(8)).build();
        assertThat(equal.initialBackoff()).isEqualTo(equal.maxBackoff());
    }

    @Test
    void aPolicyRoundTripsThroughItsBuilderAndComparesByValue() {
        RetryPolicy p = RetryPolicy.builder()
                .maxAttempts(6)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(2))
                .maxRetryAfter(Duration.ofSeconds(30))
                .build();

        RetryPolicy copy = p.toBuilder().build();

        assertThat(copy).isEqualTo(p).hasSameHashCodeAs(p).isNotSameAs(p);
        assertThat(copy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p)
                .isNotEqualTo(p.toBuilder().maxAttempts(5).build())
                .isNotEqualTo(
                        p.toBuilder().initialBackoff(Duration.ofMillis(101)).build())
                .isNotEqualTo(p.toBuilder().maxBackoff(Duration.ofSeconds(3)).build())
                .isNotEqualTo(
                        p.toBuilder().maxRetryAfter(Duration.ofSeconds(31)).build())
                .isNotEqualTo("a policy");
        assertThat(p.hashCode()).isNotEqualTo(RetryPolicy.defaults().hashCode());
        assertThat(p)
                .hasToString(
                        "RetryPolicy{maxAttempts=6, initialBackoff=PT0.1S, maxBackoff=PT2S, " + "maxRetryAfter=PT30S}");
    }
}
