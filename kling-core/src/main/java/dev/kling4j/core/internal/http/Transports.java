package dev.kling4j.core.internal.http;

import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.Sleeper;
import java.time.Clock;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one place where the transport layers are put together. Not API.
 *
 * <pre>
 *   caller → auth → retry → logging → OkHttp
 * </pre>
 *
 * <ul>
 *   <li><b>auth</b> (outermost) adds {@code Authorization}, {@code User-Agent} and {@code Accept} once per
 *       call, and fails fast when the key is missing (no retry of that);</li>
 *   <li><b>retry</b> repeats attempts per the {@link RetryPolicy} and the call's {@link RetryMode}, closes
 *       discarded responses and turns I/O failures into kling4j exceptions;</li>
 *   <li><b>logging</b> sits inside retry so that every attempt is logged with its number;</li>
 *   <li><b>OkHttp</b> with its own connection-failure retry turned off for submits, and on for reads and
 *       idempotent calls (it resends them on a fresh connection when the pooled one was closed while idle).</li>
 * </ul>
 */
public final class Transports {
    private Transports() {}

    /**
     * Builds the transport stack.
     *
     * @param okHttp the OkHttp client to send through
     * @param streamPool the connection pool for SSE streams, kept apart from the calls' pool
     * @param key supplies the API key, or returns null when none is configured
     * @param userAgent the User-Agent value
     * @param policy the retry policy
     * @param sleeper waits between attempts
     * @param clock the clock for Retry-After dates
     * @return the transport
     */
    public static HttpTransport create(
            OkHttpClient okHttp,
            ConnectionPool streamPool,
            Supplier<String> key,
            String userAgent,
            RetryPolicy policy,
            Sleeper sleeper,
            Clock clock) {
        HttpTransport base = new OkHttpTransport(okHttp, streamPool);
        HttpTransport logged = new LoggingTransport(base);
        HttpTransport retried = new RetryTransport(logged, policy, sleeper, clock);
        return new AuthTransport(retried, key, userAgent);
    }
}
