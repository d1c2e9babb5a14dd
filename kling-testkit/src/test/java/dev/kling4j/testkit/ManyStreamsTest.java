package dev.kling4j.testkit;

import static dev.kling4j.testkit.Wire.I2V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManyStreamsTest {
    private static final int JOBS = 1_000;

    @Test
    void aThousandJobsWithOpenStatusStreamsAllCompleteWithoutAThreadPerStream() throws Exception {
        int threadsBefore = Thread.activeCount();
        ExecutorService clientPool = Executors.newFixedThreadPool(8);
        try (FalEmulator fal = FalEmulator.start()) {
            fal.script().defaults().holdInQueue().queueTime(Duration.ZERO).runTime(Duration.ofMillis(10));
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(clientPool)
                    .build();
            List<CompletableFuture<HttpResponse<String>>> submits = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                submits.add(client.sendAsync(
                        Wire.request(fal.queueUrl() + "/" + I2V)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"job " + i + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> s : submits) {
                JsonNode submitted =
                        Json.mapper().readTree(s.get(30, TimeUnit.SECONDS).body());
                streams.add(client.sendAsync(
                        Wire.request(submitted.get("status_url").asText() + "/stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(fal.awaitOpenStatusStreams(JOBS, Duration.ofSeconds(30))).isTrue();
            assertThat(fal.jobsCreated()).isEqualTo(JOBS);
            // Both the emulator and java.net.http multiplex: far fewer threads than open streams.
            long emulatorThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("fal-emulator-")
                            || t.getName().equals("HTTP-Dispatcher"))
                    .count();
            assertThat(emulatorThreads).isLessThan(30);
            assertThat(Thread.activeCount() - threadsBefore).isLessThan(60);

            assertThat(fal.releaseAll()).isEqualTo(JOBS);
            for (CompletableFuture<HttpResponse<String>> s : streams) {
                String body = s.get(30, TimeUnit.SECONDS).body();
                assertThat(body)
                        .startsWith("data: {")
                        .contains("\"status\":\"IN_QUEUE\"")
                        .contains("\"status\":\"IN_PROGRESS\"");
                assertThat(body.substring(body.lastIndexOf("data: "))).contains("\"status\":\"COMPLETED\"");
            }
            assertThat(fal.openStatusStreams()).isZero();
        } finally {
            clientPool.shutdownNow();
        }
    }

    @Test
    void theServerIsCreatedWithNagleOffAndRoomForManyIdleConnections() {
        try (FalEmulator fal = FalEmulator.start()) {
            // The JDK server reads these once; without them small answers can stall ~40 ms on delayed ACKs,
            // and idle connections beyond 200 are closed under clients that go on to reuse them.
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
            assertThat(Integer.getInteger("sun.net.httpserver.maxIdleConnections"))
                    .isGreaterThanOrEqualTo(1000);
            assertThat(fal.port()).isPositive();
        }
    }

    @Test
    void closeStopsEveryThreadTheEmulatorStarted() throws Exception {
        try (FalEmulator fal = FalEmulator.start()) {
            JsonNode submitted = Wire.submit(fal, I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
            Wire.awaitCompleted(submitted);
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("fal-emulator-")) {
                t.join(5_000);
                assertThat(t.isAlive()).as(t.getName()).isFalse();
            }
        }
    }
}
