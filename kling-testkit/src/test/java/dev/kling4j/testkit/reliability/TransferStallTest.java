package dev.kling4j.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.error.TransferStalledException;
import dev.kling4j.core.media.Media;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.Fault;
import dev.kling4j.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download whose body stops coming (the emulator's slow-body fault: a first chunk, then nothing for an hour)
 * is abandoned after the client's transfer stall timeout, and resumed from the byte it reached.
 */
class TransferStallTest {
    static final int SIZE = 64 * 1024;
    static final int FIRST_CHUNK = 8 * 1024; // less than the 16 KiB that counts as progress

    @TempDir
    Path dir;

    FalEmulator fal;
    KlingClient client;
    byte[] content;
    String url;

    @BeforeEach
    void setUp() {
        fal = FalEmulator.start();
        client = fal.newClient().withOptions(b -> b.transferStallTimeout(Duration.ofMillis(300)));
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        url = client.uploader().build().upload(Media.bytes(content, "video/mp4", "clip.mp4"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        fal.close();
    }

    private List<RecordedRequest> downloads() {
        return fal.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().startsWith("/files/"))
                .toList();
    }

    @Test
    void aStalledDownloadIsAbandonedAndResumedFromTheByteItReached() throws Exception {
        fal.faults().next(Fault.slowBody(FIRST_CHUNK, Duration.ofHours(1)).on("GET", "/files/"));

        Path saved = client.downloader().build().downloadTo(url, OptionalLong.of(SIZE), dir.resolve("clip.mp4"));

        assertThat(Files.readAllBytes(saved)).isEqualTo(content);
        assertThat(downloads()).hasSize(2);
        assertThat(downloads().get(1).header("Range")).contains("bytes=" + FIRST_CHUNK + "-");
    }

    @Test
    void aDownloadThatStallsOnEveryAttemptFailsSayingHowFarItGot() {
        fal.faults()
                .next(Fault.slowBody(FIRST_CHUNK, Duration.ofHours(1))
                        .on("GET", "/files/")
                        .times(2));
        Path target = dir.resolve("clip.mp4");

        assertThatThrownBy(
                        () -> client.downloader().maxResumes(1).build().downloadTo(url, OptionalLong.of(SIZE), target))
                .isInstanceOfSatisfying(TransferStalledException.class, e -> {
                    assertThat(e.transferred()).isEqualTo(2L * FIRST_CHUNK); // resumed once, stalled again
                    assertThat(e.total()).hasValue(SIZE);
                    assertThat(e.stallTimeout()).isEqualTo(Duration.ofMillis(300));
                })
                .hasMessageContaining("stalled after " + 2 * FIRST_CHUNK + " of " + SIZE + " bytes");
        assertThat(downloads()).hasSize(2);
        assertThat(target).doesNotExist();
    }
}
