package dev.kling4j.benchmarks;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.queue.JobResult;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.Fault;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The soak run: many jobs against the emulator with random faults (submit and status errors, dropped and
 * silent status streams, failed and refused jobs, dropped connections). Every job must end with its result
 * or a typed kling4j error carrying its request id (a submit whose answer was lost may carry none); fal must
 * never see a duplicate job; threads and heap must be back where they started. Prints the counts.
 *
 * <pre>
 * ./mvnw -q -B -ntp -pl kling-benchmarks -am package dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -DskipTests
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.Soak --jobs 10000
 * </pre>
 */
public final class Soak {
    private static final String T2V = "fal-ai/kling-video/o3/pro/text-to-video";

    private Soak() {}

    /**
     * What the run saw.
     *
     * @param jobs jobs attempted
     * @param succeeded jobs that ended with their result
     * @param failedWithRequestId jobs that ended with a typed error carrying a request id
     * @param submitOutcomeUnknown submits whose answer was lost (typed; may carry no id)
     * @param untyped jobs that ended any other way (must be 0)
     * @param jobsCreated jobs the emulator created
     * @param duplicateIds request ids seen twice (must be 0)
     * @param threadsBefore live kling4j client threads before the client was built
     * @param threadsAfter live kling4j client threads after it was closed
     * @param heapBeforeMiB heap used before, after a GC
     * @param heapAfterMiB heap used after, after a GC
     * @param wall wall time of the run
     */
    public record Result(
            int jobs,
            int succeeded,
            int failedWithRequestId,
            int submitOutcomeUnknown,
            int untyped,
            int jobsCreated,
            int duplicateIds,
            int threadsBefore,
            int threadsAfter,
            long heapBeforeMiB,
            long heapAfterMiB,
            Duration wall) {

        /**
         * Whether every job ended cleanly, nothing was duplicated and threads came back.
         *
         * @return true when the run passed
         */
        public boolean passed() {
            return untyped == 0
                    && duplicateIds == 0
                    && jobsCreated <= jobs
                    && succeeded + failedWithRequestId + submitOutcomeUnknown == jobs
                    && threadsAfter <= threadsBefore;
        }

        /**
         * Prints the counts as a small table.
         *
         * @param out where to print
         */
        public void print(PrintStream out) {
            out.printf("soak: %d jobs in %.1f s%n", jobs, wall.toMillis() / 1000.0);
            out.printf("  succeeded                  %6d%n", succeeded);
            out.printf("  typed error with id        %6d%n", failedWithRequestId);
            out.printf("  submit outcome unknown     %6d%n", submitOutcomeUnknown);
            out.printf("  untyped (must be 0)        %6d%n", untyped);
            out.printf("  jobs created at fal        %6d%n", jobsCreated);
            out.printf("  duplicate ids (must be 0)  %6d%n", duplicateIds);
            out.printf("  live threads before/after  %6d / %d%n", threadsBefore, threadsAfter);
            out.printf("  heap MiB before/after      %6d / %d%n", heapBeforeMiB, heapAfterMiB);
            out.println(passed() ? "PASSED" : "FAILED");
        }
    }

