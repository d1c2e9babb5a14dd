package dev.kling4j.benchmarks;

import ai.fal.client.FalClient;
import ai.fal.client.Output;
import ai.fal.client.SubscribeOptions;
import com.google.gson.JsonObject;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.testkit.FalEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Completion latency (issue 10, scenario 2): the time from the emulator marking a job COMPLETED to the
 * caller's future completing with the result, for kling4j over its status stream, kling4j polling, and fal's
 * Java client (which follows each job over its status stream, blocking a thread).
 *
 * <p>Each job is held in the emulator's queue and released after a random time (uniform in
 * {@code [minHold, maxHold]}, the same sequence of holds for every client), so that completions do not line
 * up with poll intervals. The emulator reads {@link System#nanoTime()} when it marks the job COMPLETED
 * ({@link FalEmulator#completedNanoTime}); the client side reads it in the callback that sees the result,
 * in the same JVM. A few jobs run at once ({@code inFlight}, within kling4j's default of 8 streams and
 * under OkHttp's default of 5 calls per host, which fal's client keeps). After a warm-up, the clients take
 * turns in rounds, in a rotating order, so that none gains from running last on a JVM the others warmed.
 *
 * <pre>
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.CompletionLatencyBench --jobs 200
 * </pre>
 */
public final class CompletionLatencyBench {
    private static final String T2V = "fal-ai/kling-video/o3/pro/text-to-video";

    private CompletionLatencyBench() {}

    /**
     * One client's latencies.
     *
     * @param client who waited
     * @param jobs how many jobs were measured
     * @param medianMs the median, in milliseconds
     * @param p99Ms the 99th percentile, in milliseconds
     * @param maxMs the largest, in milliseconds
     */
    public record Row(String client, int jobs, double medianMs, double p99Ms, double maxMs) {
        static Row of(String client, Collection<Long> latencyNanos) {
            Percentiles p = new Percentiles(latencyNanos);
            return new Row(client, p.count(), p.medianMillis(), p.millis(99), p.maxMillis());
        }
    }

    /**
     * What the run holds fixed.
     *
     * @param warmupJobs jobs each client runs first, not measured (the JIT warms up on them)
     * @param jobs jobs per client, measured
     * @param rounds the measured jobs are run in this many rounds, the clients taking turns in a rotating
     *     order, so that none is favoured by running last on a warmer JVM
     * @param inFlight jobs awaited at once
     * @param minHold the shortest time a job is held before it is released
     * @param maxHold the longest
     * @param seed the seed of the hold times
     */
    public record Settings(
            int warmupJobs, int jobs, int rounds, int inFlight, Duration minHold, Duration maxHold, long seed) {
        /** Checks the settings. */
        public Settings {
            if (warmupJobs < 0
                    || rounds < 1
                    || jobs < rounds
                    || inFlight < 1
                    || minHold.isNegative()
                    || maxHold.compareTo(minHold) < 0) {
                throw new IllegalArgumentException(
                        "need warmupJobs >= 0, jobs >= rounds >= 1, inFlight >= 1 and " + "0 <= minHold <= maxHold");
            }
        }

        long holdNanos(SplittableRandom random) {
            long min = minHold.toNanos();
            return min + (maxHold.toNanos() == min ? 0 : random.nextLong(maxHold.toNanos() - min));
        }
    }

    /** One way of waiting for jobs: runs {@code jobs} jobs and adds each one's latency to {@code into}. */
    private interface Waiting {
        void run(int jobs, Releases releases, Collection<Long> into) throws InterruptedException;
    }

    /**
     * Runs the three clients on one emulator: a warm-up round, then the measured rounds, taking turns.
     *
     * @param settings the run's settings
     * @return kling4j over SSE, kling4j polling, fal's client
     * @throws InterruptedException when interrupted
     */
    public static List<Row> run(Settings settings) throws InterruptedException {
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-releaser");
            t.setDaemon(true);
            return t;
        });
        FalClient falClient = null;
        try (FalEmulator fal = FalEmulator.start();
                KlingClient streaming = fal.newClient();
                KlingClient polling =
                        fal.clientBuilder().maxConcurrentStreams(0).build()) {
            // Held until released; then a short queue and run, as the rest of a real job's life.
            fal.script()
                    .defaults()
                    .holdInQueue()
                    .queueTime(Duration.ofMillis(1))
                    .runTime(Duration.ofMillis(2));
            FalClient fc = FalJava.client(fal);
            falClient = fc;
            List<String> names = List.of(
                    "kling4j 0.1.0 (status stream)",
                    "kling4j 0.1.0 (polling, 200 ms doubling to 5 s)",
                    "fal-client 0.7.1 (subscribe, status stream)");
            List<Waiting> clients = List.of(
                    (n, r, into) -> kling4j(streaming, fal, n, r, settings.inFlight(), into),
                    (n, r, into) -> kling4j(polling, fal, n, r, settings.inFlight(), into),
                    (n, r, into) -> falJava(fc, fal, n, r, settings.inFlight(), into));
            List<Collection<Long>> latencies = List.of(
                    new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
            for (Waiting c : clients) {
                c.run(
                        settings.warmupJobs(),
                        new Releases(fal, releaser, settings.seed() - 1, settings),
                        new ConcurrentLinkedQueue<>());
            }
            for (int round = 0; round < settings.rounds(); round++) {
                int jobs = settings.jobs() / settings.rounds() + (round < settings.jobs() % settings.rounds() ? 1 : 0);
                for (int k = 0; k < clients.size(); k++) {
                    int c = (round + k) % clients.size();
                    // The same hold times for every client in a round.
                    clients.get(c)
                            .run(
                                    jobs,
                                    new Releases(fal, releaser, settings.seed() + round, settings),
                                    latencies.get(c));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                rows.add(Row.of(names.get(c), latencies.get(c)));
            }
            return rows;
        } finally {
            if (falClient != null) {
                FalJava.close(falClient);
            }
            releaser.shutdownNow();
        }
    }

    private static void kling4j(
            KlingClient client, FalEmulator fal, int jobs, Releases releases, int inFlight, Collection<Long> into)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        CompletableFuture<?>[] all = new CompletableFuture<?>[jobs];
        for (int i = 0; i < jobs; i++) {
            slots.acquire();
            RequestOptions wait = RequestOptions.builder()
                    .deadline(Duration.ofMinutes(1))
                    .onEnqueued(ref -> releases.schedule(ref.requestId()))
                    .build();
            CompletableFuture<JobResult> f = client.queue().subscribeAsync(T2V, Map.of("prompt", "latency " + i), wait);
            all[i] = f.whenComplete((result, failure) -> {
                long seen = System.nanoTime();
                slots.release();
                if (result != null) {
                    into.add(seen - completedAt(fal, result.ref().requestId()));
                }
            });
        }
        CompletableFuture.allOf(all).join();
    }

    private static void falJava(
            FalClient client, FalEmulator fal, int jobs, Releases releases, int inFlight, Collection<Long> into)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> new Thread(r, "falclient-pool"));
        try {
            CompletableFuture<?>[] all = new CompletableFuture<?>[jobs];
            for (int i = 0; i < jobs; i++) {
                int n = i;
                all[i] = CompletableFuture.runAsync(
                        () -> {
                            Output<JsonObject> out = client.subscribe(
                                    T2V,
                                    SubscribeOptions.<JsonObject>builder()
                                            .input(Map.of("prompt", "latency " + n))
                                            .resultType(JsonObject.class)
                                            .onQueueUpdate(update -> releases.schedule(update.getRequestId()))
                                            .build());
                            long seen = System.nanoTime();
                            into.add(seen - completedAt(fal, out.getRequestId()));
                        },
                        pool);
            }
            CompletableFuture.allOf(all).join();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static long completedAt(FalEmulator fal, String requestId) {
        return fal.completedNanoTime(requestId)
                .orElseThrow(() -> new IllegalStateException(
                        "the client returned the result of " + requestId + " before the emulator completed it"));
    }

    /** Releases each held job once, after the next hold time of a seeded sequence. */
    private static final class Releases {
        private final FalEmulator fal;
        private final ScheduledExecutorService scheduler;
        private final Settings settings;
        private final SplittableRandom random;
        private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

        Releases(FalEmulator fal, ScheduledExecutorService scheduler, long seed, Settings settings) {
            this.fal = fal;
            this.scheduler = scheduler;
            this.settings = settings;
            this.random = new SplittableRandom(seed);
        }

        void schedule(String requestId) {
            if (requestId == null || !scheduled.add(requestId)) {
                return; // fal's client reports every status update; release once
            }
            long hold;
            synchronized (random) {
                hold = settings.holdNanos(random);
            }
            scheduler.schedule(() -> fal.release(requestId), hold, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Prints the rows as a table.
     *
     * @param rows the rows
     * @param out where
     */
    public static void print(List<Row> rows, PrintStream out) {
        out.printf("%-48s %6s %11s %10s %10s%n", "client", "jobs", "median ms", "p99 ms", "max ms");
        for (Row r : rows) {
            out.printf("%-48s %6d %11.2f %10.2f %10.2f%n", r.client(), r.jobs(), r.medianMs(), r.p99Ms(), r.maxMs());
        }
    }

    /**
     * Runs the benchmark: {@code --warmup W} (default 40) then {@code --jobs N} (default 200) per client in
     * {@code --rounds R} (default 5), {@code --in-flight K} (default 4),
     * {@code --min-hold-ms} and {@code --max-hold-ms} (defaults 100 and 600), {@code --seed S}.
     *
     * @param args the options
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Args a = new Args(
                args, "--warmup", "--jobs", "--rounds", "--in-flight", "--min-hold-ms", "--max-hold-ms", "--seed");
        Settings s = new Settings(
                a.intValue("--warmup", 40),
                a.intValue("--jobs", 200),
                a.intValue("--rounds", 5),
                a.intValue("--in-flight", 4),
                Duration.ofMillis(a.intValue("--min-hold-ms", 100)),
                Duration.ofMillis(a.intValue("--max-hold-ms", 600)),
                a.intValue("--seed", 42));
        System.out.println(Machine.describe("completion latency"));
        print(run(s), System.out);
        System.exit(0);
    }
}
