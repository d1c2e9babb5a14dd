package dev.kling4j.core.testing;

import dev.kling4j.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that never sleeps: it records each delay and returns at once (or never, when parked). */
public final class FakeSleeper implements Sleeper {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private volatile boolean park;

    /**
     * Makes {@link #delay} return futures that never complete (polling then stops after one poll).
     *
     * @return this sleeper
     */
    public FakeSleeper parkAsync() {
        park = true;
        return this;
    }

    @Override
    public void sleep(Duration delay) {
        delays.add(delay);
    }

    @Override
    public CompletableFuture<Void> delay(Duration delay) {
        delays.add(delay);
        return park ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
    }

    public List<Duration> delays() {
        return List.copyOf(delays);
    }
}
