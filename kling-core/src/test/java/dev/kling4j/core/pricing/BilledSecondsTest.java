package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seconds an edit is billed for: the source video's length, whole seconds exactly, any fraction rounded up. */
class BilledSecondsTest {
    @TempDir
    Path dir;

    /** A movie of {@code units / timescale} seconds. */
    static byte[] movie(long timescale, long units) {
        return MediaFiles.movie("isom", timescale, units, 1280, 720, false, true);
    }

    @ParameterizedTest(name = "{1}/{0} s is billed {2} s")
    @CsvSource({
        "1000, 5000, 5",
        "1000, 5001, 6",
        "1000, 4999, 5",
        "600, 9000, 15",
        "600, 9001, 16",
        "90000, 270000, 3",
        "1000, 1, 1",
    })
    void aWholeSecondIsBilledAsItIsAndAnyFractionRoundsUp(long timescale, long units, int billed) throws Exception {
        Path file = Files.write(dir.resolve("clip.mp4"), movie(timescale, units));

        assertThat(BilledSeconds.ofSourceVideo(Media.file(file))).hasValue(billed);
        assertThat(BilledSeconds.ofSourceVideo(Media.bytes(movie(timescale, units), "video/mp4", "clip.mp4")))
                .hasValue(billed);
    }

    @Test
    void aLengthNoVideoCanHaveIsADefectAndNotBilledAsAWrappedNumber() {
        // 3,000,000,000 s at one frame every two seconds: a frame table that fits, a length that does not fit an int
        byte[] huge = MediaFiles.concat(
                MediaFiles.box("ftyp", MediaFiles.ascii("isom"), MediaFiles.u32(0), MediaFiles.ascii("isom")),
                MediaFiles.moov(1, 3_000_000_000L, 1280, 720, true, false, 0.5),
                MediaFiles.box("mdat", new byte[64]));

        assertThat(dev.kling4j.core.media.MediaInspector.inspect(huge)
                        .orElseThrow()
                        .defect())
                .isPresent();
        assertThat(BilledSeconds.ofSourceVideo(Media.bytes(huge, "video/mp4", "long.mp4")))
                .isEmpty();
    }

    @Test
    void aRemoteVideoHasNoLengthBeforeTheRun() {
        assertThat(BilledSeconds.ofSourceVideo(Media.url("https://example.com/clip.mp4")))
                .isEmpty();
        assertThat(BilledSeconds.ofSourceVideo(Media.dataUri("data:video/mp4;base64,AAAA")))
                .isEmpty();
    }

    @Test
    void aFileThatCannotBeReadOrIsNoVideoHasNoLength() throws Exception {
        assertThat(BilledSeconds.ofSourceVideo(Media.file(dir.resolve("missing.mp4"))))
                .isEqualTo(OptionalInt.empty());
        Path image = Files.write(dir.resolve("still.mp4"), MediaFiles.png(800, 600));
        assertThat(BilledSeconds.ofSourceVideo(Media.file(image))).isEmpty();
        assertThatThrownBy(() -> BilledSeconds.ofSourceVideo(null)).isInstanceOf(NullPointerException.class);
    }
}
