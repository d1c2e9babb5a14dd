package dev.kling4j.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.testing.FakeSleeper;
import dev.kling4j.core.testing.LeakCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDownloaderTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    final byte[] video = content(200_000);
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final LeakCounter leaks = new LeakCounter();
    OkHttpClient ok;
    KlingClient client;

    @BeforeEach
    void setUp() {
        ok = new OkHttpClient.Builder().addInterceptor(leaks).build();
        client = KlingClient.builder()
                .apiKey("test-key")
                .okHttpClient(ok)
                .sleeper(new FakeSleeper())
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    /** Serves {@link #video}: the first full response drops halfway when asked to; ranges get 206. */
    private void serve(boolean dropFirst, boolean honourRange) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String range = request.getHeaders().get("Range");
                if (range != null && honourRange) {
                    int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                    return new MockResponse.Builder()
                            .code(206)
                            .setHeader("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length)
                            .body(new Buffer().write(Arrays.copyOfRange(video, from, video.length)))
                            .build();
                }
                MockResponse.Builder full = new MockResponse.Builder().code(200).body(new Buffer().write(video));
                if (dropFirst && requests.size() == 1) {
                    full.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
                }
                return full.build();
            }
        });
    }

    private String url() {
        return server.url("/files/output.mp4").toString();
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .toList();
        }
    }

    @Test
    void streamsTheFileToATemporaryFileAndRenamesItWhenComplete() throws Exception {
        serve(false, true);
        Files.writeString(dir.resolve("video.mp4"), "an older file");
        List<Long> progress = new CopyOnWriteArrayList<>();

        Path target = client.downloader()
                .listener((name, done, total) -> progress.add(total == video.length ? done : -1))
                .build()
                .downloadTo(url(), OptionalLong.of(video.length), dir.resolve("video.mp4"));

        assertThat(Files.readAllBytes(target)).isEqualTo(video);
        assertThat(leftovers()).isEmpty();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeaders().get("Authorization"))
                .as("the key never goes to a CDN")
                .isNull();
        assertThat(progress).isSorted().doesNotContain(-1L).last().isEqualTo((long) video.length);
        assertThat(leaks.open()).isZero();
    }

    @Test
    void resumesWithARangeRequestAfterTheConnectionDrops() throws Exception {
        serve(true, true);

        Path target =
                client.downloader().build().downloadTo(url(), OptionalLong.of(video.length), dir.resolve("v.mp4"));

        assertThat(Files.readAllBytes(target)).isEqualTo(video);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeaders().get("Range")).isNull();
        assertThat(requests.get(1).getHeaders().get("Range")).isEqualTo("bytes=" + video.length / 2 + "-");
        assertThat(leftovers()).isEmpty();
        assertThat(leaks.open()).isZero();
    }

    @Test
    void startsOverWhenTheServerIgnoresTheRange() throws Exception {
        serve(true, false);

        Path target = client.downloader().build().downloadTo(url(), OptionalLong.empty(), dir.resolve("v.mp4"));

        assertThat(Files.readAllBytes(target)).isEqualTo(video);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeaders().get("Range")).isEqualTo("bytes=" + video.length / 2 + "-");
    }

    @Test
    void refusesAFileWhoseSizeDiffersFromFalsAndLeavesNothingBehind() throws Exception {
        serve(false, true);
        Path target = dir.resolve("v.mp4");

        assertThatThrownBy(() -> client.downloader()
                        .requestId("req-4")
                        .build()
                        .downloadTo(url(), OptionalLong.of(video.length + 1), target))
                .isInstanceOfSatisfying(
                        UnexpectedResponseException.class,
                        e -> assertThat(e.requestId()).contains("req-4"))
                .hasMessage("downloaded " + video.length + " bytes from " + url() + " but fal announced "
                        + (video.length + 1) + "; the partial file was deleted: download it again (request req-4)");
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void givesUpWhenNoResumesAreAllowed() throws Exception {
        serve(true, true);
        Path target = dir.resolve("v.mp4");

        assertThatThrownBy(() -> client.downloader()
                        .maxResumes(0)
                        .build()
                        .downloadTo(url(), OptionalLong.of(video.length), target))
                .isExactlyInstanceOf(KlingConnectionException.class)
                .hasMessageStartingWith(
                        "the download of " + url() + " kept failing after 0 resumes at byte " + video.length / 2 + ": ")
                .hasMessageEndingWith("; check the network and download it again, or raise"
                        + " MediaDownloader.Builder.maxResumes for a flaky link");
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }
}
