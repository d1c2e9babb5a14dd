package dev.kling4j.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries and between status polls. The default really waits; tests inject one that returns at
 * once and records the delays, so that no test sleeps.
 */
public interface Sleeper {
    /**
     * Blocks the calling thread for the delay (used by synchronous calls).
     *
     * @param delay how long to wait
     * @throws InterruptedException if the thread is interrupted
     */
    void sleep(Duration delay) throws InterruptedException;

    /**
     * A future that completes after the delay, without holding a thread while it waits (used by asynchronous
     * calls and by polling).
     *
     * @param delay how long to wait
     * @return a future completing after the delay
     */
    CompletableFuture<Void> delay(Duration delay);

    /**
     * The real sleeper: {@link Thread#sleep} and {@link CompletableFuture#delayedExecutor}.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return new Sleeper() {
            @Override
            public void sleep(Duration delay) throws InterruptedException {
                Thread.sleep(delay.toMillis());
            }

            @Override
            public CompletableFuture<Void> delay(Duration delay) {
                return CompletableFuture.runAsync(
                        () -> {},
                        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, Runnable::run));
            }

            @Override
            public String toString() {
                return "Sleeper.system()";
            }
        };
    }
}
