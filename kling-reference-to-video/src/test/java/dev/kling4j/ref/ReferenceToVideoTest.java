package dev.kling4j.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.Element;
import dev.kling4j.core.pricing.AudioTier;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.FalEmulatorTest;
import dev.kling4j.testkit.SampleMedia;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@FalEmulatorTest
class ReferenceToVideoTest {
    /** A client that sends nothing: no key, the shipped prices. */
    static final KlingClient OFFLINE = KlingClient.builder().livePrices(false).build();

    @TempDir
    Path dir;

    static JsonValue golden(String name) throws Exception {
        try (InputStream in = ReferenceToVideoTest.class.getResourceAsStream("/golden/" + name)) {
            return JsonValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Every tier sends the same body: one golden file per request serves all three endpoints. */
    static void assertEveryTierSends(ReferenceToVideoRequest request, JsonValue golden) {
        for (ReferenceToVideo model : ReferenceToVideo.all()) {
            assertThat((Object) JsonValue.of(model.toWire(request, m -> m.url().orElseThrow())))
                    .as(model.key())
                    .isEqualTo(golden);
        }
    }

    static Media url(String name) {
        return Media.url("https://example.com/" + name);
    }

    static Element element(String name) {
        return Element.builder()
                .frontalImage(url(name + ".png"))
                .referenceImage(url(name + "-side.png"))
                .build();
    }

    @Test
    void aMinimalRequestSendsThePromptAndItsImage() throws Exception {
        ReferenceToVideoRequest r = ReferenceToVideoRequest.builder()
                .referenceImage(url("castle.png"))
                .prompt("@Image1 at sunrise")
                .build();

        assertEveryTierSends(r, golden("ref-minimal.json"));
    }

    @Test
    void aFullRequestSendsElementsWithVoiceAndVideoFramesAndOptions() throws Exception {
        ReferenceToVideoRequest r = ReferenceToVideoRequest.builder()
                .element(Element.builder()
                        .frontalImage(url("knight.png"))
                        .referenceImage(url("knight-side.png"))
                        .referenceImage(url("knight-back.png"))
                        .voiceId("voice_knight")
                        .build())
                .element(Element.builder()
                        .frontalImage(url("dragon.png"))
                        .referenceImage(url("dragon-side.png"))
                        .video(url("dragon.mp4"))
                        .build())
                .referenceImage(url("castle.png"))
                .startFrame(url("first.png"))
                .endFrame(url("last.png"))
                .prompt("@Element1 faces @Element2 before @Image1")
                .duration(8)
                .aspectRatio("1:1")
                .audio(false)
                .build();

        assertEveryTierSends(r, golden("ref-full.json"));
    }

    @Test
    void aVideoElementMayBeGivenByItsVideoAloneAndIsSentSo() throws Exception {
        ReferenceToVideoRequest r = ReferenceToVideoRequest.builder()
                .element(Element.builder().video(url("dancer.mp4")).build())
                .prompt("@Element1 dances on a rooftop")
                .build();

        assertThat((Object)
                        JsonValue.of(ReferenceToVideo.PRO.toWire(r, m -> m.url().orElseThrow())))
                .isEqualTo(JsonValue.parse("{\"elements\":[{\"video_url\":\"https://example.com/dancer.mp4\"}],"
                        + "\"prompt\":\"@Element1 dances on a rooftop\"}"));
        assertThat(OFFLINE.estimate(ReferenceToVideo.PRO, r).audioTier()).contains(AudioTier.VIDEO_INPUT);
        assertThat(OFFLINE.estimate(ReferenceToVideo.STANDARD, r).total())
                .contains(new BigDecimal("0.630")); // 5 s × 0.126
    }

    @Test
    void soundWithAVideoElementAFrontalOnlyImageElementAndAnEndFrameAloneAreRefused() {
        assertThatThrownBy(() -> ReferenceToVideoRequest.builder()
                        .element(Element.builder().video(url("dancer.mp4")).build())
                        .element(Element.builder().frontalImage(url("hero.png")).build())
                        .element(Element.builder().build())
                        .endFrame(url("last.png"))
                        .prompt("@Element1 meets @Element2 and @Element3")
                        .audio(true)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactlyInAnyOrder(
                                        "generate_audio",
                                        "elements[1].reference_image_urls",
                                        "elements[2].frontal_image_url",
                                        "elements[2].reference_image_urls",
                                        "end_image_url"))
                .hasMessageContaining(
                        "generate_audio: is true but an element carries a video (Kling generates no sound")
                .hasMessageContaining("end_image_url: is set without start_image_url");
    }

    @Test
    void anInvalidElementIsNotAlsoReportedAsMissingByTheReferenceLinter() {
        assertThatThrownBy(() -> ReferenceToVideo.PRO.request(
                        Map.of("prompt", "@Element1 waves", "elements", List.of(Map.of("frontal_image_url", 42)))))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactly("elements[0].frontal_image_url"))
                .message()
                .doesNotContain("no elements are supplied");
    }

    @Test
    void aSourceVideoAndImageUrlAreRefusedSayingWhatReferenceToVideoCallsThem() {
        assertThatThrownBy(() -> ReferenceToVideo.PRO.request(Map.of(
                        "prompt",
                        "x",
                        "video_url",
                        "https://example.com/v.mp4",
                        "image_url",
                        "https://example.com/a.png")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field, Problem::fix)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple(
                                                "video_url",
                                                "reference-to-video takes no source "
                                                        + "video: a video belongs to an element (elements[].video_url), or use video-to-video"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "image_url",
                                                "reference-to-video names its first frame start_image_url")));
    }

