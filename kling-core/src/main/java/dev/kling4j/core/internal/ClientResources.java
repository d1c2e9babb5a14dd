package dev.kling4j.core.internal;

import dev.kling4j.core.internal.http.HttpTransport;
import dev.kling4j.core.pricing.PriceTable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * What a {@code KlingClient} shares with the code built on it: the transport, the OkHttp client, the one
 * scheduler thread (watchdogs and deadlines) and the permits that bound concurrent status streams. Not API.
 *
 * @param transport the layered transport
 * @param okHttp the OkHttp client the transport sends through
 * @param scheduler a single daemon thread for timers; never block on it
 * @param streamPermits bounds the number of open SSE status streams
 * @param streamPool the connection pool kept apart for status streams
 * @param livePrices fal's live prices, fetched once for the root client and its derived clients
 * @param uploads the client's upload threads (daemon, created on demand, gone a second after the last upload)
 */
public record ClientResources(
        HttpTransport transport,
        OkHttpClient okHttp,
        ScheduledExecutorService scheduler,
        Semaphore streamPermits,
        ConnectionPool streamPool,
        Lazy<PriceTable> livePrices,
        ExecutorService uploads) {}
