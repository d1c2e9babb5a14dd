package dev.kling4j.core.media;

import static dev.kling4j.core.media.MediaFiles.ascii;
import static dev.kling4j.core.media.MediaFiles.box;
import static dev.kling4j.core.media.MediaFiles.concat;
import static dev.kling4j.core.media.MediaFiles.u32;
import static dev.kling4j.core.media.MediaFiles.u64;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
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
    void readsAnImagesFormatAndSizeFromItsHeader(String name, byte[] bytes, MediaFormat format, int w, int h,
            @TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("image.bin"), bytes);

        MediaInfo info = MediaInspector.inspect(file).orElseThrow();

        assertThat(info.format()).isEqualTo(format);
        assertThat(info.width()).isEqualTo(w);
        assertThat(info.height()).isEqualTo(h);
        assertThat(info.duration()).isEmpty();
        assertThat(MediaInspector.inspect(bytes)).contains(info);
    }

    @Test
    void readsAnMp4sDurationAndItsVideoTracksSizeNotTheAudioTracks() {
        byte[] mp4 = MediaFiles.movie("isom", 1000, 6500, 1280, 720, false, true);

        MediaInfo info = MediaInspector.inspect(mp4).orElseThrow();

        assertThat(info.format()).isEqualTo(MediaFormat.MP4);
        assertThat(info.duration()).contains(Duration.ofMillis(6500));
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.height()).isEqualTo(720);
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
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
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
    void keepsTheFormatButNoSizeWhenTheHeaderIsTruncated() {
        byte[] png = Arrays.copyOf(MediaFiles.png(500, 500), 20);

        MediaInfo info = MediaInspector.inspect(png).orElseThrow();

        assertThat(info.format()).isEqualTo(MediaFormat.PNG);
        assertThat(info.hasSize()).isFalse();
    }

    @Test
    void recognisesNothingInTextOrTinyFiles() {
        assertThat(MediaInspector.inspect(ascii("just some text, not an image"))).isEmpty();
        assertThat(MediaInspector.inspect(new byte[] {(byte) 0x89, 'P'})).isEmpty();
    }
}
