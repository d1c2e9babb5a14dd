package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.prompt.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one validator, through the generic path every caller can reach; category modules test their builders. */
class RequestValidatorTest {
    /** A client that sends nothing: no key, the shipped prices. */
    static final dev.kling4j.core.KlingClient OFFLINE =
            dev.kling4j.core.KlingClient.builder().livePrices(false).build();

    final AnyModel ref = AnyModel.of("kling_o3_pro_ref");
    final AnyModel t2v = AnyModel.of("kling_o3_pro_t2v");

    static List<Problem> problems(Runnable r) {
        try {
            r.run();
        } catch (InvalidRequestException e) {
            return e.problems();
        }
        throw new AssertionError("expected an InvalidRequestException");
    }

    @Test
    void valuesOfTheWrongKindAreReportedWithTheirPathsAndNothingElseIsLost() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("prompt", 42);
        values.put("duration", "ten");
        values.put("generate_audio", "yes");
        values.put("image_urls", List.of("https://example.com/a.png", 7));
        values.put("multi_prompt", List.of(Map.of("prompt", "x")));

        assertThat(problems(() -> ref.request(values)))
                .extracting(Problem::field)
                .containsExactlyInAnyOrder(
                        "prompt", "duration", "generate_audio", "image_urls[1]", "multi_prompt[0].duration");
    }

    @Test
    void durationsAcceptNumbersNumericStringsAndSecondsSuffixes() {
        assertThat(t2v.request(Map.of("prompt", "x", "duration", "10s")).input().get("duration"))
                .contains(10);
        assertThat(t2v.request(Map.of("prompt", "x", "duration", 7.0)).input().get("duration"))
                .contains(7);
        assertThat(problems(() -> t2v.request(Map.of("prompt", "x", "duration", 7.5))))
                .extracting(Problem::field)
                .containsExactly("duration");
    }

    @Test
    void mediaStringsBecomeUrlsDataUrisOrFiles() {
        AnyModel.Request r = ref.request(Map.of(
                "prompt",
                "@Image1 @Image2 @Image3",
                "image_urls",
                List.of("https://example.com/a.png", "data:image/png;base64,AAAA", "./local.png")));

        assertThat((List<?>) r.input().get("image_urls").orElseThrow())
                .extracting(m -> ((Media) m).kind())
                .containsExactly(Media.Kind.URL, Media.Kind.DATA_URI, Media.Kind.FILE);
    }

    @Test
    void anExtraBodyPropertyThatShadowsAModeledFieldIsRefused() {
        VideoInput input = VideoInput.builder()
                .set("prompt", "x")
                .extraBody("duration", "5")
                .build();

        assertThat(RequestValidator.problems(t2v.fields(), input))
                .extracting(Problem::field)
                .containsExactly("duration");
    }

    @Test
    void aFieldNoEndpointTakesSaysSoAndPointsAtExtraBody() {
        assertThatThrownBy(() -> t2v.request(Map.of("prompt", "x", "negative_prompt", "blur")))
                .hasMessageContaining("negative_prompt: text-to-video does not take negative_prompt (remove it; "
                        + "no Kling O3 endpoint takes it (use extraBody for a field fal added recently))");
    }

    @Test
    void aFieldOtherCategoriesTakeNamesThem() {
        assertThatThrownBy(() -> t2v.request(Map.of("prompt", "x", "keep_audio", true)))
                .hasMessageContaining("use video-to-video-edit or video-to-video-reference, which take it");
    }

    @Test
    void theJsonPathRefusesSomethingThatIsNotAnObject() {
        assertThatThrownBy(() -> t2v.request("[1,2]"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("(request): is not a JSON object");
    }

    @Test
    void lintReportsWarningsTheValidatorLetsThrough() {
        AnyModel.Request r = ref.request(Map.of(
                "prompt",
                "@image1 in the rain",
                "image_urls",
                List.of("https://example.com/a.png", "https://example.com/b.png")));

        assertThat(OFFLINE.lint(ref, r))
                .extracting(Finding::severity)
                .containsOnly(Finding.Severity.WARNING)
                .isNotEmpty();
    }

    @Test
    void theWireBodyKeepsFieldOrderAndAddsExtrasLast() {
        AnyModel.Request r = t2v.request(Map.of("prompt", "x"));
        VideoInput withExtra = r.input().toBuilder().extraBody("seed", 3).build();

        assertThat(WireFormat.toWire(t2v.fields(), withExtra, m -> ""))
                .containsExactly(Map.entry("prompt", "x"), Map.entry("seed", 3));
    }
}
