package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep a request to what fal takes (issue 14): video elements, image elements, end frames,
 * storyboard totals, and problems that follow from a field that could not be read.
 */
class FalFidelityRulesTest {
    static final CategorySpec REF = Catalog.standard().category(Category.REFERENCE_TO_VIDEO);
    static final CategorySpec T2V = Catalog.standard().category(Category.TEXT_TO_VIDEO);
    static final Media A = Media.url("https://example.com/a.png");
    static final Media CLIP = Media.url("https://example.com/clip.mp4");

    static List<String> fields(CategorySpec spec, VideoInput.Builder input) {
        return RequestValidator.problems(spec, input.build()).stream()
                .map(Problem::field)
                .toList();
    }

    static VideoInput.Builder ref(Element... elements) {
        VideoInput.Builder b = VideoInput.builder().set("prompt", "a scene");
        for (Element e : elements) {
            b.add("elements", e);
        }
        return b;
    }

    @Test
    void soundIsRefusedWhenAnElementCarriesAVideoAndOnlyThen() {
        Element video = Element.builder().video(CLIP).build();
        Element images = Element.builder().frontalImage(A).referenceImage(A).build();

        List<Problem> refused = RequestValidator.problems(
                REF, ref(video).set("generate_audio", true).build());

        assertThat(refused).extracting(Problem::field).containsExactly("generate_audio");
        assertThat(refused.get(0).message()).isEqualTo("is true but an element carries a video");
        assertThat(refused.get(0).fix()).contains("Kling generates no sound when an element carries a video");
        assertThat(fields(REF, ref(video).set("generate_audio", false))).isEmpty();
        assertThat(fields(REF, ref(video))).isEmpty();
        assertThat(fields(REF, ref(images).set("generate_audio", true))).isEmpty();
    }

    @Test
    void anImageElementNeedsItsFrontalImageAndAReferenceImageAVideoElementNeitherButAtMostThree() {
        assertThat(fields(REF, ref(Element.builder().build())))
                .containsExactlyInAnyOrder("elements[0].frontal_image_url", "elements[0].reference_image_urls");
        assertThat(fields(REF, ref(Element.builder().frontalImage(A).build())))
                .containsExactly("elements[0].reference_image_urls");
        assertThat(fields(REF, ref(Element.builder().referenceImage(A).build())))
                .containsExactly("elements[0].frontal_image_url");
        assertThat(fields(REF, ref(Element.builder().video(CLIP).build()))).isEmpty();
        assertThat(fields(
                        REF,
                        ref(Element.builder()
                                .video(CLIP)
                                .referenceImages(List.of(A, A, A))
                                .build())))
                .isEmpty();

        List<Problem> four = RequestValidator.problems(
                REF,
                ref(Element.builder()
                                .video(CLIP)
                                .referenceImages(List.of(A, A, A, A))
                                .build())
                        .build());
        assertThat(four).extracting(Problem::field).containsExactly("elements[0].reference_image_urls");
        assertThat(four.get(0).fix()).isEqualTo("give at most 3 reference images");
        assertThat(RequestValidator.problems(
                                REF,
                                ref(Element.builder().frontalImage(A).build()).build())
                        .get(0)
                        .fix())
                .startsWith("give 1 to 3 reference images besides the frontal one");
    }

    @Test
    void anEndFrameNeedsAStartFrame() {
        Element e = Element.builder().frontalImage(A).referenceImage(A).build();

        List<Problem> alone =
                RequestValidator.problems(REF, ref(e).set("end_image_url", A).build());

        assertThat(alone).extracting(Problem::field).containsExactly("end_image_url");
        assertThat(alone.get(0).message()).startsWith("is set without start_image_url");
        assertThat(fields(REF, ref(e).set("end_image_url", A).set("start_image_url", A)))
                .isEmpty();
    }

    @Test
    void aStartFrameThatCouldNotBeReadIsNotAlsoReportedAsMissingForTheEndFrame() {
        assertThatThrownBy(() -> AnyModelAccess.request(
                        "kling_o3_pro_ref",
                        Map.of(
                                "prompt",
                                "a scene",
                                "start_image_url",
                                42,
                                "end_image_url",
                                "https://example.com/z.png")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        ex -> assertThat(ex.problems())
                                .extracting(Problem::field)
                                .containsExactly("start_image_url"));
    }

    @Test
    void aStoryboardWithoutADurationMustAddUpToADurationFalTakes() {
        assertThat(fields(T2V, storyboard(2))).containsExactly("multi_prompt");
        assertThat(fields(T2V, storyboard(3))).isEmpty();
        assertThat(fields(T2V, storyboard(15))).isEmpty();
        assertThat(fields(T2V, storyboard(16))).containsExactly("multi_prompt");
        // With a duration, the duration is checked, and the shots must match it: no third message.
        assertThat(RequestValidator.problems(
                        T2V, storyboard(2).set("duration", 2).build()))
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("duration", "is 2 s, outside 3–15 s"));
    }

    /** Two shots adding up to {@code seconds}, each within a shot's own limits. */
    static VideoInput.Builder storyboard(int seconds) {
        return VideoInput.builder()
                .set(
                        "multi_prompt",
                        Storyboard.builder()
                                .shot(seconds / 2, "a fox")
                                .shot(seconds - seconds / 2, "it jumps")
                                .build());
    }

    @Test
    void anElementThatCouldNotBeReadIsReportedOnceAndNotAlsoAsMissingByTheLinter() {
        assertThatThrownBy(() -> AnyModelAccess.request(
                        "kling_o3_pro_ref",
                        Map.of("prompt", "@Element1 waves", "elements", List.of(Map.of("frontal_image_url", 42)))))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        ex -> assertThat(ex.problems())
                                .extracting(Problem::field)
                                .containsExactly("elements[0].frontal_image_url"));
        // A reference past the end of elements that were read is still an error.
        assertThatThrownBy(() -> AnyModelAccess.request(
                        "kling_o3_pro_ref",
                        Map.of(
                                "prompt",
                                "@Element2 waves",
                                "elements",
                                List.of(Map.of(
                                        "frontal_image_url",
                                        "https://example.com/a.png",
                                        "reference_image_urls",
                                        List.of("https://example.com/b.png"))))))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        ex -> assertThat(ex.problems())
                                .extracting(Problem::field)
                                .containsExactly("prompt"))
                .hasMessageContaining("@Element2 refers to elements[1] but only 1 elements is supplied");
    }

    @Test
    void aChoiceThatIsNotTextIsRefusedWithTheChoices() {
        List<Problem> p = RequestValidator.problems(
                T2V,
                VideoInput.builder()
                        .set("prompt", "a fox")
                        .set("aspect_ratio", 5)
                        .build());

        assertThat(p).extracting(Problem::field).containsExactly("aspect_ratio");
        assertThat(p.get(0).fix()).isEqualTo("use one of 16:9, 9:16, 1:1");
    }
}
