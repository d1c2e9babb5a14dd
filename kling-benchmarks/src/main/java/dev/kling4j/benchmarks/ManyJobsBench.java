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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Many jobs at once (issue 10, scenario 1): N jobs, each held by the emulator for a fixed time, run by
 * kling4j's asynchronous API and by fal's Java client 0.7.1 (blocking {@code subscribe} on a 64-thread pool,
 * through the emulator as its proxy), in the same JVM and run. Reports wall time, wall / ideal (ideal = the
 * hold time), when the emulator completed the last job (the floor for any client: on 2 shared cores the
 * emulator's own timers fall behind while 1,000 jobs are submitted and followed), the peak of the client's
 * own live threads, and the peak heap. Threads are counted by name: kling4j's are {@code kling4j-*} (OkHttp
 * names busy ones {@code OkHttp http…}; on Java 21+ its calls run on virtual threads, and their carriers are
 * counted); fal's client runs on our 64-thread pool plus its OkHttp threads; the
 * emulator's, in the same JVM, are not counted. The heap is the whole JVM's, the emulator's (which keeps every
 * job and recorded request) included.
 *
 * <pre>
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.ManyJobsBench --jobs 1000 --hold-ms 2000 --rounds 3
 * </pre>
 */
public final class ManyJobsBench {
    private static final String T2V = "fal-ai/kling-video/o3/pro/text-to-video";

    private ManyJobsBench() {}

    /**
     * One client's run.
     *
     * @param client who ran the jobs
     * @param kling4jDefaults whether this is kling4j with its default settings (the row the targets are for)
     * @param jobs how many
     * @param wall the wall time (the median run's, when there were several)
     * @param ideal the hold time of one job
     * @param lastAtFal when the emulator completed the last of the jobs, from the start: no client can be
     *     done sooner, and on shared cores it moves with the load the client puts on the emulator
     * @param peakClientThreads the peak of the client's live threads (over all its runs)
     * @param peakHeapMiB the peak heap during a run (over all its runs), the emulator's in the same JVM
     *     included: it holds every job and its recorded requests
     * @param completed jobs that ended with their result
     * @param walls the wall time of each run, in the order they ran
     */
    public record Row(
            String client,
            boolean kling4jDefaults,
            int jobs,
            Duration wall,
            Duration ideal,
            Duration lastAtFal,
            int peakClientThreads,
            long peakHeapMiB,
            int completed,
            List<Duration> walls) {
        /**
         * Wall time as a multiple of the ideal.
         *
         * @return the ratio
         */
        public double ratio() {
            return (double) wall.toMillis() / ideal.toMillis();
        }
    }

    /** A kling4j configuration: 0 leaves a setting at its default. */
    private record Setting(String label, int maxRequests, int maxStreams) {
        boolean defaults() {
            return maxRequests == 0 && maxStreams == 0;
        }

        KlingClient.Builder applyTo(KlingClient.Builder b) {
            if (maxRequests > 0) {
                b.maxConcurrentRequests(maxRequests);
            }
            if (maxStreams > 0) {
                b.maxConcurrentStreams(maxStreams);
            }
            return b;
        }
    }

    /**
     * Runs kling4j's settings {@code rounds} times, taking turns, then fal's client once (bounded by its pool,
     * it varies little and takes long), each run on a fresh emulator.
     *
     * @param jobs jobs per client
     * @param hold how long the emulator holds each job (queue + run)
     * @param rounds runs of each kling4j setting; its row is the median run
     * @return the rows: kling4j with 64 requests in flight, kling4j with its defaults, then fal's client
     * @throws Exception when a run fails
     */
    public static List<Row> run(int jobs, Duration hold, int rounds) throws Exception {
        return run(jobs, hold, rounds, 0);
    }

