package dev.kling4j.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.testing.FakeSleeper;
import dev.kling4j.core.testing.LeakCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaUploaderTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    final FakeSleeper sleeper = new FakeSleeper();
    final LeakCounter leaks = new LeakCounter();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    final AtomicInteger initiations = new AtomicInteger();
    /** Answers that replace the storage's usual ones, by path. */
    final Map<String, MockResponse> answers = new ConcurrentHashMap<>();

    OkHttpClient ok;
    KlingClient client;

    @BeforeEach
    void setUp() {
        ok = new OkHttpClient.Builder().addInterceptor(leaks).build();
        client = KlingClient.builder()
                .apiKey("test-key")
                .restUrl(server.url("/").toString())
                .okHttpClient(ok)
                .sleeper(sleeper)
                .build();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return route(request);
            }
        });
    }

    @AfterEach
    void tearDown() {
        client.close();
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    /** fal's storage: upload URLs on 127.0.0.1 (another host than the REST URL's localhost), one per file. */
    private MockResponse route(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        String storage = "http://127.0.0.1:" + server.getPort();
        MockResponse fixed = answers.get(path);
        if (fixed != null) {
            return fixed;
        }
        if (path.equals("/storage/upload/initiate")) {
            int n = initiations.incrementAndGet();
            return json("{\"upload_url\":\"" + storage + "/signed/" + n + "?sig=s" + n
                    + "\",\"file_url\":\"https://v3.fal.media/files/" + n + "\"}");
        }
        if (path.equals("/storage/upload/initiate-multipart")) {
            int n = initiations.incrementAndGet();
            return json("{\"upload_url\":\"" + server.url("/multi/" + n) + "?sig=m" + n
                    + "\",\"file_url\":\"https://v3.fal.media/files/" + n + "\"}");
        }
        AtomicInteger fail = failuresLeft.get(path);
        if (fail != null && fail.getAndDecrement() > 0) {
            return new MockResponse.Builder()
                    .code(503)
                    .body("{\"detail\":\"busy\"}")
                    .build();
        }
        if (path.startsWith("/multi/") && r.getMethod().equals("PUT")) {
            String part = path.substring(path.lastIndexOf('/') + 1);
            return json("{\"partNumber\":" + part + ",\"etag\":\"etag-" + part + "\"}");
        }
        return new MockResponse.Builder().code(200).build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + i / 256);
        }
        return b;
    }

    private List<RecordedRequest> requestsTo(String prefix) {
        return requests.stream()
                .filter(r -> r.getUrl().encodedPath().startsWith(prefix))
                .toList();
    }

    @Test
    void uploadsASmallFileWithOneInitiateAndOnePut() throws Exception {
        byte[] png = MediaFiles.concat(MediaFiles.png(640, 640), content(2000));
        Path file = Files.write(dir.resolve("hero.png"), png);
        List<Long> progress = new CopyOnWriteArrayList<>();

        String url = client.uploader()
                .listener((name, done, total) -> progress.add(done))
                .build()
                .upload(Media.file(file));

        assertThat(url).isEqualTo("https://v3.fal.media/files/1");
        RecordedRequest initiate = requests.get(0);
        assertThat(initiate.getMethod()).isEqualTo("POST");
        assertThat(initiate.getUrl().queryParameter("storage_type")).isEqualTo("fal-cdn-v3");
        assertThat(initiate.getHeaders().get("Authorization")).isEqualTo("Key test-key");
        JsonNode body = Json.mapper().readTree(initiate.getBody().utf8());
        assertThat(body)
                .isEqualTo(Json.mapper().readTree("{\"content_type\":\"image/png\",\"file_name\":\"hero.png\"}"));
        RecordedRequest put = requests.get(1);
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getTarget()).isEqualTo("/signed/1?sig=s1");
        assertThat(put.getHeaders().get("Content-Type")).isEqualTo("image/png");
        assertThat(put.getHeaders().get("Authorization"))
                .as("no key to a host that is not fal's")
                .isNull();
        assertThat(put.getBody().toByteArray()).isEqualTo(png);
        assertThat(progress).last().isEqualTo((long) png.length);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void onlyTheInitiateCallsCarryTheKeyEvenWhenTheSignedUploadUrlIsOnTheRestHost() throws Exception {
        Path small = Files.write(dir.resolve("hero.png"), MediaFiles.png(640, 640));
        Path large = Files.write(dir.resolve("source.mp4"), content(1100));
        MediaUploader uploader =
                client.uploader().multipartThreshold(1000).partSize(256).build();

        uploader.upload(Media.file(small));
        uploader.upload(Media.file(large)); // its upload URL is on the REST URL's own host

        assertThat(requests).hasSize(2 + 1 + 5 + 1); // initiate + PUT, initiate-multipart + 5 parts + complete
        for (RecordedRequest r : requests) {
            boolean initiate = r.getUrl().encodedPath().startsWith("/storage/upload/initiate");
            assertThat(r.getHeaders().get("Authorization"))
                    .as(r.getMethod() + " " + r.getTarget())
                    .isEqualTo(initiate ? "Key test-key" : null);
            assertThat(r.getHeaders().get("User-Agent")).startsWith("kling4j/");
        }
        assertThat(requests)
                .filteredOn(r -> r.getUrl().encodedPath().startsWith("/storage/upload/initiate"))
                .hasSize(2);
    }

    @Test
    void anUploadToAServerThatStopsReadingFailsAfterTheStallTimeoutSayingHowFarItGot() throws Exception {
        byte[] big = content(16 << 20); // more than the loopback socket buffers hold
        try (java.net.ServerSocket deaf = new java.net.ServerSocket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try {
                    java.net.Socket accepted = deaf.accept();
                    try {
                        Thread.sleep(60_000); // accepts, reads nothing
                    } finally {
                        accepted.close();
                    }
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return json("{\"upload_url\":\"http://127.0.0.1:" + deaf.getLocalPort()
                            + "/signed/1\",\"file_url\":\"https://v3.fal.media/files/1\"}");
                }
            });
            KlingClient stalling = client.withOptions(b -> b.transferStallTimeout(java.time.Duration.ofMillis(300))
                    .retryPolicy(dev.kling4j.core.RetryPolicy.none()));

            assertThatThrownBy(() -> stalling.uploader().build().upload(Media.bytes(big, "video/mp4", "big.mp4")))
                    .isInstanceOfSatisfying(dev.kling4j.core.error.TransferStalledException.class, e -> {
                        assertThat(e.transferred()).isBetween(1L, (long) big.length - 1);
                        assertThat(e.total()).hasValue(big.length);
                    })
                    .hasMessageContaining("the upload of big.mp4 (16777216 bytes in memory) stalled after ")
                    .hasMessageContaining(" of " + big.length + " bytes: less than 16 KiB moved in 300 ms");
            acceptor.interrupt();
        }
    }

    @Test
    void returnsUrlsAndDataUrisAsTheyAreWithoutCallingFal() {
        MediaUploader uploader = client.uploader().build();

        assertThat(uploader.upload(Media.url("https://example.com/a.png"))).isEqualTo("https://example.com/a.png");
        assertThat(uploader.upload(Media.dataUri("data:image/png;base64,AAAA")))
                .isEqualTo("data:image/png;base64,AAAA");
        assertThat(requests).isEmpty();
    }

    @Test
    void sendsALargeFileInPartsSeveralAtOnceRetryingAFailedPartThenCompletes() throws Exception {
        byte[] data = content(5 * 256 + 76);
        Path file = Files.write(dir.resolve("source.mp4"), data);
        failuresLeft.put("/multi/1/2", new AtomicInteger(1)); // part 2 fails once with a 503
        List<Long> progress = new CopyOnWriteArrayList<>();
        MediaUploader uploader = client.uploader()
                .multipartThreshold(1000)
                .partSize(256)
                .partConcurrency(3)
                .listener((name, done, total) -> progress.add(done))
                .build();

        String url = uploader.upload(Media.file(file));

        assertThat(url).isEqualTo("https://v3.fal.media/files/1");
        assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/storage/upload/initiate-multipart");
        List<RecordedRequest> parts = requestsTo("/multi/1/").stream()
                .filter(r -> r.getMethod().equals("PUT"))
                .toList();
        assertThat(parts).hasSize(7); // 6 parts, part 2 twice
        for (RecordedRequest part : parts) {
            int n = Integer.parseInt(part.getUrl().pathSegments().get(2));
            assertThat(part.getUrl().queryParameter("sig")).isEqualTo("m1");
            assertThat(part.getBody().toByteArray())
                    .isEqualTo(Arrays.copyOfRange(data, (n - 1) * 256, Math.min(n * 256, data.length)));
        }
        assertThat(parts.stream().filter(r -> r.getUrl().encodedPath().equals("/multi/1/2")))
                .hasSize(2);
        RecordedRequest complete = requestsTo("/multi/1/complete").get(0);
        assertThat(complete.getMethod()).isEqualTo("POST");
        assertThat(complete.getUrl().queryParameter("sig")).isEqualTo("m1");
        assertThat(Json.mapper().readTree(complete.getBody().utf8()))
                .isEqualTo(
                        Json.mapper()
                                .readTree(
                                        "{\"parts\":[{\"partNumber\":1,\"etag\":\"etag-1\"},{\"partNumber\":2,\"etag\":\"etag-2\"},"
                                                + "{\"partNumber\":3,\"etag\":\"etag-3\"},{\"partNumber\":4,\"etag\":\"etag-4\"},"
                                                + "{\"partNumber\":5,\"etag\":\"etag-5\"},{\"partNumber\":6,\"etag\":\"etag-6\"}]}"));
        assertThat(requests.indexOf(complete)).isEqualTo(requests.size() - 1);
        assertThat(sleeper.delays()).hasSize(1);
        assertThat(progress).isSorted().last().isEqualTo((long) data.length);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void failsWithFalsErrorWhenAPartKeepsFailing() throws Exception {
        Path file = Files.write(dir.resolve("source.mp4"), content(1100));
        failuresLeft.put("/multi/1/3", new AtomicInteger(100));
        MediaUploader uploader =
                client.uploader().multipartThreshold(1000).partSize(256).build();

        assertThatThrownBy(() -> uploader.upload(Media.file(file)))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503))
                .hasMessageContaining("503");
        assertThat(requestsTo("/multi/1/complete")).isEmpty();
        assertThat(leaks.open()).isZero();
    }

    @Test
    void anInitiateAnswerThatIsNotJsonIsAnUnexpectedResponseAndNothingIsPut() throws Exception {
        Path file = Files.write(dir.resolve("hero.png"), MediaFiles.png(640, 640));
        answers.put(
                "/storage/upload/initiate",
                new MockResponse.Builder().code(200).body("<html>proxy</html>").build());

        assertThatThrownBy(() -> client.uploader().build().upload(Media.file(file)))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.body()).isEqualTo("<html>proxy</html>");
                    assertThat(e.requestId()).isEmpty();
                })
                .hasMessageStartingWith("fal's storage answered POST " + server.url("/storage/upload/initiate")
                        + " with a body that is not JSON (")
                .hasMessageEndingWith("): <html>proxy</html>; upload the file again");
        assertThat(requests).hasSize(1);
    }

    @Test
    void anInitiateAnswerWithoutAnUploadUrlNamesTheFileAndTheField() throws Exception {
        Path file = Files.write(dir.resolve("hero.png"), MediaFiles.png(640, 640));
        answers.put("/storage/upload/initiate", json("{\"file_url\":\"https://v3.fal.media/files/1\"}"));

        assertThatThrownBy(() -> client.uploader().build().upload(Media.file(file)))
                .isInstanceOfSatisfying(
                        UnexpectedResponseException.class,
                        e -> assertThat(e.body()).isEqualTo("{\"file_url\":\"https://v3.fal.media/files/1\"}"))
                .hasMessage("fal's storage answered the start of the upload of " + file + " without a valid upload_url"
                        + " and file_url: {\"file_url\":\"https://v3.fal.media/files/1\"}; upload the file again");
        assertThat(requests).hasSize(1);
    }

    @Test
    void aPartAnsweredWithoutAnEtagFailsTheUploadBeforeItIsCompleted() throws Exception {
        Path file = Files.write(dir.resolve("source.mp4"), content(1100));
        answers.put("/multi/1/2", json("{\"partNumber\":2}"));
        MediaUploader uploader =
                client.uploader().multipartThreshold(1000).partSize(256).build();

        assertThatThrownBy(() -> uploader.upload(Media.file(file)))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.headers()).containsKey("content-type");
                })
                .hasMessage("fal's storage answered part 2 of the upload of " + file + " without an etag (neither in"
                        + " the body nor as a header); upload the file again");
        assertThat(requestsTo("/multi/1/complete")).isEmpty();
        // the other parts, stopped by the failure, close their responses on their own threads
        assertThat(dev.kling4j.core.testing.Await.until(java.time.Duration.ofSeconds(5), () -> leaks.open() == 0))
                .as("no response left open")
                .isTrue();
    }

    @Test
    void uploadsTheSameFileOnceWhenARequestUsesItTwice() throws Exception {
        Path hero = Files.write(dir.resolve("hero.png"), MediaFiles.png(800, 800));
        Path back = Files.write(dir.resolve("back.png"), MediaFiles.png(900, 900));

        Map<Media, String> urls = client.uploader()
                .build()
                .uploadAll(List.of(Media.file(hero), Media.file(back), Media.file(dir.resolve("./hero.png"))));

        assertThat(urls)
                .containsExactly(
                        Map.entry(Media.file(hero), "https://v3.fal.media/files/1"),
                        Map.entry(Media.file(back), "https://v3.fal.media/files/2"));
        assertThat(initiations).hasValue(2);
    }

    @Test
    void sendsBytesInMemoryWithTheirDeclaredType() throws Exception {
        byte[] bytes = content(300);

        client.uploader().build().upload(Media.bytes(bytes, "image/webp", "frame.webp"));

        assertThat(Json.mapper()
                        .readTree(requests.get(0).getBody().utf8())
                        .path("content_type")
                        .asText())
                .isEqualTo("image/webp");
        assertThat(requests.get(1).getBody().toByteArray()).isEqualTo(bytes);
    }
}
