package dev.kling4j.core.media;

import static dev.kling4j.core.media.MediaFiles.ascii;
import static dev.kling4j.core.media.MediaFiles.box;
import static dev.kling4j.core.media.MediaFiles.concat;
import static dev.kling4j.core.media.MediaFiles.u32;
import static dev.kling4j.core.media.MediaFiles.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MediaInspectorTest {

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("png", MediaFiles.png(1920, 1080), MediaFormat.PNG, 1920, 1080),
                Arguments.of("gif", MediaFiles.gif(640, 480), MediaFormat.GIF, 640, 480),
                Arguments.of("baseline jpeg", MediaFiles.jpeg(4032, 3024, false), MediaFormat.JPEG, 4032, 3024),
                Arguments.of("progressive jpeg", MediaFiles.jpeg(800, 1200, true), MediaFormat.JPEG, 800, 1200),
                Arguments.of("lossy webp", MediaFiles.webpLossy(1024, 768), MediaFormat.WEBP, 1024, 768),
                Arguments.of("lossless webp", MediaFiles.webpLossless(300, 16383), MediaFormat.WEBP, 300, 16383),
                Arguments.of("extended webp", MediaFiles.webpExtended(5000, 20000), MediaFormat.WEBP, 5000, 20000),
                Arguments.of("avif", MediaFiles.avif(2048, 1536), MediaFormat.AVIF, 2048, 1536));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void readsAnImagesFormatAndSizeFromItsHeader(
            String name, byte[] bytes, MediaFormat format, int w, int h, @TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("image.bin"), bytes);

        MediaInfo info = MediaInspector.inspect(file).orElseThrow();

        assertThat(info.format()).isEqualTo(format);
        assertThat(info.width()).isEqualTo(w);
        assertThat(info.height()).isEqualTo(h);
        assertThat(info.duration()).isEmpty();
        assertThat(MediaInspector.inspect(bytes)).contains(info);
    }

    @Test
    void readsTheVideoTracksLengthFrameRateCodecAndSizeNotTheContainersOrTheSounds() {
        byte[] mp4 = MediaFiles.movie("isom", 1000, 6500, 1280, 720, false, true); // the sound lasts 16.5 s

        MediaInfo info = MediaInspector.inspect(mp4).orElseThrow();

        assertThat(info.format()).isEqualTo(MediaFormat.MP4);
        assertThat(info.duration()).contains(Duration.ofMillis(6500));
        assertThat(info.frameCount()).hasValue(195);
        assertThat(info.frameRate().orElseThrow()).isEqualTo(30.0);
        assertThat(info.codec()).contains("avc1");
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.height()).isEqualTo(720);
        assertThat(info.defect()).isEmpty();
    }

    @Test
    void roundsALengthUpToTheNanosecondSoItIsNeverShorterThanTheTrack() {
        byte[] mov = concat(box("ftyp", ascii("qt  "), u32(0)), MediaFiles.moov(3, 10, 1280, 720, false, false, 1));

        assertThat(MediaInspector.inspect(mov).orElseThrow().duration()).contains(Duration.ofNanos(3_333_333_334L));
    }

    @Test
    void addsUpEveryFragmentOfAFragmentedFileFromTrunDurationsOrTheTrexDefault() {
        byte[] mp4 = MediaFiles.fragmented(15_360, 8, 30, 512); // 8 fragments of 30 frames of 1/30 s

        MediaInfo info = MediaInspector.inspect(mp4).orElseThrow();

        assertThat(info.defect()).isEmpty();
        assertThat(info.duration()).contains(Duration.ofSeconds(8));
        assertThat(info.frameCount()).hasValue(240);
        assertThat(info.frameRate().orElseThrow()).isEqualTo(30.0);
        assertThat(info.codec()).contains("avc1");
    }

    @Test
    void refusesAFragmentedHeaderWithoutFragmentsAsHavingNoFrames() {
        byte[] mp4 = MediaFiles.fragmented(15_360, 0, 30, 512);

        assertThat(MediaInspector.inspect(mp4).orElseThrow().defect())
                .get()
                .satisfies(d -> assertThat(d.message()).startsWith("has no video frames"));
    }

    @Test
    void refusesAFragmentWhoseRunCountsMoreFramesThanItHoldsAsDamaged() {
        byte[] mp4 = MediaFiles.fragmented(15_360, 2, 30, 512);
        byte[] count = concat(ascii("trun"), new byte[] {0, 0, 1, 1}, u32(30));
        int at = indexOf(mp4, count) + 8;
        System.arraycopy(u32(0x7fffffff), 0, mp4, at, 4);

        assertThat(MediaInspector.inspect(mp4).orElseThrow().defect())
                .get()
                .satisfies(d -> assertThat(d.message()).contains("counts more frames than it holds"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void readsAMovWhoseMoovComesAfterTheMdatAndAVersion1MovieHeader() {
        byte[] mov = MediaFiles.movie("qt  ", 600, 600L * 12 + 300, 1920, 1080, true, false);

        MediaInfo info = MediaInspector.inspect(mov).orElseThrow();

        assertThat(info.format()).isEqualTo(MediaFormat.MOV);
        assertThat(info.duration()).contains(Duration.ofMillis(12_500));
        assertThat(info.width()).isEqualTo(1920);
    }

    @Test
    void reportsTheDisplayedSizeOfATrackRotatedAQuarterTurn() {
        byte[] mp4 = concat(box("ftyp", ascii("mp42"), u32(0)), MediaFiles.moov(30, 150, 1920, 1080, false, true));

        MediaInfo info = MediaInspector.inspect(mp4).orElseThrow();

        assertThat(info.width()).isEqualTo(1080);
        assertThat(info.height()).isEqualTo(1920);
    }

    @Test
    void seeksOverA5GibMdatWithA64BitSizeToReachTheMoovAtTheEnd(@TempDir Path dir) throws Exception {
        long mdatPayload = 5L << 30; // over 4 GiB: only a 64-bit size can say it
        byte[] ftyp = box("ftyp", ascii("qt  "), u32(0), ascii("qt  "));
        byte[] mdatHeader = concat(u32(1), ascii("mdat"), u64(16 + mdatPayload));
        byte[] moov = MediaFiles.moov(90_000, 90_000L * 9, 3840, 2160, false, false);
        Path file = dir.resolve("big.mov");
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(concat(ftyp, mdatHeader)));
            ch.write(ByteBuffer.wrap(moov), ftyp.length + 16 + mdatPayload); // the gap stays a hole on disk
        }

        MediaInfo info = MediaInspector.inspect(file).orElseThrow();

        assertThat(Files.size(file)).isGreaterThan(5L << 30);
        assertThat(info.format()).isEqualTo(MediaFormat.MOV);
        assertThat(info.duration()).contains(Duration.ofSeconds(9));
        assertThat(info.width()).isEqualTo(3840);
        assertThat(info.height()).isEqualTo(2160);
    }

    @Test
    void keepsTheFormatOfAFileCutInsideItsHeaderAndSaysItIsCutShort() {
        byte[] png = Arrays.copyOf(MediaFiles.png(500, 500), 20);

        MediaInfo info = MediaInspector.inspect(png).orElseThrow();

        assertThat(info.format()).isEqualTo(MediaFormat.PNG);
        assertThat(info.hasSize()).isFalse();
        assertThat(info.defect()).get().satisfies(d -> assertThat(d.message()).startsWith("is cut short"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void neverReadsAnImageCutBeforeItsEndAsWhole(String name, byte[] bytes) {
        for (int length = 0; length < bytes.length; length++) {
            Optional<MediaInfo> info = MediaInspector.inspect(Arrays.copyOf(bytes, length));

            // unrecognised when cut inside the signature (or an AVIF's brands), else read with a defect
            assertThat(info.map(i -> i.defect().isPresent()))
                    .as("%s cut to %d bytes", name, length)
                    .isNotEqualTo(Optional.of(false));
        }
    }

    @Test
    void readsAJpegOfMegabytesOfFillBytesInWindowsNotAByteAtATime() throws Exception {
        byte[] jpeg = new byte[8 << 20];
        Arrays.fill(jpeg, (byte) 0xff);
        jpeg[1] = (byte) 0xd8; // a start-of-image marker, then nothing but fill bytes
        AtomicInteger reads = new AtomicInteger();
        ByteSource counting = new ByteSource(new byte[0], 0, 0) {
            @Override
            long size() {
                return jpeg.length;
            }

            @Override
            void fill(long pos, byte[] dst, int len) {
                reads.incrementAndGet();
                System.arraycopy(jpeg, (int) pos, dst, 0, len);
            }
        };

        MediaInfo info = MediaInspector.inspect(counting).orElseThrow();

        assertThat(info.format()).isEqualTo(MediaFormat.JPEG);
        assertThat(info.defect()).get().satisfies(d -> assertThat(d.message()).startsWith("is cut short"));
        assertThat(reads.get()).isLessThanOrEqualTo((8 << 20) / (16 << 10) + 2); // one read per 16 KiB window
    }

    @Test
    void refusesToOpenAPipeSoNothingBlocksOnIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("video.mp4");
        assumeTrue(MediaFiles.mkfifo(fifo), "mkfifo is not available here");

        // opening a FIFO to read would block until a writer came: the guard is that it is never opened
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThatThrownBy(() -> MediaInspector.inspect(fifo))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot read " + fifo)
                    .hasRootCauseMessage(fifo + " is not a regular file (a directory, pipe or device)");
        });
    }

    @Test
    void recognisesNothingInTextOrTinyFiles() {
        assertThat(MediaInspector.inspect(ascii("just some text, not an image")))
                .isEmpty();
        assertThat(MediaInspector.inspect(new byte[] {(byte) 0x89, 'P'})).isEmpty();
    }
}
