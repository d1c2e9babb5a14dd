package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a request shows of itself: getters, {@code toString}, equality; and the {@code Path} forms of elements. */
class RequestReadBackTest {
    final AnyModel ref = AnyModel.of("kling_o3_pro_ref");
    final AnyModel t2v = AnyModel.of("kling_o3_pro_t2v");

    @Test
    void theCommonGettersReadWhatWasSet() {
        AnyModel.Request r = t2v.request(Map.of("prompt", "a fox", "shot_type", "intelligent"));

        assertThat(r.prompt()).contains("a fox");
        assertThat(r.shotType()).containsSame(ShotType.INTELLIGENT);
        assertThat(r.extraBody()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.validation()).isEqualTo(Validation.STRICT);
        assertThat(t2v.request(Map.of("multi_prompt", List.of(Map.of("prompt", "a fox", "duration", 5))))
                        .prompt())
                .isEmpty();
    }

    @Test
    void toStringShowsEveryValueByWireNameAndMediaByNameNeverByContent() {
        byte[] secretPixels = "PIXELS-NOT-FOR-LOGS".getBytes(StandardCharsets.UTF_8);
        Element hero = Element.builder()
                .frontalImage(Path.of("/tmp/cast/hero.png"))
                .referenceImage(Media.url("https://cdn.example.com/hero-side.png?X-Amz-Signature=abc123"))
                .voiceId("voice_1")
                .build();
        AnyModel.Request r = ref.request(Map.of(
                "prompt",
                "@Element1 stands in front of @Image1 and @Image2",
                "elements",
                List.of(hero),
                "image_urls",
                List.of(
                        Media.bytes(secretPixels, "image/png", "castle.png"),
                        Media.dataUri("data:image/png;base64," + "A".repeat(400))),
                "duration",
                8));

        String shown = r.toString();

        assertThat(shown)
                .startsWith("Request{")
                .endsWith("}")
                .contains("prompt=\"@Element1 stands in front of @Image1 and @Image2\"")
                .contains(
                        "elements=[Element{frontal=/tmp/cast/hero.png, references=[https://cdn.example.com/hero-side.png?…],"
                                + " voiceId=voice_1}]")
                .contains("castle.png (19 bytes in memory)")
                .contains("duration=8")
                .doesNotContain("PIXELS", "abc123", "A".repeat(60), "lenient");
    }

    @Test
    void toStringCutsLongTextsAndTellsALenientRequestAndItsWarnings() {
        String prompt = "a".repeat(3000);
        AnyModel.Request r = t2v.request(Map.of("prompt", prompt), Validation.LENIENT);
        VideoInput extra = VideoInput.builder()
                .set("prompt", "a fox")
                .set("duration", 20)
                .set("aspect_ratio", "4:3")
                .extraBody("seed", 3)
                .build();

        assertThat(r.toString())
                .contains("\"" + "a".repeat(200) + "… (3000 characters)\"")
                .doesNotContain("a".repeat(201))
                .endsWith(", lenient, 1 warning}");
        assertThat(new AnyModel.Request(RequestValidator.check(
                        ForwardCompatibilityTest.STANDARD, Category.TEXT_TO_VIDEO, extra, Validation.LENIENT)))
                .hasToString(
                        "Request{prompt=\"a fox\", duration=20, aspect_ratio=\"4:3\", extraBody={seed=3}, lenient, 2 warnings}");
        assertThat(t2v.request(Map.of("prompt", "a fox"), Validation.LENIENT))
                .hasToString("Request{prompt=\"a fox\", lenient}");
        assertThat(new AnyModel.Request(RequestValidator.check(
                                ForwardCompatibilityTest.STANDARD,
                                Category.TEXT_TO_VIDEO,
                                VideoInput.builder().extraBody("prompt", "x").build(),
                                Validation.LENIENT))
                        .toString())
                .startsWith("Request{extraBody={prompt=\"x\"}");
        assertThat(t2v.request(Map.of("multi_prompt", List.of(Map.of("prompt", "a fox", "duration", 5)))))
                .hasToString("Request{multi_prompt=[5 s \"a fox\"]}");
    }

    @Test
    void requestsAreEqualWhenTheySendTheSameFieldsWhateverTheModeTheyWereCheckedIn() {
        AnyModel.Request strict = t2v.request(Map.of("prompt", "a fox"));
        AnyModel.Request lenient = t2v.request(Map.of("prompt", "a fox"), Validation.LENIENT);

        assertThat(lenient).isEqualTo(strict).hasSameHashCodeAs(strict);
        assertThat(t2v.request(Map.of("prompt", "a cat"))).isNotEqualTo(strict);
        assertThat(strict).isNotEqualTo(null).isNotEqualTo("a fox");
    }

    @Test
    void elementsTakeLocalFilesAsPaths() {
        Path front = Path.of("front.png");
        Path side = Path.of("side.png");
        Path clip = Path.of("clip.mp4");

        assertThat(Element.builder()
                        .frontalImage(front)
                        .referenceImage(side)
                        .video(clip)
                        .build())
                .isEqualTo(Element.builder()
                        .frontalImage(Media.file(front))
                        .referenceImage(Media.file(side))
                        .video(Media.file(clip))
                        .build());
        assertThat(ImageElement.of(front, side))
                .isEqualTo(ImageElement.of(Media.file(front), Media.file(side)))
                .isEqualTo(ImageElement.builder()
                        .frontalImage(front)
                        .referenceImage(side)
                        .build());
        assertThat(ImageElement.of(front).toString())
                .isEqualTo("ImageElement{frontal=" + Media.file(front).describe() + ", references=[]}");
        assertThatThrownBy(() -> ImageElement.builder().referenceImage(side).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("needs a frontal image");
    }

    static final AnyModel A = AnyModel.of("kling_o3_pro_t2v");
    static final AnyModel B = AnyModel.of("kling_o3_pro_ref");

    static final class TwoGroups extends StaticModelProvider {
        TwoGroups() {
            super(List.of(A), List.of(B));
        }
    }

    @Test
    void aStaticProviderServesItsModelsInOrder() {
        assertThat(new TwoGroups().models()).containsExactly(A, B);
    }
}
