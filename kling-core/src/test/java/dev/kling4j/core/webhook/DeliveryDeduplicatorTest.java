package dev.kling4j.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.webhook.DeliveryDeduplicator.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeliveryDeduplicatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();

    private DeliveryDeduplicator dedup() {
        return DeliveryDeduplicator.builder().clock(clock).build();
    }

    @Test
    void theFirstDeliveryRunsTheHandlerAndRepeatsDoNot() {
        DeliveryDeduplicator dedup = dedup();

        assertThat(dedup.handleOnce("req-1", runs::incrementAndGet)).isEqualTo(Outcome.HANDLED);
        clock.advance(Duration.ofMinutes(30));
        assertThat(dedup.handleOnce("req-1", runs::incrementAndGet)).isEqualTo(Outcome.DUPLICATE);
        assertThat(dedup.handleOnce("req-2", runs::incrementAndGet)).isEqualTo(Outcome.HANDLED);

        assertThat(runs).hasValue(2);
    }

    @Test
    void anEventIsKeyedOnItsRequestId() {
        DeliveryDeduplicator dedup = dedup();
        WebhookEvent event = WebhookEvent.parse(
                "{\"request_id\":\"req-9\",\"status\":\"OK\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();

        dedup.handleOnce(event, e -> seen.add(e.requestId()));
        Outcome again = dedup.handleOnce(event, e -> seen.add(e.requestId()));

        assertThat(seen).containsExactly("req-9");
        assertThat(again).isEqualTo(Outcome.DUPLICATE);
        assertThat(dedup.handleOnce("req-9", runs::incrementAndGet)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aHandlerThatFailsRunsAgainOnTheNextDelivery() {
        DeliveryDeduplicator dedup = dedup();

        assertThatThrownBy(() -> dedup.handleOnce("req-1", () -> {
                    throw new IllegalStateException("database down");
                }))
                .hasMessage("database down");

        assertThat(dedup.handleOnce("req-1", runs::incrementAndGet)).isEqualTo(Outcome.HANDLED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aDeliveryArrivingWhileTheFirstRunsIsInProgress() {
        DeliveryDeduplicator dedup = dedup();
        AtomicReference<Outcome> inner = new AtomicReference<>();

        Outcome outer = dedup.handleOnce("req-1", () -> inner.set(dedup.handleOnce("req-1", runs::incrementAndGet)));

        assertThat(outer).isEqualTo(Outcome.HANDLED);
        assertThat(inner).hasValue(Outcome.IN_PROGRESS);
        assertThat(runs).hasValue(0);
    }

    @Test
    void idsAreForgottenAfterTheWindow() {
        DeliveryDeduplicator dedup = DeliveryDeduplicator.builder()
                .clock(clock)
                .window(Duration.ofHours(3))
                .build();
        dedup.handleOnce("req-1", runs::incrementAndGet);

        clock.advance(Duration.ofHours(3).minusSeconds(1));
        assertThat(dedup.handleOnce("req-1", runs::incrementAndGet)).isEqualTo(Outcome.DUPLICATE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(dedup.handleOnce("req-1", runs::incrementAndGet)).isEqualTo(Outcome.HANDLED);

        assertThat(runs).hasValue(2);
    }

    @Test
    void theInMemoryStoreForgetsTheOldestBeyondItsSize() {
        DeliveryDeduplicator dedup =
                DeliveryDeduplicator.builder().clock(clock).maxEntries(2).build();
        dedup.handleOnce("a", runs::incrementAndGet);
        dedup.handleOnce("b", runs::incrementAndGet);
        dedup.handleOnce("c", runs::incrementAndGet);

        assertThat(dedup.handleOnce("c", runs::incrementAndGet)).isEqualTo(Outcome.DUPLICATE);
        assertThat(dedup.handleOnce("b", runs::incrementAndGet)).isEqualTo(Outcome.DUPLICATE);
        assertThat(dedup.handleOnce("a", runs::incrementAndGet)).as("evicted").isEqualTo(Outcome.HANDLED);
    }

    @Test
    void theInMemoryStorePrunesExpiredIds() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(100);
        DeliveryDeduplicator dedup = DeliveryDeduplicator.builder()
                .clock(clock)
                .store(store)
                .window(Duration.ofHours(1))
                .build();
        for (int i = 0; i < 10; i++) {
            dedup.handleOnce("old-" + i, runs::incrementAndGet);
        }
        clock.advance(Duration.ofHours(2));

        dedup.handleOnce("new", runs::incrementAndGet);

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneIdRunTheHandlerOnce() throws Exception {
        DeliveryDeduplicator dedup = dedup();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(new Thread(() -> {
                for (int j = 0; j < 200; j++) {
                    dedup.handleOnce("req-" + j, runs::incrementAndGet);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        assertThat(runs).hasValue(200);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> DeliveryDeduplicator.builder().maxEntries(0)).hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> DeliveryDeduplicator.builder().window(Duration.ZERO))
                .hasMessageContaining("window");
    }
}
