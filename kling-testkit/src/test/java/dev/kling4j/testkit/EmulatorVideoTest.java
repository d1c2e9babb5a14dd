package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The emulator's output videos over the wire: sizes, durations, sound, decoding, scripted files. */
@FalEmulatorTest
class EmulatorVideoTest {
    static final String T2V = "fal-ai/kling-video/o3/standard/text-to-video";
    static final String EDIT = "fal-ai/kling-video/o3/standard/video-to-video/edit";

    /** Downloads a result's video, checks it is what file_size said, and reads it back. */
    static Mp4Reader download(JsonNode video) {
        HttpResponse<byte[]> file = Wire.getBytes(video.get("url").asText(), null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat((long) file.body().length)
                .as("file_size")
                .isEqualTo(video.get("file_size").asLong());
        return new Mp4Reader(file.body());
    }

    /** Decodes every frame with the test's own decoder (which fails on anything outside the written subset). */
    static H264Reader decodeAll(Mp4Reader mp4) {
        Mp4Reader.Track v = mp4.video();
        H264Reader decoder = TestVideoTest.decoder(mp4, v);
        for (int f = 0; f < v.samples(); f++) {
            decoder.decodeSample(mp4.sample(v, f));
        }
        return decoder;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                T2V
                        + " | {\"prompt\":\"A red fox runs through fresh snow\",\"duration\":\"5\"} | 1280 | 720 | 5 | false",
                "fal-ai/kling-video/o3/pro/text-to-video | {\"prompt\":\"a cat\",\"aspect_ratio\":\"9:16\",\"duration\":\"4\",\"generate_audio\":true} | 1080 | 1920 | 4 | true",
                "fal-ai/kling-video/o3/4k/reference-to-video | {\"prompt\":\"@Element1 walks\",\"aspect_ratio\":\"1:1\",\"duration\":\"3\",\"elements\":[{\"frontal_image_url\":\"https://x.test/f.png\"}]} | 2160 | 2160 | 3 | false",
                T2V
                        + " | {\"multi_prompt\":[{\"prompt\":\"a fox\",\"duration\":\"2\"},{\"prompt\":\"a hare\",\"duration\":\"2\"}],\"duration\":\"4\",\"generate_audio\":true} | 1280 | 720 | 4 | true",
                "fal-ai/kling-video/o3/standard/image-to-video | {\"image_url\":\"https://x.test/a.png\",\"prompt\":\"a cat\",\"duration\":\"3\"} | 1280 | 720 | 3 | false",
            })
    void everyJobsVideoPlaysAtItsTiersSizeForTheBilledDurationWithSoundWhenAsked(
            String endpoint, String input, int w, int h, int seconds, boolean audio, FalEmulator fal) {
        Mp4Reader mp4 = download(Wire.generate(fal, endpoint, input));

        assertThat(mp4.movieDuration * 1000 / mp4.movieTimescale).isEqualTo(seconds * 1000L);
        assertThat(new int[] {mp4.video().tkhdWidth(), mp4.video().tkhdHeight()})
                .containsExactly(w, h);
        H264Reader decoder = decodeAll(mp4);
        assertThat(decoder.framesDecoded).isEqualTo(seconds * 24);
        assertThat(new int[] {decoder.width, decoder.height}).containsExactly(w, h);
        assertThat(mp4.audio().isPresent()).as("audio track").isEqualTo(audio);
    }

    @Test
    void aStoryboardWithoutADurationLastsItsShotsTotal(FalEmulator fal) {
        JsonNode video = Wire.generate(
                fal,
                T2V,
                "{\"multi_prompt\":[{\"prompt\":\"a fox\",\"duration\":\"3\"},"
                        + "{\"prompt\":\"a hare\",\"duration\":\"4\"}]}");

        assertThat(download(video).video().samples()).isEqualTo(7 * 24);
    }