    /**
     * Runs the soak.
     *
     * @param jobs how many jobs
     * @param seed the random seed of the faults
     * @return what it saw
     */
    public static Result run(int jobs, long seed) {
        Random random = new Random(seed);
        long heapBefore = heapMiB();
        long start = System.nanoTime();
        Result inEmulator;
        try (FalEmulator fal = FalEmulator.start()) {
            fal.script().defaults().queueTime(Duration.ofMillis(5)).runTime(Duration.ofMillis(10));
            int threadsBefore = liveThreads();
            List<CompletableFuture<JobResult>> futures = new ArrayList<>();
            int succeeded = 0;
            int withId = 0;
            int unknown = 0;
            int untyped = 0;
            Set<String> ids = new HashSet<>();
            int duplicates = 0;
            try (KlingClient client = fal.clientBuilder()
                    .readTimeout(Duration.ofSeconds(2))
                    .retryPolicy(RetryPolicy.builder()
                            .maxAttempts(4)
                            .initialBackoff(Duration.ofMillis(10))
                            .maxBackoff(Duration.ofMillis(100))
                            .build())
                    .pollInterval(Duration.ofMillis(20), Duration.ofMillis(200))
                    .streamSilenceTimeout(Duration.ofMillis(500))
                    .build()) {
                for (int i = 0; i < jobs; i++) {
                    injectFault(fal, random);
                    futures.add(client.queue()
                            .subscribeAsync(
                                    T2V,
                                    Map.of("prompt", "soak " + i),
                                    RequestOptions.builder()
                                            .deadline(Duration.ofMinutes(2))
                                            .build()));
                }
                for (CompletableFuture<JobResult> f : futures) {
                    try {
                        JobResult r = f.join();
                        succeeded++;
                        if (!ids.add(r.ref().requestId())) {
                            duplicates++;
                        }
                    } catch (RuntimeException e) {
                        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        if (t instanceof SubmitOutcomeUnknownException) {
                            unknown++;
                        } else if (t instanceof KlingException k
                                && k.requestId().isPresent()) {
                            withId++;
                            if (!ids.add(k.requestId().get())) {
                                duplicates++;
                            }
                        } else {
                            untyped++;
                        }
                    }
                }
            }
            int created = fal.jobsCreated();
            int threadsAfter = awaitThreadsAtMost(threadsBefore);
            futures.clear();
            inEmulator = new Result(
                    jobs,
                    succeeded,
                    withId,
                    unknown,
                    untyped,
                    created,
                    duplicates,
                    threadsBefore,
                    threadsAfter,
                    heapBefore,
                    0,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        // Measured once the client, its futures and the emulator (which holds every job) are gone.
        Result r = inEmulator;
        return new Result(
                r.jobs(),
                r.succeeded(),
                r.failedWithRequestId(),
                r.submitOutcomeUnknown(),
                r.untyped(),
                r.jobsCreated(),
                r.duplicateIds(),
                r.threadsBefore(),
                r.threadsAfter(),
                heapBefore,
                heapMiB(),
                r.wall());
    }

    /** One in four jobs meets a fault, chosen at random. */
    private static void injectFault(FalEmulator fal, Random random) {
        switch (random.nextInt(16)) {
            case 0 -> fal.faults().next(Fault.status(503).withRequestId(false).on("POST", "/fal-ai/"));
            case 1 ->
                fal.faults()
                        .next(Fault.status(429)
                                .retryAfter(0)
                                .withRequestId(false)
                                .on("POST", "/fal-ai/"));
            case 2 -> fal.faults().next(Fault.status(502).on("GET", "/fal-ai/kling-video/requests/"));
            case 3 -> fal.script().nextJob().sseDropAfter(1);
            case 4 -> fal.script().nextJob().sseSilentAfter(1);
            case 5 -> fal.script().nextJob().failWith(500, "runner_server_error", "soak failure");
            case 6 -> fal.script().nextJob().rejectInput("prompt", "soak rejection");
            case 7 -> fal.faults().next(Fault.dropAfterRead().on("POST", "/fal-ai/"));
            default -> {}
        }
    }

    /** Live threads of kling4j clients (their scheduler and HTTP threads; OkHttp renames busy ones). */
    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("kling4j") || n.startsWith("OkHttp http"))
                .count();
    }

    /** Waits (bounded) for threads to wind down to a level, re-checking as they end. */
    private static int awaitThreadsAtMost(int level) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (liveThreads() > level && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        return liveThreads();
    }

    private static long heapMiB() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    /**
     * Runs the soak: {@code --jobs N} (default 10,000), {@code --seed S}. Exits 1 when it fails.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        Args a = new Args(args, "--jobs", "--seed");
        Result result = run(a.intValue("--jobs", 10_000), a.intValue("--seed", 42));
        result.print(System.out);
        System.exit(result.passed() ? 0 : 1);
    }
}
