package dev.kling4j.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.testing.FakeSleeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    KlingClient client() {
        return KlingClient.builder()
                .apiKey("sk-LOGGED-NEVER-123")
                .queueUrl(server.url("/").toString())
                .sleeper(new FakeSleeper())
                .build();
    }

    @Test
    void aStreamedFileUploadCanGoWithoutAuthorizationAndIsRetriedFromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("clip.mp4"), "not really a video");
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (KlingClient client = client()) {
            Request put = new Request.Builder()
                    .url(server.url("/upload/abc"))
                    .put(RequestBody.create(file.toFile(), MediaType.get("video/mp4")))
                    .build();

            try (Response r = ClientAccess.of(client)
                    .resources()
                    .transport()
                    .execute(HttpCall.of(put, RetryMode.IDEMPOTENT).withAuthenticate(false))) {
                assertThat(r.code()).isEqualTo(200);
            }

            server.takeRequest();
            RecordedRequest second = server.takeRequest();
            assertThat(second.getMethod()).isEqualTo("PUT");
            assertThat(second.getHeaders().get("Authorization")).isNull();
            assertThat(second.getHeaders().get("Content-Type")).isEqualTo("video/mp4");
            assertThat(second.getBody().utf8()).isEqualTo("not really a video");
        }
    }

    @Test
    void aRangedDownloadStreamsTheBodyToTheCaller() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(206)
                .setHeader("Content-Type", "video/mp4")
                .body("0123456789")
                .build());
        try (KlingClient client = client()) {
            Request get = new Request.Builder()
                    .url(server.url("/files/a.mp4"))
                    .header("Range", "bytes=0-9")
                    .build();

            Response r = ClientAccess.of(client)
                    .resources()
                    .transport()
                    .executeAsync(HttpCall.of(get, RetryMode.READ).withAuthenticate(false))
                    .get(5, TimeUnit.SECONDS);
            try (r) {
                assertThat(new String(r.body().byteStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("0123456789");
            }

            assertThat(server.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=0-9");
        }
    }

    @Test
    void theAuthorizationHeaderIsRedactedInLogsAndTheKeyIsNeverWritten() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body("{\"status\":\"IN_QUEUE\"}")
                .build());
        try (KlingClient client = client()) {
            client.queue().status(client.queue().attach("fal-ai/kling-video/x", "r1"), true);
        }

        assertThat(LoggingTransport.redact(Headers.of("Authorization", "Key sk-1", "Accept", "x")))
                .isEqualTo("Authorization: ██\nAccept: x\n");
        String log = Files.readString(Path.of("target/kling4j-test.log"));
        assertThat(log)
                .contains("GET " + server.url("/fal-ai/kling-video/requests/r1/status?logs=1") + " -> 200 (attempt 1")
                .contains("Authorization: ██")
                .doesNotContain("sk-LOGGED-NEVER-123")
                .doesNotContain("test-key")
                .doesNotContain("sk-very-secret-key")
                .doesNotContain("sk-top-secret");
    }
}
