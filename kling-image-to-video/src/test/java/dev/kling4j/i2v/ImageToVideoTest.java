package dev.kling4j.i2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.model.Storyboard;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@FalEmulatorTest
class ImageToVideoTest {
    /** A client that sends nothing: no key, the shipped prices. */
    static final KlingClient OFFLINE = KlingClient.builder().livePrices(false).build();

    /** Local files get a storage URL named after them, as an upload would. */
    static final Function<Media, String> UPLOADED = m ->
            m.url().orElseGet(() -> "https://v3.fal.media/files/" + m.fileName().orElseThrow());

    @TempDir
    Path dir;

    static JsonValue golden(String name) throws Exception {
        try (InputStream in = ImageToVideoTest.class.getResourceAsStream("/golden/" + name)) {
            return JsonValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Every tier sends the same body: one golden file per request serves all three endpoints. */
    static void assertEveryTierSends(ImageToVideoRequest request, JsonValue golden) {
        for (ImageToVideo model : ImageToVideo.all()) {
            assertThat((Object) JsonValue.of(model.toWire(request, UPLOADED)))
                    .as(model.key())
                    .isEqualTo(golden);
        }
    }

    @Test
    void aMinimalRequestSendsOnlyTheImageAndThePrompt() throws Exception {
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(Media.url("https://example.com/hero.png"))
                .prompt("The hero waves")
                .build();

        assertEveryTierSends(r, golden("i2v-minimal.json"));
    }

    @Test
    void aFullRequestSendsEveryFieldWithDurationsAsStrings() throws Exception {
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(Media.file(dir.resolve("start.png")))
                .endFrame(Media.url("https://example.com/end.png"))
                .storyboard(Storyboard.builder()
                        .shot(4, "The hero looks up")
                        .shot(6, "The hero walks away")
                        .build())
                .duration(10)
                .audio(true)
                .shotType("intelligent")
                .extraBody("seed", 42)
                .build();

        assertEveryTierSends(r, golden("i2v-full.json"));
    }

    @Test
    void theGenericPathBuildsTheSameRequestAsTheBuilder() {
        ImageToVideoRequest typed = ImageToVideoRequest.builder()
                .image(Media.url("https://example.com/hero.png"))
                .prompt("Wave")
                .duration(7)
                .audio(true)
                .build();

        ImageToVideoRequest generic = ImageToVideo.PRO.request(Map.of(
                "image_url",
                "https://example.com/hero.png",
                "prompt",
                "Wave",
                "duration",
                "7",
                "generate_audio",
                true));

        assertThat(generic).isEqualTo(typed);
        assertThat(ImageToVideo.PRO.request("{\"image_url\":\"https://example.com/hero.png\",\"prompt\":\"Wave\","
                        + "\"duration\":7,\"generate_audio\":true}"))
                .isEqualTo(typed);
    }

    @Test
    void elementsReferenceImagesAndAspectRatioAreRefusedSayingWhereTheyBelong() {
        assertThatThrownBy(() -> ImageToVideo.PRO.request(Map.of(
                        "image_url",
                        "https://example.com/a.png",
                        "prompt",
                        "x",
                        "elements",
                        List.of(Map.of("frontal_image_url", "https://example.com/e.png")),
                        "image_urls",
                        List.of("https://example.com/b.png"),
                        "aspect_ratio",
                        "16:9")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.problems())
                            .extracting(Problem::field)
                            .containsExactlyInAnyOrder("elements", "image_urls", "aspect_ratio");
                    assertThat(e.problems())
                            .filteredOn(p -> p.field().equals("elements"))
                            .singleElement()
                            .extracting(Problem::fix)
                            .asString()
                            .isEqualTo("image-to-video takes no elements: use reference-to-video, which takes "
                                    + "elements and also a start frame (start_image_url)");
                })
                .hasMessageContaining("image-to-video does not take image_urls");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsField() {
        assertThatThrownBy(() -> ImageToVideoRequest.builder()
                        .prompt("x")
                        .storyboard(Storyboard.builder().shot(20, " ").build())
                        .duration(20)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactlyInAnyOrder(
                                        "image_url",
                                        "duration",
                                        "multi_prompt[0].prompt",
                                        "multi_prompt[0].duration",
                                        "prompt"))
                .hasMessageContaining("duration: is 20 s, outside 3–15 s (use a whole number of seconds from 3 to 15)");
    }

    @Test
    void aPromptLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> ImageToVideoRequest.builder()
                        .image(Media.url("https://example.com/a.png"))
                        .prompt("a".repeat(2501))
                        .build())
                .hasMessageContaining("prompt: is 2501 characters long");
    }

    @ParameterizedTest(name = "{0} {1}s audio={2} costs {3}")
    @CsvSource({
        "kling_o3_standard_i2v, 5, false, 0.420",
        "kling_o3_standard_i2v, 10, true, 1.120",
        "kling_o3_pro_i2v, 5, false, 0.560",
        "kling_o3_pro_i2v, 10, true, 1.400",
        "kling_o3_pro_i2v, 15, false, 1.680",
        "kling_o3_4k_i2v, 5, true, 2.100",
        "kling_o3_4k_i2v, 10, false, 4.200",
    })
    void costFollowsThePriceTable(String key, int seconds, boolean audio, String total) {
        ImageToVideo model = ImageToVideo.all().stream()
                .filter(m -> m.key().equals(key))
                .findFirst()
                .orElseThrow();
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(Media.url("https://example.com/a.png"))
                .prompt("x")
                .duration(seconds)
                .audio(audio)
                .build();

        assertThat(OFFLINE.estimate(model, r).total()).contains(new BigDecimal(total));
    }

    @Test
    void theDefaultDurationOfFiveSecondsIsWhatTheEstimateBills() {
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(Media.url("https://example.com/a.png"))
                .prompt("x")
                .build();

        assertThat(OFFLINE.estimate(ImageToVideo.PRO, r).billedSeconds()).hasValue(5);
    }

    /** The product spec's first use case: a character walking, pro, 10 s, with audio. */
    @Test
    void characterWalkingAnimationRunsEndToEndAgainstTheEmulator(FalEmulator fal) throws Exception {
        Path character = SampleMedia.writePng(dir.resolve("character.png"), 768, 1024);
        ImageToVideoRequest walk = ImageToVideoRequest.builder()
                .image(Media.file(character))
                .prompt("The character walks forward, arms swinging, the camera tracking alongside")
                .duration(10)
                .audio(true)
                .build();

        VideoResult result;
        try (KlingClient client = fal.newClient()) {
            result = client.generate(
                    ImageToVideo.PRO,
                    walk,
                    RequestOptions.builder().maxCost(new BigDecimal("3")).build());
            Path video = result.downloadTo(dir.resolve("walk.mp4"));
            assertThat(MediaInspector.inspect(video))
                    .get()
                    .satisfies(info -> assertThat(info.duration()).contains(Duration.ofSeconds(10)));
        }

        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(result.estimate()).get().satisfies(e -> assertThat(e.total()).contains(new BigDecimal("1.400")));
        JsonValue submitted = JsonValue.parse(
                fal.requests(r -> r.method().equals("POST") && r.path().endsWith("/o3/pro/image-to-video"))
                        .get(0)
                        .bodyUtf8());
        assertThat(submitted.get("duration")).contains(JsonValue.of("10"));
        assertThat(submitted.get("generate_audio")).contains(JsonValue.of(true));
        assertThat(submitted.get("image_url").flatMap(JsonValue::asString).orElseThrow())
                .startsWith(fal.queueUrl())
                .endsWith("character.png");
    }
}
