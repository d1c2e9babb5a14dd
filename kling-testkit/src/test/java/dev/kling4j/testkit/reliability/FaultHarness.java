package dev.kling4j.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.Sleeper;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every fault scenario shares: an emulator, a client with fast (but real) backoff and short timeouts,
 * and the leak checks run after each test: no kling4j thread left once the client is closed, no status
 * stream left open at the emulator.
 */
abstract class FaultHarness {
    static final String T2V = "fal-ai/kling-video/o3/pro/text-to-video";
    static final String REQUESTS = "/fal-ai/kling-video/requests/";

    /** Backoff delays the SDK asked for (Retry-After included), each waited at most 20 ms. */
    final List<Duration> backoffs = new CopyOnWriteArrayList<>();

    final Sleeper fastSleeper = new Sleeper() {
        @Override
        public void sleep(Duration delay) throws InterruptedException {
            backoffs.add(delay);
            TimeUnit.MILLISECONDS.sleep(Math.min(delay.toMillis(), 20));
        }

        @Override
        public CompletableFuture<Void> delay(Duration delay) {
            backoffs.add(delay);
            return CompletableFuture.runAsync(
                    () -> {}, CompletableFuture.delayedExecutor(Math.min(delay.toMillis(), 20), TimeUnit.MILLISECONDS));
        }
    };

    FalEmulator fal;
    KlingClient client;

    @BeforeEach
    void start() {
        fal = FalEmulator.start();
        client = client(b -> b);
    }

    /** A client on the emulator with fast backoff, 1 s per attempt, 300 ms stream silence; tweakable. */
    KlingClient client(java.util.function.UnaryOperator<KlingClient.Builder> tweak) {
        return tweak.apply(fal.clientBuilder()
                        .sleeper(fastSleeper)
                        .readTimeout(Duration.ofSeconds(1))
                        .retryPolicy(RetryPolicy.builder().maxAttempts(4).build())
                        .pollInterval(Duration.ofMillis(20), Duration.ofMillis(100))
                        .streamSilenceTimeout(Duration.ofMillis(300)))
                .build();
    }

    @AfterEach
    void noLeaks() {
        // Every connection idle: no response body or stream was left open by the SDK.
        var resources = ClientAccess.of(client).resources();
        assertThat(waitFor(() -> resources.okHttp().connectionPool().connectionCount()
                        == resources.okHttp().connectionPool().idleConnectionCount()))
                .as("responses left open")
                .isTrue();
        assertThat(waitFor(() -> resources.streamPool().connectionCount()
                        == resources.streamPool().idleConnectionCount()))
                .as("status streams left open")
                .isTrue();
        // Never more jobs than submits: a submit fal answered once is never turned into two jobs.
        assertThat(fal.jobsCreated())
                .as("jobs created")
                .isLessThanOrEqualTo(requests("POST", "/fal-ai/").size());
        client.close();
        assertThat(threadsEnded())
                .as("kling4j threads left: " + kling4jThreads())
                .isTrue();
        fal.close();
    }

    /** Threads a kling4j client started (its scheduler, its HTTP dispatcher, named as OkHttp names busy ones). */
    static List<Thread> kling4jThreadObjects() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("kling4j") || t.getName().startsWith("OkHttp http"))
                .collect(Collectors.toList());
    }

    static List<String> kling4jThreads() {
        return kling4jThreadObjects().stream().map(Thread::getName).collect(Collectors.toList());
    }

    /** Joins every kling4j thread, 5 s in all: true when none is left. */
    static boolean threadsEnded() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : kling4jThreadObjects()) {
            long left = deadline - System.nanoTime();
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return kling4jThreads().isEmpty();
    }

    /**
     * Waits up to 5 s for a condition, re-checked after pauses growing from 1 to 50 ms: a bounded wait that
     * leaves the cores to the threads it waits for, no fixed sleep and no spinning.
     */
    static boolean waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, pause));
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }

    /** Waits until the client has no call running, so that every request it started has reached the emulator. */
    void settle() {
        var dispatcher = ClientAccess.of(client).resources().okHttp().dispatcher();
        assertThat(waitFor(() -> dispatcher.runningCallsCount() == 0))
                .as("the client's calls ended")
                .isTrue();
    }

    /** The jobs fal created, once every call the client started has ended. */
    int jobs() {
        settle();
        return fal.jobsCreated();
    }

    /** The submits fal received, once every call the client started has ended. */
    int submits() {
        settle();
        return requests("POST", "/fal-ai/").size();
    }

    /** Status polls (not streams) fal received. */
    int statusPolls() {
        settle();
        return fal.requests(r -> r.method().equals("GET")
                        && r.path().startsWith(REQUESTS)
                        && r.path().endsWith("/status"))
                .size();
    }

    List<RecordedRequest> requests(String method, String pathPrefix) {
        return fal.requests(r -> r.method().equals(method) && r.path().startsWith(pathPrefix));
    }
}
