package dev.kling4j.v2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.FalEmulatorTest;
import dev.kling4j.testkit.SampleMedia;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FalEmulatorTest
class VideoToVideoTest {
    /** A client that sends nothing: no key, the shipped prices. */
    static final KlingClient OFFLINE = KlingClient.builder().livePrices(false).build();

    @TempDir
    Path dir;

    static JsonValue golden(String name) throws Exception {
        try (InputStream in = VideoToVideoTest.class.getResourceAsStream("/golden/" + name)) {
            return JsonValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static JsonValue tree(Object wire) {
        return JsonValue.of(wire);
    }

    static Media url(String name) {
        return Media.url("https://example.com/" + name);
    }

    @Test
    void aMinimalEditSendsTheVideoAndThePrompt() throws Exception {
        VideoEditRequest r = VideoEditRequest.builder()
                .video(url("street.mp4"))
                .prompt("Make @Video1 look like night")
                .build();

        for (VideoEdit model : VideoEdit.all()) {
            assertThat(tree(model.toWire(r, m -> m.url().orElseThrow())))
                    .as(model.key())
                    .isEqualTo(golden("edit-minimal.json"));
        }
    }

    @Test
    void aFullEditSendsImagesImageElementsAndKeepAudio() throws Exception {
        VideoEditRequest r = VideoEditRequest.builder()
                .video(url("street.mp4"))
                .referenceImage(url("snow.png"))
                .element(ImageElement.of(url("bear.png"), url("bear-side.png")))
                .prompt("Cover @Video1 in snow like @Image1; @Element1 walks through")
                .keepAudio(false)
                .shotType("customize")
                .build();

        for (VideoEdit model : VideoEdit.all()) {
            assertThat(tree(model.toWire(r, m -> m.url().orElseThrow())))
                    .as(model.key())
                    .isEqualTo(golden("edit-full.json"));
        }
    }

    @Test
    void aFullReferenceRequestAlsoSendsAspectRatioAndDuration() throws Exception {
        VideoReferenceRequest r = VideoReferenceRequest.builder()
                .video(url("dance.mp4"))
                .referenceImage(url("watercolor.png"))
                .element(ImageElement.of(url("dancer.png")))
                .prompt("Based on @Video1, @Element1 dances in the style of @Image1")
                .aspectRatio("auto")
                .duration(6)
                .keepAudio(true)
                .build();

        for (VideoReference model : VideoReference.all()) {
            assertThat(tree(model.toWire(r, m -> m.url().orElseThrow())))
                    .as(model.key())
                    .isEqualTo(golden("v2v-ref-full.json"));
        }
    }

    @Test
    void anEditRefusesDurationAspectRatioAndGeneratedAudioSayingWhy() {
        assertThatThrownBy(() -> VideoEdit.PRO.request(Map.of(
                        "video_url",
                        "https://example.com/v.mp4",
                        "prompt",
                        "x",
                        "duration",
                        5,
                        "aspect_ratio",
                        "16:9",
                        "generate_audio",
                        true)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field, Problem::fix)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple(
                                                "duration",
                                                "a video-to-video edit takes no duration: "
                                                        + "the output follows the input video (video-to-video reference takes one)"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "aspect_ratio",
                                                "a video-to-video edit takes no aspect "
                                                        + "ratio: the output follows the input video (video-to-video reference takes one)"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "generate_audio",
                                                "video-to-video takes no "
                                                        + "generate_audio: use keep_audio to keep or drop the source audio")));
    }

    @Test
    void aReferenceRequestRefusesGeneratedAudioButTakesDuration() {
        assertThatThrownBy(() -> VideoReference.PRO.request(Map.of(
                        "video_url",
                        "https://example.com/v.mp4",
                        "prompt",
                        "x",
                        "duration",
                        5,
                        "generate_audio",
                        true)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("generate_audio"));
    }

    @Test
    void imageElementsTakeNoVideoOrVoiceAndAtMostFourInputsInAll() {
        assertThatThrownBy(() -> VideoEdit.PRO.request(Map.of(
                        "video_url",
                        "https://example.com/v.mp4",
                        "prompt",
                        "x",
                        "elements",
                        List.of(Map.of(
                                "frontal_image_url",
                                "https://example.com/a.png",
                                "video_url",
                                "https://example.com/a.mp4")))))
                .hasMessageContaining("elements[0].video_url: is not taken by video-to-video's image elements");
        VideoEditRequest.Builder five =
                VideoEditRequest.builder().video(url("v.mp4")).prompt("@Video1");
        for (int i = 0; i < 5; i++) {
            five.referenceImage(url(i + ".png"));
        }
        assertThatThrownBy(five::build).hasMessageContaining("elements + image_urls is 5");
    }

    @Test
    void videoToVideoTakesOnlyTheCustomizeShotTypeAndRefusesIntelligent() {
        assertThatThrownBy(() -> VideoEditRequest.builder()
                        .shotType("intelligent")
                        .video(url("clip.mp4"))
                        .prompt("@Video1 at night")
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(
                        "shot_type: 'intelligent' is not a choice video-to-video-edit takes (use one of customize)");
        assertThatThrownBy(() -> VideoReferenceRequest.builder()
                        .shotType("intelligent")
                        .video(url("clip.mp4"))
                        .prompt("@Video1 at night")
                        .build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("shot_type: 'intelligent' is not a choice video-to-video-reference takes");
    }

    @Test
    void theSourceVideoIsRequiredAndTheGenericPathSaysSo() {
        assertThatThrownBy(() -> VideoEdit.PRO.request(Map.of("prompt", "x")))
                .hasMessageContaining("video_url: is required by video-to-video-edit");
    }

    @Test
    void anEditIsBilledForTheLocalSourceVideosLengthAndUnknownForARemoteOne() {
        Path clip = SampleMedia.writeMp4(dir.resolve("clip.mp4"), Duration.ofMillis(6200), 1280, 720);
        VideoEditRequest local = VideoEditRequest.builder()
                .video(Media.file(clip))
                .prompt("@Video1 at night")
                .build();
        VideoEditRequest remote = VideoEditRequest.builder()
                .video(url("clip.mp4"))
                .prompt("@Video1 at night")
                .build();

        CostEstimate known = OFFLINE.estimate(VideoEdit.PRO, local);
        assertThat(known.billedSeconds()).hasValue(7);
        assertThat(known.total()).contains(new BigDecimal("1.176"));
        assertThat(OFFLINE.estimate(VideoEdit.STANDARD, local).total()).contains(new BigDecimal("0.882"));
        assertThat(OFFLINE.estimate(VideoEdit.PRO, remote).isKnown()).isFalse();
        assertThat(OFFLINE.estimate(
                                VideoReference.PRO,
                                VideoReferenceRequest.builder()
                                        .video(url("clip.mp4"))
                                        .prompt("@Video1")
                                        .duration(10)
                                        .build())
                        .total())
                .contains(new BigDecimal("1.680"));
        assertThat(OFFLINE.estimate(
                                VideoReference.STANDARD,
                                VideoReferenceRequest.builder()
                                        .video(Media.file(clip))
                                        .prompt("@Video1")
                                        .build())
                        .total())
                .contains(new BigDecimal("0.882"));
    }

    /** The product spec's third use case: watercolor style transfer with one element, pro v2v reference. */
    @Test
    void styleTransferRunsEndToEndAgainstTheEmulator(FalEmulator fal) throws Exception {
        Path dance = SampleMedia.writeMp4(dir.resolve("dance.mp4"), Duration.ofSeconds(6), 1280, 720);
        Path watercolor = SampleMedia.writePng(dir.resolve("watercolor.png"), 1024, 1024);
        Path dancer = SampleMedia.writePng(dir.resolve("dancer.png"), 600, 900);
        VideoReferenceRequest r = VideoReferenceRequest.builder()
                .video(Media.file(dance))
                .referenceImage(Media.file(watercolor))
                .element(ImageElement.of(Media.file(dancer)))
                .prompt("Based on @Video1, @Element1 dances, painted in the watercolor style of @Image1")
                .build();

        try (KlingClient client = fal.newClient()) {
            VideoResult result = client.generate(VideoReference.PRO, r);
            Path out = result.downloadTo(dir.resolve("out.mp4"));
            assertThat(MediaInspector.inspect(out))
                    .get()
                    .satisfies(i -> assertThat(i.duration()).contains(Duration.ofSeconds(6)));
            assertThat(result.estimate())
                    .get()
                    .satisfies(e -> assertThat(e.total()).contains(new BigDecimal("1.008")));
            assertThat(result.billedUnits()).contains(new BigDecimal("6")); // the emulator's x-fal-billable-units
            assertThat(result.billedCost()).contains(new BigDecimal("1.008"));
        }
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }

    /** The product spec's fourth use case: a snowy environment edit with a polar bear, pro edit. */
    @Test
    void environmentEditRunsEndToEndAgainstTheEmulator(FalEmulator fal) throws Exception {
        Path street = SampleMedia.writeMp4(dir.resolve("street.mp4"), Duration.ofSeconds(5), 1920, 1080);
        Path snow = SampleMedia.writeJpeg(dir.resolve("snow.jpg"), 1280, 720);
        Path bear = SampleMedia.writePng(dir.resolve("bear.png"), 800, 600);
        VideoEditRequest r = VideoEditRequest.builder()
                .video(Media.file(street))
                .referenceImage(Media.file(snow))
                .element(ImageElement.of(Media.file(bear)))
                .prompt("Turn @Video1 into a snowy scene like @Image1 and add @Element1 walking across")
                .build();

        try (KlingClient client = fal.newClient()) {
            VideoResult result = client.generate(VideoEdit.PRO, r);
            assertThat(result.video().fileSize()).isPresent();
        }
        JsonValue submitted = JsonValue.parse(
                fal.requests(q -> q.method().equals("POST") && q.path().endsWith("/o3/pro/video-to-video/edit"))
                        .get(0)
                        .bodyUtf8());
        assertThat(submitted.get("keep_audio"))
                .as("fal's default keep_audio=true is left to fal")
                .isEmpty();
        assertThat(submitted.get("video_url").flatMap(JsonValue::asString).orElseThrow())
                .endsWith("street.mp4");
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }
}