    @Test
    void moreThanSevenElementsAndImagesAreRefused() {
        ReferenceToVideoRequest.Builder b = ReferenceToVideoRequest.builder().prompt("a crowd");
        for (int i = 0; i < 4; i++) {
            b.element(element("e" + i)).referenceImage(url("i" + i + ".png"));
        }

        assertThatThrownBy(b::build)
                .hasMessageContaining("elements: elements + image_urls is 8 "
                        + "(use at most 7 elements and reference images together)");
    }

    @Test
    void withAVideoElementAtMostFourElementsAndImagesAreAllowedAndOnlyOneVideo() {
        Element withVideo = Element.builder()
                .frontalImage(url("a.png"))
                .referenceImage(url("b.png"))
                .video(url("a.mp4"))
                .build();
        ReferenceToVideoRequest.Builder b = ReferenceToVideoRequest.builder()
                .prompt("x")
                .element(withVideo)
                .element(withVideo)
                .referenceImage(url("1.png"))
                .referenceImage(url("2.png"))
                .referenceImage(url("3.png"));

        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .contains(
                                        "2 elements carry a video",
                                        "with a video element, elements + image_urls is 5"));
    }

    @Test
    void anElementNeedsOneToThreeReferenceImages() {
        Element none = Element.builder().frontalImage(url("a.png")).build();
        Element four = Element.builder()
                .frontalImage(url("a.png"))
                .referenceImages(List.of(url("1.png"), url("2.png"), url("3.png"), url("4.png")))
                .build();

        assertThatThrownBy(() -> ReferenceToVideoRequest.builder()
                        .prompt("x")
                        .element(none)
                        .element(four)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .contains("elements[0].reference_image_urls", "elements[1].reference_image_urls"));
    }

    @Test
    void aReferencePastTheEndOrToAVideoIsAnErrorWithItsPrompt() {
        assertThatThrownBy(() -> ReferenceToVideoRequest.builder()
                        .element(element("a"))
                        .element(element("b"))
                        .prompt("@Element1 and @Element3 dance in @Video1")
                        .build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsOnly("prompt")
                                .hasSize(2))
                .hasMessageContaining("@Element3")
                .hasMessageContaining("@Video1");
    }

    @Test
    void theGenericPathReadsElementsFromMaps() {
        ReferenceToVideoRequest generic = ReferenceToVideo.PRO.request(Map.of(
                "prompt",
                "@Element1 waves",
                "elements",
                List.of(Map.of(
                        "frontal_image_url",
                        "https://example.com/a.png",
                        "reference_image_urls",
                        List.of("https://example.com/a-side.png")))));

        assertThat(generic)
                .isEqualTo(ReferenceToVideoRequest.builder()
                        .prompt("@Element1 waves")
                        .element(element("a"))
                        .build());
    }

    @Test
    void anUnknownElementKeyIsRefusedWithItsPath() {
        assertThatThrownBy(() -> ReferenceToVideo.PRO.request(Map.of(
                        "prompt",
                        "@Element1",
                        "elements",
                        List.of(Map.of("frontal_image_url", "https://example.com/a.png", "front", "x")))))
                .hasMessageContaining("elements[0].front: is not a field of an element");
    }

    @ParameterizedTest(name = "{0} {1}s audio={2} costs {3}")
    @CsvSource({
        "kling_o3_standard_ref, 5, false, 0.420",
        "kling_o3_standard_ref, 10, true, 1.120",
        "kling_o3_pro_ref, 8, false, 0.896",
        "kling_o3_pro_ref, 8, true, 1.120",
        "kling_o3_4k_ref, 3, false, 1.260",
    })
    void costFollowsThePriceTable(String key, int seconds, boolean audio, String total) {
        ReferenceToVideo model = ReferenceToVideo.all().stream()
                .filter(m -> m.key().equals(key))
                .findFirst()
                .orElseThrow();
        ReferenceToVideoRequest r = ReferenceToVideoRequest.builder()
                .referenceImage(url("a.png"))
                .prompt("@Image1")
                .duration(seconds)
                .audio(audio)
                .build();

        assertThat(OFFLINE.estimate(model, r).total()).contains(new BigDecimal(total));
    }

    /** The product spec's second use case: two characters and a background, pro, 8 s. */
    @Test
    void multiCharacterSceneRunsEndToEndAgainstTheEmulator(FalEmulator fal) throws Exception {
        Path knight = SampleMedia.writePng(dir.resolve("knight.png"), 600, 800);
        Path knightSide = SampleMedia.writePng(dir.resolve("knight-side.png"), 600, 800);
        Path wizard = SampleMedia.writeJpeg(dir.resolve("wizard.jpg"), 600, 800);
        Path wizardSide = SampleMedia.writeJpeg(dir.resolve("wizard-side.jpg"), 600, 800);
        Path hall = SampleMedia.writePng(dir.resolve("hall.png"), 1280, 720);
        ReferenceToVideoRequest scene = ReferenceToVideoRequest.builder()
                .element(Element.builder()
                        .frontalImage(Media.file(knight))
                        .referenceImage(Media.file(knightSide))
                        .build())
                .element(Element.builder()
                        .frontalImage(Media.file(wizard))
                        .referenceImage(Media.file(wizardSide))
                        .build())
                .referenceImage(Media.file(hall))
                .prompt("@Element1 bows to @Element2 in the great hall of @Image1, candles flickering")
                .duration(8)
                .build();

        VideoResult result;
        try (KlingClient client = fal.newClient()) {
            result = client.generate(ReferenceToVideo.PRO, scene);
        }

        assertThat(result.requestId()).isNotBlank();
        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(fal.requests(r -> r.path().endsWith("/storage/upload/initiate")))
                .hasSize(5);
        Map<?, ?> submitted = JsonValue.parse(
                        fal.requests(r -> r.method().equals("POST") && r.path().endsWith("/o3/pro/reference-to-video"))
                                .get(0)
                                .bodyUtf8())
                .as(Map.class);
        List<?> elements = (List<?>) submitted.get("elements");
        assertThat(elements).hasSize(2);
        assertThat(((Map<?, ?>) elements.get(1)).get("frontal_image_url"))
                .asString()
                .endsWith("wizard.jpg");
        assertThat(submitted.get("duration")).isEqualTo("8");
    }
}
