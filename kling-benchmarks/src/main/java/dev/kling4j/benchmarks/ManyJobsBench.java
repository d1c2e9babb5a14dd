package dev.kling4j.benchmarks;

import ai.fal.client.FalClient;
import ai.fal.client.SubscribeOptions;
import com.google.gson.JsonObject;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.core.queue.SubmitOptions;
import dev.kling4j.core.queue.WaitOptions;
import dev.kling4j.testkit.FalEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Many jobs at once (issue 10, scenario 1): N jobs, each held by the emulator for a fixed time, run by
 * kling4j's asynchronous API and by fal's Java client 0.7.1 (blocking {@code subscribe} on a 64-thread pool,
 * through the emulator as its proxy), in the same JVM and run. Reports wall time, wall / ideal (ideal = the
 * hold time), and the peak of the client's own live threads: kling4j's are named {@code kling4j-*} (OkHttp names
 * busy ones {@code OkHttp http…}); fal's client runs on our 64-thread pool plus its OkHttp threads. The
 * emulator's threads, in the same JVM, are not counted.
 *
 * <pre>
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.ManyJobsBench --jobs 1000 --hold-ms 2000
 * </pre>
 */
public final class ManyJobsBench {
    private static final String T2V = "fal-ai/kling-video/o3/pro/text-to-video";

    private ManyJobsBench() {}

    /**
     * One client's run.
     *
     * @param client who ran the jobs
     * @param jobs how many
     * @param wall the wall time
     * @param ideal the hold time of one job
     * @param peakClientThreads the peak of the client's live threads
     * @param completed jobs that ended with their result
     */
    public record Row(String client, int jobs, Duration wall, Duration ideal, int peakClientThreads, int completed) {
        /**
         * Wall time as a multiple of the ideal.
         *
         * @return the ratio
         */
        public double ratio() {
            return (double) wall.toMillis() / ideal.toMillis();
        }
    }

    /**
     * Runs kling4j then fal's client on one emulator.
     *
     * @param jobs jobs per client
     * @param hold how long the emulator holds each job (queue + run)
     * @return the rows: kling4j with 64 and with 16 requests in flight, then fal's client
     * @throws Exception when a run fails
     */
    public static List<Row> run(int jobs, Duration hold) throws Exception {
        try (FalEmulator fal = FalEmulator.start()) {
            fal.script().defaults().queueTime(hold.dividedBy(2)).runTime(hold.dividedBy(2));
            List<Row> rows = new ArrayList<>();
            rows.add(kling4j(fal, jobs, hold, 64));
            rows.add(kling4j(fal, jobs, hold, 16));
            rows.add(falClient(fal, jobs, hold));
            return rows;
        }
    }

    private static Row kling4j(FalEmulator fal, int jobs, Duration hold, int maxRequests) {
        awaitNone(n -> n.startsWith("kling4j") || n.startsWith("OkHttp http")); // the previous client's threads
        try (ThreadPeak peak = new ThreadPeak(n -> n.startsWith("kling4j") || n.startsWith("OkHttp http"));
                KlingClient client = fal.clientBuilder().maxConcurrentRequests(maxRequests).build()) {
            long start = System.nanoTime();
            List<CompletableFuture<JobResult>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(client.queue().subscribeAsync(T2V, Map.of("prompt", "job " + i), SubmitOptions.defaults(),
                        WaitOptions.builder().deadline(Duration.ofMinutes(5)).build()));
            }
            int done = joinAll(futures);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            return new Row("kling4j 0.1.0 (async, " + maxRequests + " requests in flight)", jobs, wall, hold,
                    peak.max(), done);
        }
    }

    private static Row falClient(FalEmulator fal, int jobs, Duration hold) {
        FalClient client = FalJava.client(fal);
        ExecutorService pool = Executors.newFixedThreadPool(64, r -> new Thread(r, "falclient-pool"));
        try (ThreadPeak peak = new ThreadPeak(n -> n.startsWith("falclient-pool") || n.startsWith("OkHttp"))) {
            long start = System.nanoTime();
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                int n = i;
                futures.add(CompletableFuture.supplyAsync(() -> client.subscribe(T2V,
                        SubscribeOptions.<JsonObject>builder().input(Map.of("prompt", "job " + n))
                                .resultType(JsonObject.class).build()).getData(), pool));
            }
            int done = joinAll(futures);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            return new Row("fal-client 0.7.1 (subscribe, 64 threads)", jobs, wall, hold, peak.max(), done);
        } finally {
            pool.shutdownNow();
            FalJava.close(client);
        }
    }

    /** Waits for every future (a stream's {@code count()} would skip the joins). */
    private static int joinAll(List<? extends CompletableFuture<?>> futures) {
        int done = 0;
        for (CompletableFuture<?> f : futures) {
            if (f.join() != null) {
                done++;
            }
        }
        return done;
    }

    private static int threads(Predicate<String> named) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(named).count();
    }

    /** Waits (10 s at most) until no live thread's name matches, so one run's threads do not count in the next. */
    private static void awaitNone(Predicate<String> named) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads(named) > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Samples the count of live threads whose names match every 5 ms while open. */
    private static final class ThreadPeak implements AutoCloseable {
        private final Predicate<String> named;
        private final AtomicInteger max = new AtomicInteger();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });

        ThreadPeak(Predicate<String> named) {
            this.named = named;
            sampler.scheduleAtFixedRate(() -> max.accumulateAndGet(threads(named), Math::max), 0, 5,
                    TimeUnit.MILLISECONDS);
        }

        int max() {
            return max.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    /**
     * Prints the rows as a table.
     *
     * @param rows the rows
     * @param out where
     */
    public static void print(List<Row> rows, PrintStream out) {
        out.printf("%-48s %6s %9s %11s %14s%n", "client", "jobs", "wall s", "wall/ideal", "peak threads");
        for (Row r : rows) {
            out.printf("%-48s %6d %9.2f %11.2f %14d%n", r.client(), r.jobs(), r.wall().toMillis() / 1000.0, r.ratio(),
                    r.peakClientThreads());
        }
    }

    /**
     * Runs the benchmark: {@code --jobs N} (default 1,000), {@code --hold-ms M} (default 2,000).
     *
     * @param args the options
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args, "--jobs", "--hold-ms");
        System.out.println(Machine.describe("many jobs"));
        print(run(a.intValue("--jobs", 1000), Duration.ofMillis(a.intValue("--hold-ms", 2000))), System.out);
        System.exit(0);
    }
}
