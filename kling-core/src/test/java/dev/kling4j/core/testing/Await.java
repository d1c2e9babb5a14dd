package dev.kling4j.core.testing;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.internal.ClientAccess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a bound, without spinning: the condition is re-checked after pauses that grow from
 * 1 ms to 50 ms, so the waiting thread leaves the (two, shared) cores to the threads it waits for.
 */
public final class Await {
    private Await() {}

    /**
     * Waits until the condition holds or the time is up.
     *
     * @return whether the condition held in time
     */
    public static boolean until(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, pause));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }

    /**
     * Waits until the client has no HTTP call running, so that every request it started (an orphan one too)
     * has reached the server before a test counts them.
     *
     * @return whether the client went idle within 5 s
     */
    public static boolean idle(KlingClient client) {
        okhttp3.Dispatcher d = ClientAccess.of(client).resources().okHttp().dispatcher();
        return until(Duration.ofSeconds(5), () -> d.runningCallsCount() == 0);
    }
}
