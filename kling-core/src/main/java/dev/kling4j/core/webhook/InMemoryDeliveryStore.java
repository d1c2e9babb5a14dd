package dev.kling4j.core.webhook;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link DeliveryStore#inMemory(int)}: a map in insertion order, bounded in size, pruned of expired ids. */
final class InMemoryDeliveryStore implements DeliveryStore {
    private record Entry(boolean handled, Instant expiresAt) {}

    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    InMemoryDeliveryStore(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized Claim claim(String requestId, Instant now, Instant expiresAt) {
        prune(now);
        Entry entry = entries.get(requestId);
        if (entry != null && entry.expiresAt().isAfter(now)) {
            return entry.handled() ? Claim.HANDLED : Claim.IN_PROGRESS;
        }
        entries.remove(requestId);
        entries.put(requestId, new Entry(false, expiresAt));
        while (entries.size() > maxEntries) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return Claim.CLAIMED;
    }

    @Override
    public synchronized void markHandled(String requestId, Instant expiresAt) {
        // Put back even when evicted meanwhile: a handled id is the one worth remembering.
        entries.remove(requestId);
        entries.put(requestId, new Entry(true, expiresAt));
    }

    @Override
    public synchronized void release(String requestId) {
        entries.remove(requestId);
    }

    synchronized int size() {
        return entries.size();
    }

    // Entries expire in insertion order (one window for all), so pruning stops at the first live one.
    private void prune(Instant now) {
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresAt().isAfter(now)) {
                return;
            }
            it.remove();
        }
    }
}