    @Test
    void videoToVideoFollowsTheUploadedSourceAndKeepsItsSoundByDefault(FalEmulator fal) {
        String source = Wire.upload(fal, "src.mp4", "video/mp4", SampleMedia.mp4(Duration.ofMillis(6200), 1080, 1920));

        Mp4Reader kept =
                download(Wire.generate(fal, EDIT, "{\"prompt\":\"snow on @Video1\",\"video_url\":\"" + source + "\"}"));
        Mp4Reader dropped = download(Wire.generate(
                fal, EDIT, "{\"prompt\":\"snow on @Video1\",\"video_url\":\"" + source + "\",\"keep_audio\":false}"));

        assertThat(kept.movieDuration).isEqualTo(6200);
        assertThat(kept.video().samples()).isEqualTo(149);
        assertThat(new int[] {kept.video().tkhdWidth(), kept.video().tkhdHeight()})
                .containsExactly(1080, 1920);
        assertThat(kept.audio()).isPresent();
        assertThat(dropped.audio()).isEmpty();
        assertThat(decodeAll(kept).framesDecoded).isEqualTo(149);
    }

    @Test
    void imageToVideoFollowsThePortraitStartImage(FalEmulator fal) {
        String image = Wire.upload(fal, "portrait.png", "image/png", SampleMedia.png(600, 900));

        Mp4Reader mp4 = download(Wire.generate(
                fal,
                "fal-ai/kling-video/o3/pro/image-to-video",
                "{\"image_url\":\"" + image + "\",\"prompt\":\"she turns\",\"duration\":\"3\"}"));

        assertThat(new int[] {mp4.video().tkhdWidth(), mp4.video().tkhdHeight()})
                .containsExactly(1080, 1920);
    }

    @Test
    void theVideoIsRenderedOnceWhateverOrderItsBytesAreAskedIn(FalEmulator fal) {
        JsonNode video = Wire.generate(fal, T2V, "{\"prompt\":\"a fox\",\"duration\":\"3\"}");
        String url = video.get("url").asText();
        long size = video.get("file_size").asLong();

        HttpResponse<byte[]> tail = Wire.getBytes(url, "bytes=-100");
        byte[] whole = Wire.getBytes(url, null).body();

        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range"))
                .contains("bytes " + (size - 100) + "-" + (size - 1) + "/" + size);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 100, whole.length));
        assertThat(Wire.getBytes(url, null).body()).isEqualTo(whole);
    }

    @Test
    void aScriptedOutputIsServedInsteadOfTheRenderedVideo(FalEmulator fal, @TempDir Path dir) throws Exception {
        Path mine = Files.write(dir.resolve("known clip.mp4"), SampleMedia.mp4(Duration.ofSeconds(3), 320, 240));
        fal.script().nextJob().output(mine);

        JsonNode video = Wire.generate(fal, T2V, "{\"prompt\":\"a fox\",\"duration\":\"5\"}");
        Files.delete(mine); // copied when the job completed

        assertThat(video.get("file_name").asText()).isEqualTo("known clip.mp4");
        assertThat(video.get("content_type").asText()).isEqualTo("video/mp4");
        assertThat(video.get("file_size").asLong()).isEqualTo(SampleMedia.mp4(Duration.ofSeconds(3), 320, 240).length);
        assertThat(Wire.getBytes(video.get("url").asText(), null).body())
                .isEqualTo(SampleMedia.mp4(Duration.ofSeconds(3), 320, 240));
        assertThat(download(Wire.generate(fal, T2V, "{\"prompt\":\"a fox\",\"duration\":\"5\"}"))
                        .video()
                        .tkhdWidth())
                .as("the next job renders again")
                .isEqualTo(1280);
    }

    @Test
    void aScriptedOutputGoneByTheEndFailsTheJobAsARunnerWould(FalEmulator fal, @TempDir Path dir) throws Exception {
        Path mine = Files.write(dir.resolve("gone.mp4"), new byte[] {1, 2, 3});
        fal.script().nextJob().output(mine).holdInQueue();
        JsonNode submitted = Wire.submit(fal, T2V, "{\"prompt\":\"a fox\"}");
        Files.delete(mine);
        fal.release(submitted.get("request_id").asText());

        JsonNode last = Wire.awaitCompleted(submitted);
        HttpResponse<String> result = Wire.get(submitted.get("response_url").asText());

        assertThat(last.get("error_type").asText()).isEqualTo("runner_server_error");
        assertThat(result.statusCode()).isEqualTo(500);
        assertThat(Wire.json(result).get("detail").asText()).contains("gone.mp4");
    }

    @Test
    void aScriptedOutputMustExist(FalEmulator fal, @TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> fal.script().nextJob().output(dir.resolve("nope.mp4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output must be an existing file")
                .hasMessageContaining("nope.mp4");
    }
}
