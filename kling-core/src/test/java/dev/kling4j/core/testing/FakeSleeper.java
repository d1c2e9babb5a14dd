package dev.kling4j.core.testing;

import dev.kling4j.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that never sleeps: it records each delay and returns at once (or never, when parked). */
public final class FakeSleeper implements Sleeper {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> parked = new CopyOnWriteArrayList<>();
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
        if (!park) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        parked.add(f);
        return f;
    }

    /** The futures {@link #delay} returned while parked, in order: complete one to end that wait. */
    public List<CompletableFuture<Void>> parked() {
        return List.copyOf(parked);
    }

    public List<Duration> delays() {
        return List.copyOf(delays);
    }
}
