package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulator's videos through ffmpeg's own tools, where they are installed ({@code ffprobe} and
 * {@code ffmpeg} on the PATH); skipped, saying so, where they are not.
 */
@FalEmulatorTest
class FfmpegTest {
    private static boolean installed;

    @BeforeAll
    static void findFfmpeg() {
        try {
            installed = run(List.of("ffprobe", "-version"), null).exit == 0
                    && run(List.of("ffmpeg", "-version"), null).exit == 0;
        } catch (IOException e) {
            installed = false;
        }
    }

    private static void assumeInstalled() {
        assumeThat(installed)
                .as("ffprobe and ffmpeg are not on the PATH: skipped (apt-get install ffmpeg to run)")
                .isTrue();
    }

    private record Result(int exit, byte[] out, String err) {}

    private static Result run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        // stderr is drained on its own thread so that neither pipe can fill and block the tool
        ByteCollector err = new ByteCollector(p.getErrorStream());
        err.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not end within 60 s");
            }
            err.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out, new String(err.bytes(), StandardCharsets.UTF_8));
    }

    private static final class ByteCollector extends Thread {
        private final InputStream in;
        private volatile byte[] bytes = new byte[0];

        ByteCollector(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                bytes = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private static Path save(JsonNode video, Path dir) throws IOException {
        return Files.write(
                dir.resolve("out.mp4"),
                Wire.getBytes(video.get("url").asText(), null).body());
    }

    private static JsonNode probe(Path file) throws IOException {
        Result r = run(
                List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-count_frames",
                        "-show_format",
                        "-show_streams",
                        "-of",
                        "json",
                        file.toString()),
                null);
        assertThat(r.exit).as("ffprobe: %s", r.err).isZero();
        assertThat(r.err).as("ffprobe's complaints").isEmpty();
        return Json.mapper().readTree(r.out);
    }

    private static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.get("streams")) {
            if (s.get("codec_type").asText().equals(type)) {
                return s;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                EmulatorVideoTest.T2V
                        + " | {\"prompt\":\"A red fox runs through fresh snow\",\"duration\":\"5\"} | 1280 | 720 | 5 | false",
                "fal-ai/kling-video/o3/pro/text-to-video | {\"prompt\":\"a cat\",\"aspect_ratio\":\"1:1\",\"duration\":\"3\",\"generate_audio\":true} | 1080 | 1080 | 3 | true",
                "fal-ai/kling-video/o3/4k/text-to-video | {\"prompt\":\"a city at night\",\"aspect_ratio\":\"9:16\",\"duration\":\"15\"} | 2160 | 3840 | 15 | false",
            })
    void ffprobeReadsWhatWasAskedAndFfmpegDecodesItWithoutAnError(
            String endpoint, String input, int w, int h, int seconds, boolean audio, FalEmulator fal, @TempDir Path dir)
            throws IOException {
        assumeInstalled();
        Path file = save(Wire.generate(fal, endpoint, input), dir);

        JsonNode probe = probe(file);
        JsonNode video = stream(probe, "video");
        assertThat(video.get("codec_name").asText()).isEqualTo("h264");
        assertThat(video.get("profile").asText()).isEqualTo("Constrained Baseline");
        assertThat(video.get("width").asInt()).isEqualTo(w);
        assertThat(video.get("height").asInt()).isEqualTo(h);
        assertThat(video.get("r_frame_rate").asText()).isEqualTo("24/1");
        assertThat(video.get("avg_frame_rate").asText()).isEqualTo("24/1");
        assertThat(video.get("nb_read_frames").asInt()).isEqualTo(seconds * 24);
        assertThat(video.get("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(video.get("color_space").asText()).isEqualTo("smpte170m");
        assertThat(probe.get("format").get("duration").asDouble())
                .isCloseTo(seconds, org.assertj.core.data.Offset.offset(1 / 48.0));
        JsonNode sound = stream(probe, "audio");
        assertThat(sound != null).as("audio stream").isEqualTo(audio);
        if (audio) {
            assertThat(sound.get("codec_name").asText()).isEqualTo("aac");
            assertThat(sound.get("profile").asText()).isEqualTo("LC");
            assertThat(sound.get("sample_rate").asInt()).isEqualTo(48_000);
            assertThat(sound.get("duration").asDouble())
                    .isCloseTo(seconds, org.assertj.core.data.Offset.offset(1 / 24.0));
        }

        Result decode = run(List.of("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-"), null);
        assertThat(decode.exit).isZero();
        assertThat(decode.err).as("ffmpeg's decoding errors").isEmpty();

        MediaInfo inspected = MediaInspector.inspect(file).orElseThrow();
        assertThat(inspected.width())
                .as("MediaInspector's width")
                .isEqualTo(video.get("width").asInt());
        assertThat(inspected.height())
                .as("MediaInspector's height")
                .isEqualTo(video.get("height").asInt());
        assertThat(inspected.duration().orElseThrow().toMillis() / 1000.0)
                .as("MediaInspector's duration")
                .isEqualTo(probe.get("format").get("duration").asDouble());
        assertThat(inspected.frameRate().orElseThrow())
                .as("MediaInspector's frame rate")
                .isCloseTo(frameRate(video.get("avg_frame_rate").asText()), org.assertj.core.data.Offset.offset(0.05))
                .isCloseTo(24.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(inspected.codec()).as("MediaInspector's codec").contains("avc1");
    }

    /** ffprobe's frame rates are fractions, "24/1". */
    private static double frameRate(String fraction) {
        String[] p = fraction.split("/");
        return Double.parseDouble(p[0]) / (p.length > 1 ? Double.parseDouble(p[1]) : 1);
    }

    @Test
    void ffmpegDecodesEveryFrameToExactlyTheRenderedPicture(@TempDir Path dir) throws IOException {
        assumeInstalled();
        TestVideo video = TestVideo.builder(640, 360, Duration.ofSeconds(2))
                .caption("caption")
                .shot("one", Duration.ofSeconds(1))
                .shot("two, a longer shot prompt", Duration.ofSeconds(1))
                .audio(true)
                .build();
        Path file = video.write(dir.resolve("v.mp4"));

        Result raw = run(
                List.of("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"),
                null);

        assertThat(raw.exit).as(raw.err).isZero();
        int frameBytes = 640 * 360 * 3 / 2;
        assertThat(raw.out.length).isEqualTo(48 * frameBytes);
        Glyphs glyphs = new Glyphs();
        List<Integer> different = new ArrayList<>();
        for (int f = 0; f < 48; f++) {
            byte[] expected =
                    Frames.displayed(Frames.rendered(video.scene(), f, glyphs), video.scene().mbCols, 640, 360);
            if (!java.util.Arrays.equals(raw.out, f * frameBytes, (f + 1) * frameBytes, expected, 0, frameBytes)) {
                different.add(f);
            }
        }
        assertThat(different)
                .as("frames ffmpeg decoded differently from the rendering")
                .isEmpty();
    }

    @Test
    void ffmpegTakesAFrameOutAsAPicture(FalEmulator fal, @TempDir Path dir) throws IOException {
        assumeInstalled();
        Path file = save(Wire.generate(fal, EmulatorVideoTest.T2V, "{\"prompt\":\"a fox\",\"duration\":\"3\"}"), dir);

        Result r = run(
                List.of("ffmpeg", "-v", "error", "-ss", "1.5", "-i", file.toString(), "-frames:v", "1", "frame.png"),
                dir);

        assertThat(r.exit).as(r.err).isZero();
        assertThat(SampleMediaInfo.size(dir.resolve("frame.png"))).containsExactly(1280, 720);
    }

    /** The size of a picture, read with kling-core's inspector. */
    private static final class SampleMediaInfo {
        static int[] size(Path png) {
            MediaInfo info = MediaInspector.inspect(png).orElseThrow();
            return new int[] {info.width(), info.height()};
        }
    }
}