    /**
     * As {@link #run(int, Duration, int)}, with one more kling4j setting when {@code streams} is positive:
     * that many status streams (and 16 more requests in flight), which on Java 21+ cost virtual threads only.
     *
     * @param jobs jobs per client
     * @param hold how long the emulator holds each job (queue + run)
     * @param rounds runs of each kling4j setting; its row is the median run
     * @param streams status streams of the extra setting, or 0 for none
     * @return the rows: kling4j with 64 requests in flight, with its defaults, with the streams asked for, then
     *     fal's client
     * @throws Exception when a run fails
     */
    public static List<Row> run(int jobs, Duration hold, int rounds, int streams) throws Exception {
        List<Setting> settings = new ArrayList<>(List.of(
                new Setting("64 requests in flight", 64, 0), new Setting("defaults: 16 in flight, 8 streams", 0, 0)));
        if (streams > 0) {
            settings.add(new Setting(streams + " streams, " + (streams + 16) + " in flight", streams + 16, streams));
        }
        List<List<Row>> runs = new ArrayList<>();
        settings.forEach(x -> runs.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < settings.size(); k++) {
                int which = (round + k) % settings.size();
                Setting setting = settings.get(which);
                runs.get(which).add(onFreshEmulator(hold, fal -> kling4j(fal, jobs, hold, setting)));
            }
        }
        List<Row> rows = new ArrayList<>();
        runs.forEach(r -> rows.add(median(r)));
        rows.add(onFreshEmulator(hold, fal -> falClient(fal, jobs, hold)));
        return rows;
    }

    private interface OnEmulator {
        Row run(FalEmulator fal) throws Exception;
    }

    private static Row onFreshEmulator(Duration hold, OnEmulator client) throws Exception {
        try (FalEmulator fal = FalEmulator.start()) {
            fal.script().defaults().queueTime(hold.dividedBy(2)).runTime(hold.dividedBy(2));
            return client.run(fal);
        }
    }

    /** The median run, with the peak threads of all the runs and every run's wall time. */
    private static Row median(List<Row> runs) {
        List<Row> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(Row::wall));
        Row m = sorted.get(sorted.size() / 2);
        int peak = runs.stream().mapToInt(Row::peakClientThreads).max().orElse(0);
        long heap = runs.stream().mapToLong(Row::peakHeapMiB).max().orElse(0);
        return new Row(
                m.client(),
                m.kling4jDefaults(),
                m.jobs(),
                m.wall(),
                m.ideal(),
                m.lastAtFal(),
                peak,
                heap,
                m.completed(),
                runs.stream().map(Row::wall).toList());
    }

    /**
     * kling4j's threads: its own, OkHttp's busy ones, and on Java 21+ the carriers of its virtual threads
     * ({@code ForkJoinPool-N-worker-M}; the common pool is {@code ForkJoinPool.commonPool-…}).
     */
    private static boolean kling4jThread(String name) {
        return name.startsWith("kling4j") || name.startsWith("OkHttp http") || name.startsWith("ForkJoinPool-");
    }

    private static Row kling4j(FalEmulator fal, int jobs, Duration hold, Setting setting) {
        awaitNone(ManyJobsBench::kling4jThread); // the previous client's threads
        try (ThreadPeak peak = new ThreadPeak(ManyJobsBench::kling4jThread);
                KlingClient client = setting.applyTo(fal.clientBuilder()).build()) {
            HeapPeak heap = HeapPeak.start();
            long start = System.nanoTime();
            List<CompletableFuture<JobResult>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(client.queue()
                        .subscribeAsync(
                                T2V,
                                Map.of("prompt", "job " + i),
                                RequestOptions.builder()
                                        .deadline(Duration.ofMinutes(5))
                                        .build()));
            }
            int done = joinAll(futures);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Duration last = lastCompletion(
                    fal, start, futures.stream().map(f -> f.join().ref().requestId()));
            return new Row(
                    "kling4j 0.1.0 (async, " + setting.label() + ")",
                    setting.defaults(),
                    jobs,
                    wall,
                    hold,
                    last,
                    peak.max(),
                    heap.mebibytes(),
                    done,
                    List.of(wall));
        }
    }

    private static Row falClient(FalEmulator fal, int jobs, Duration hold) {
        FalClient client = FalJava.client(fal);
        ExecutorService pool = Executors.newFixedThreadPool(64, r -> new Thread(r, "falclient-pool"));
        try (ThreadPeak peak = new ThreadPeak(n -> n.startsWith("falclient-pool") || n.startsWith("OkHttp"))) {
            HeapPeak heap = HeapPeak.start();
            long start = System.nanoTime();
            List<CompletableFuture<Output<JsonObject>>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                int n = i;
                futures.add(CompletableFuture.supplyAsync(
                        () -> client.subscribe(
                                T2V,
                                SubscribeOptions.<JsonObject>builder()
                                        .input(Map.of("prompt", "job " + n))
                                        .resultType(JsonObject.class)
                                        .build()),
                        pool));
            }
            int done = joinAll(futures);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Duration last = lastCompletion(
                    fal, start, futures.stream().map(f -> f.join().getRequestId()));
            return new Row(
                    "fal-client 0.7.1 (subscribe, 64 threads)",
                    false,
                    jobs,
                    wall,
                    hold,
                    last,
                    peak.max(),
                    heap.mebibytes(),
                    done,
                    List.of(wall));
        } finally {
            pool.shutdownNow();
            FalJava.close(client);
        }
    }

    private static Duration lastCompletion(FalEmulator fal, long start, Stream<String> requestIds) {
        long last = requestIds
                .mapToLong(id -> fal.completedNanoTime(id).orElseThrow())
                .max()
                .orElse(start);
        return Duration.ofNanos(last - start);
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
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(named)
                .count();
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
            sampler.scheduleAtFixedRate(
                    () -> max.accumulateAndGet(threads(named), Math::max), 0, 5, TimeUnit.MILLISECONDS);
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
        out.printf(
                "%-56s %5s %7s %11s %14s %13s %14s%n",
                "client", "jobs", "wall s", "wall/ideal", "last at fal s", "peak threads", "peak heap MiB");
        for (Row r : rows) {
            out.printf(
                    "%-56s %5d %7.2f %11.2f %14.2f %13d %14d%n",
                    r.client(),
                    r.jobs(),
                    r.wall().toMillis() / 1000.0,
                    r.ratio(),
                    r.lastAtFal().toMillis() / 1000.0,
                    r.peakClientThreads(),
                    r.peakHeapMiB());
        }
        out.println("wall time of every run, in seconds, in the order run:");
        for (Row r : rows) {
            out.printf(
                    "  %-54s %s%n",
                    r.client(),
                    r.walls().stream()
                            .map(w -> String.format("%.2f", w.toMillis() / 1000.0))
                            .collect(Collectors.joining(" ")));
        }
    }

    /**
     * Runs the benchmark: {@code --jobs N} (default 1,000), {@code --hold-ms M} (default 2,000),
     * {@code --rounds R} (default 3), {@code --streams S} for one more kling4j setting with S status streams.
     *
     * @param args the options
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args, "--jobs", "--hold-ms", "--rounds", "--streams");
        System.out.println(Machine.describe("many jobs"));
        print(
                run(
                        a.intValue("--jobs", 1000),
                        Duration.ofMillis(a.intValue("--hold-ms", 2000)),
                        a.intValue("--rounds", 3),
                        a.intValue("--streams", 0)),
                System.out);
        System.exit(0);
    }
}
