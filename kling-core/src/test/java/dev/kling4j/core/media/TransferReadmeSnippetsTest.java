package dev.kling4j.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.testing.FakeSleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload and download snippets of README.md, compiled and run. */
class TransferReadmeSnippetsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    KlingClient client;

    @BeforeEach
    void setUp() {
        client = KlingClient.builder()
                .apiKey("test-key")
                .restUrl(server.url("/").toString())
                .sleeper(new FakeSleeper())
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @Test
    void uploadSnippet() throws Exception {
        Path hero = Files.write(dir.resolve("hero.png"), MediaFiles.png(800, 800));
        Path back = Files.write(dir.resolve("back.png"), MediaFiles.png(900, 900));
        for (int n = 1; n <= 2; n++) {
            server.enqueue(json("{\"upload_url\":\"" + server.url("/put/" + n)
                    + "\",\"file_url\":\"https://v3.fal.media/files/" + n + "\"}"));
            server.enqueue(new MockResponse.Builder().code(200).build());
        }
        Map<String, Long> progress = new ConcurrentHashMap<>();
        // --- snippet: upload ---
        MediaUploader uploader = client.uploader()
                .multipartThreshold(90L << 20) // the defaults, shown
                .partSize(10L << 20)
                .partConcurrency(4)
                .listener((name, done, total) -> progress.put(name, done))
                .build();
        Map<Media, String> urls = uploader.uploadAll(List.of(Media.file(hero), Media.file(back), Media.file(hero)));
        // hero is uploaded once; urls.get(Media.file(hero)) is its https://v3.fal.media/files/... URL
        // --- end snippet ---
        assertThat(urls.get(Media.file(hero))).isEqualTo("https://v3.fal.media/files/1");
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(progress).containsEntry(hero.toString(), Files.size(hero));
    }

    @Test
    void downloadSnippet() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("0123456789").build());
        String videoUrl = server.url("/files/out.mp4").toString();
        long fileSize = 10;
        TransferListener listener = TransferListener.NONE;
        Files.createDirectories(dir.resolve("out"));
        Path target = dir.resolve("out/video.mp4");
        // --- snippet: download ---
        Path saved = client.downloader()
                .maxResumes(5)
                .listener(listener)
                .build()
                .downloadTo(videoUrl, OptionalLong.of(fileSize), target);
        // --- end snippet ---
        assertThat(saved).hasContent("0123456789");
    }
}
