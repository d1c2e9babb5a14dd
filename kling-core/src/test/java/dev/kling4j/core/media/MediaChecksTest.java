package dev.kling4j.core.media;

import static dev.kling4j.core.media.MediaFiles.ascii;
import static dev.kling4j.core.media.MediaFiles.box;
import static dev.kling4j.core.media.MediaFiles.concat;
import static dev.kling4j.core.media.MediaFiles.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kling4j.core.error.Problem;
import dev.kling4j.core.pricing.BilledSeconds;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaChecksTest {
    private final MediaChecks checks = MediaChecks.standard();

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The messages joined by {@code |}, without the file name each starts with. */
    private static String messagesWithout(Path file, List<Problem> problems) {
        return String.join(
                " | ",
                problems.stream().map(p -> p.message().replace(file + " ", "")).toList());
    }

    @Test
    void passesAGoodImageFileWithNoProblems() throws Exception {
        Path file = write("hero.png", MediaFiles.png(1024, 1024));

        assertThat(checks.check(Media.file(file), MediaRole.IMAGE, "image_url")).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1} px: {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "300; 300; ''",
                "299; 1000; is 299x1000 px, smaller than 300 px on a side | has aspect ratio 0.30 (299x1000), outside 0.40–2.50",
                "400; 1000; ''",
                "399; 1000; has aspect ratio 0.40 (399x1000), outside 0.40–2.50",
                "2500; 1000; ''",
                "2501; 1000; has aspect ratio 2.50 (2501x1000), outside 0.40–2.50",
            })
    void checksAnImagesShorterSideAndAspectRatioExactly(int w, int h, String expected) throws Exception {
        Path file = write("image.jpg", MediaFiles.jpeg(w, h, false));

        List<Problem> problems = checks.check(Media.file(file), MediaRole.IMAGE, "elements[0].frontal_image_url");

        assertThat(problems).allMatch(p -> p.field().equals("elements[0].frontal_image_url"));
        assertThat(messagesWithout(file, problems)).isEqualTo(expected);
    }

    @Test
    void refusesAMissingFileNamingTheFieldAndPath() {
        Path missing = dir.resolve("nope.png");

        List<Problem> problems = checks.check(Media.file(missing), MediaRole.IMAGE, "image_url");

        assertThat(problems)
                .containsExactly(new Problem("image_url", "file " + missing + " does not exist", "check the path"));
    }

    @Test
    void refusesAnEmptyFileAndAFileThatIsNoImage() throws Exception {
        assertThat(checks.check(Media.file(write("empty.png", new byte[0])), MediaRole.IMAGE, "image_url"))
                .extracting(Problem::message)
                .containsExactly(dir.resolve("empty.png") + " is empty");
        assertThat(checks.check(
                        Media.file(write("notes.png", "hello there, world".getBytes())), MediaRole.IMAGE, "image_url"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).endsWith("notes.png is not an image kling4j recognises");
                    assertThat(p.fix())
                            .isEqualTo("pass a file of one of these formats: avif, gif, jpeg, jpg, png, webp");
                });
    }

    @Test
    void refusesAVideoGivenWhereAnImageGoesAndTheOtherWayRound() throws Exception {
        Path mp4 = write("clip.mp4", MediaFiles.movie("isom", 1000, 5000, 1280, 720, false, true));
        Path png = write("still.png", MediaFiles.png(1280, 720));

        assertThat(checks.check(Media.file(mp4), MediaRole.IMAGE, "image_url"))
                .extracting(Problem::message)
                .containsExactly(mp4 + " is an MP4 video, not an image");
        assertThat(checks.check(Media.file(png), MediaRole.VIDEO, "video_url"))
                .extracting(Problem::message)
                .containsExactly(png + " is a PNG image, not a video");
    }

    @Test
    void readsTheFormatFromTheHeaderNotTheFileName() throws Exception {
        Path file = write("download.bin", MediaFiles.webpLossy(800, 600));

        assertThat(checks.check(Media.file(file), MediaRole.IMAGE, "image_url")).isEmpty();
    }

    @Test
    void refusesAnImageOverTheSizeLimitWithoutReadingIt() throws Exception {
        Path file = dir.resolve("huge.png");
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(MediaFiles.png(2000, 2000)));
            ch.write(ByteBuffer.wrap(new byte[1]), 11L << 20); // 11 MiB, mostly a hole
        }

        assertThat(checks.check(Media.file(file), MediaRole.IMAGE, "image_url"))
                .extracting(Problem::message)
                .containsExactly(file + " is 11.0 MiB, over the image limit of 10.0 MiB");
    }

    @ParameterizedTest(name = "{0} ms, {1}x{2}: {3}")
    @CsvSource(
            delimiter = ';',
            value = {
                "3000; 1280; 720; ''",
                "15000; 720; 1280; ''",
                "15001; 720; 1280; lasts 15.001 s, outside 3–15 s",
                "15015; 720; 1280; lasts 15.015 s, outside 3–15 s",
                "2999; 1280; 720; lasts 2.999 s, outside 3–15 s",
                "2900; 1280; 720; lasts 2.9 s, outside 3–15 s",
                "5000; 640; 360; is 640x360 px, but each side must be 720–3840 px",
                "5000; 4096; 2160; is 4096x2160 px, but each side must be 720–3840 px",
            })
    void checksAVideosExactLengthAndBothSides(long millis, int w, int h, String expected) throws Exception {
        Path file = write("source.mov", MediaFiles.movie("qt  ", 1000, millis, w, h, false, false));

        List<Problem> problems = checks.check(Media.file(file), MediaRole.VIDEO, "video_url");

        assertThat(messagesWithout(file, problems)).isEqualTo(expected);
    }

    @Test
    void refusesALengthOverTheLimitByLessThanAMillisecondShowingItRoundedUp() throws Exception {
        Path file = write(
                "source.mov",
                concat(
                        box("ftyp", ascii("qt  "), u32(0)),
                        MediaFiles.moov(90_000, 90_000L * 15 + 1, 1280, 720, false, false, 30)));

        assertThat(messagesWithout(file, checks.check(Media.file(file), MediaRole.VIDEO, "video_url")))
                .isEqualTo("lasts 15.001 s, outside 3–15 s");
    }

    @ParameterizedTest(name = "{0} fps: {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "12; has a frame rate of 12 fps, outside 24–60 fps",
                "23.4; has a frame rate of 23.4 fps, outside 24–60 fps",
                "23.976; ''",
                "24; ''",
                "59.94; ''",
                "60; ''",
                "61; has a frame rate of 61 fps, outside 24–60 fps",
                "120; has a frame rate of 120 fps, outside 24–60 fps",
            })
    void checksAVideosFrameRateRoundedToAWholeFramePerSecond(double fps, String expected) throws Exception {
        Path file = write(
                "source.mp4",
                concat(
                        box("ftyp", ascii("isom"), u32(0)),
                        MediaFiles.moov(120_000, 120_000L * 5, 1280, 720, false, false, fps)));

        List<Problem> problems = checks.check(Media.file(file), MediaRole.VIDEO, "elements[0].video_url");

        assertThat(messagesWithout(file, problems)).isEqualTo(expected);
        assertThat(problems)
                .allMatch(p -> p.field().equals("elements[0].video_url")
                        && p.fix().equals("re-encode it at 24–60 fps, e.g. ffmpeg -i in.mp4 -r 30 out.mp4"));
    }

    @Test
    void refusesAFileThatIsNotRegularBeforeReadingIt() throws Exception {
        Path fifo = dir.resolve("clip.mp4");
        assumeTrue(MediaFiles.mkfifo(fifo), "mkfifo is not available here");

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> { // a guard: reading a FIFO would block forever
                    assertThat(checks.check(Media.file(fifo), MediaRole.VIDEO, "video_url"))
                            .containsExactly(new Problem(
                                    "video_url",
                                    fifo + " is not a regular file (a directory, pipe or device)",
                                    "pass a regular file: write a stream to a file first"));
                    assertThat(BilledSeconds.ofSourceVideo(Media.file(fifo))).isEmpty();
                });
    }

    @Test
    void refusesACutFileNamingWhatIsMissing() throws Exception {
        byte[] whole = MediaFiles.movie("isom", 1000, 5000, 1280, 720, false, true);
        Path file = write("cut.mp4", java.util.Arrays.copyOf(whole, whole.length - 10));

        assertThat(checks.check(Media.file(file), MediaRole.VIDEO, "video_url"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.message())
                            .isEqualTo(
                                    file + " is cut short: its 'mdat' box at byte " + (whole.length - 72)
                                            + " needs 10 bytes more than the file holds (an interrupted download, copy or recording)");
                    assertThat(p.fix()).isEqualTo("pass the whole file: copy, download or export it again");
                });
    }

    @Test
    void checksBytesAndBase64DataUrisLikeFiles() {
        byte[] small = MediaFiles.gif(100, 100);
        String dataUri = "data:image/gif;base64," + Base64.getEncoder().encodeToString(small);

        assertThat(checks.check(Media.bytes(small, "image/gif", "tiny.gif"), MediaRole.IMAGE, "image_urls[0]"))
                .extracting(Problem::message)
                .containsExactly(
                        "tiny.gif (" + small.length + " bytes in memory) is 100x100 px, smaller than 300 px on a side");
        assertThat(checks.check(Media.dataUri(dataUri), MediaRole.IMAGE, "image_urls[1]"))
                .extracting(Problem::field)
                .containsExactly("image_urls[1]");
        assertThat(checks.check(Media.dataUri("data:video/mp4;base64,AAAA"), MediaRole.IMAGE, "image_url"))
                .extracting(Problem::message)
                .containsExactly("the data URI holds video/mp4, not image/*");
    }

    @Test
    void neverRefusesARemoteUrlItCannotInspect() {
        assertThat(checks.check(Media.url("https://example.com/signed?token=abc"), MediaRole.VIDEO, "video_url"))
                .isEmpty();
        assertThat(checks.check(Media.url("https://example.com/a.txt"), MediaRole.IMAGE, "image_url"))
                .isEmpty();
    }
}
