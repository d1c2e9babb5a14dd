package dev.kling4j.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The queue of scripted HTTP faults: each incoming request takes the first queued fault that matches it.
 *
 * <p>Thread-safe. Obtain it from {@link FalEmulator#faults()}.
 */
public final class Faults {
    private final List<Fault> pending = new ArrayList<>();
    private final List<Integer> remaining = new ArrayList<>();

    Faults() {}

    /**
     * Queues a fault for the next matching request(s).
     *
     * @param fault the fault
     * @return this, to queue more
     */
    public synchronized Faults next(Fault fault) {
        pending.add(Objects.requireNonNull(fault, "fault"));
        remaining.add(fault.remainingTimes());
        return this;
    }

    /**
     * How many faults are still waiting for a request.
     *
     * @return the count
     */
    public synchronized int pending() {
        return pending.size();
    }

    /** Drops every queued fault. */
    public synchronized void clear() {
        pending.clear();
        remaining.clear();
    }

    synchronized Fault take(String method, String path) {
        Iterator<Fault> it = pending.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Fault f = it.next();
            if (f.matches(method, path)) {
                int left = remaining.get(i) - 1;
                if (left == 0) {
                    it.remove();
                    remaining.remove(i);
                } else {
                    remaining.set(i, left);
                }
                return f;
            }
        }
        return null;
    }
}
