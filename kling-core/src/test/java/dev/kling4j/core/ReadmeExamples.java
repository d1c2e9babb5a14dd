package dev.kling4j.core;

import dev.kling4j.core.queue.JobResult;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.QueueClient;
import dev.kling4j.core.queue.RequestRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The snippets of README.md, compiled (never run) so that the README cannot drift from the API. */
@SuppressWarnings("unused")
final class ReadmeExamples {
    static final String T2V = "fal-ai/kling-video/o3/pro/text-to-video";

    void configure() {
        KlingClient fromEnv = KlingClient.fromEnv();
        KlingClient client = KlingClient.builder()
                .apiKey(System.getenv("FAL_KEY"))
                .queueUrl("http://localhost:8080") // emulator; plain http only for loopback
                .connectTimeout(Duration.ofSeconds(5)) // per attempt
                .readTimeout(Duration.ofSeconds(30)) // per attempt
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(6)
                        .maxBackoff(Duration.ofSeconds(20))
                        .build())
                .pollInterval(Duration.ofMillis(500), Duration.ofSeconds(10))
                .streamSilenceTimeout(Duration.ofSeconds(30))
                .maxConcurrentStreams(16)
                .build();
        KlingClient noRetries = client.withOptions(b -> b.retryPolicy(RetryPolicy.none()));
        client.close();
    }

    void submitAndWait(KlingClient client) {
        QueueClient queue = client.queue();
        RequestRef ref = queue.submit(
                T2V,
                Map.of("prompt", "a red fox in snow", "duration", "5"),
                RequestOptions.builder()
                        .priority(RequestOptions.Priority.LOW)
                        .mediaExpiry(Duration.ofDays(1))
                        .build());
        JobStatus done = queue.await(
                ref, RequestOptions.builder().deadline(Duration.ofMinutes(20)).build());
        JsonValue output = queue.result(ref);
        String url = output.get("video")
                .flatMap(v -> v.get("url"))
                .flatMap(JsonValue::asString)
                .orElseThrow();
    }

    void subscribeAsync(KlingClient client, List<Map<String, Object>> inputs) {
        List<CompletableFuture<JobResult>> jobs = inputs.stream()
                .map(input -> client.queue()
                        .subscribeAsync(
                                T2V,
                                input,
                                RequestOptions.builder()
                                        .deadline(Duration.ofMinutes(30))
                                        .onEnqueued(ref -> System.out.println("saved " + ref.requestId()))
                                        .onStatus(s -> System.out.println(
                                                s.requestId() + " " + s.status() + " " + s.queuePosition()))
                                        .build()))
                .collect(Collectors.toList());
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).join();
        jobs.get(0).cancel(true); // sends a cancel to fal if still running
    }

    void resume(KlingClient client, String savedRequestId) {
        RequestRef ref = client.queue().attach(T2V, savedRequestId);
        JobStatus now = client.queue().status(ref, true);
        now.logs().forEach(l -> System.out.println(l.level() + " " + l.message()));
    }
}
