package dev.kling4j.t2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.JsonValue;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.Storyboard;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.FalEmulatorTest;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@FalEmulatorTest
class TextToVideoTest {
    /** A client that sends nothing: no key, the shipped prices. */
    static final KlingClient OFFLINE = KlingClient.builder().livePrices(false).build();

    static JsonValue golden(String name) throws Exception {
        try (InputStream in = TextToVideoTest.class.getResourceAsStream("/golden/" + name)) {
            return JsonValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static JsonValue wire(TextToVideoRequest request) {
        return JsonValue.of(TextToVideo.PRO.toWire(request, m -> m.url().orElseThrow()));
    }

    /** Every tier sends the same body: one golden file per request serves all three endpoints. */
    static void assertEveryTierSends(TextToVideoRequest request, JsonValue golden) {
        for (TextToVideo model : TextToVideo.all()) {
            assertThat((Object) JsonValue.of(model.toWire(request, m -> m.url().orElseThrow())))
                    .as(model.key())
                    .isEqualTo(golden);
        }
    }

    static final Storyboard FOX = Storyboard.builder()
            .shot(3, "A red fox steps out of the forest")
            .shot(5, "The fox leaps into the snow, slow motion")
            .build();

    @Test
    void aMinimalRequestSendsOnlyThePrompt() throws Exception {
        assertEveryTierSends(
                TextToVideoRequest.builder()
                        .prompt("A red fox runs through fresh snow")
                        .build(),
                golden("t2v-minimal.json"));
    }

    @Test
    void aFullRequestSendsTheStoryboardDurationAspectRatioAudioAndShotType() throws Exception {
        TextToVideoRequest r = TextToVideoRequest.builder()
                .storyboard(FOX)
                .duration(8)
                .aspectRatio("9:16")
                .audio(false)
                .shotType("customize")
                .build();

        assertEveryTierSends(r, golden("t2v-full.json"));
    }

    @Test
    void elementsAndVoiceIdsAreRefusedSayingWhereTheyBelong() {
        assertThatThrownBy(() -> TextToVideo.PRO.request(Map.of(
                        "prompt",
                        "x",
                        "elements",
                        List.of(Map.of("frontal_image_url", "https://example.com/e.png")),
                        "voice_ids",
                        List.of("v1"))))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field, Problem::fix)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple(
                                                "elements",
                                                "text-to-video takes no elements: use "
                                                        + "reference-to-video, which takes elements, reference images and a start frame"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "voice_ids",
                                                "voice_ids belongs to Kling v3, not O3: in "
                                                        + "O3 a voice is bound to an element (voice_id) on reference-to-video")));
    }

    @Test
    void anAspectRatioOutsideTheTableIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .prompt("x")
                        .aspectRatio("4:3")
                        .build())
                .hasMessageContaining(
                        "aspect_ratio: '4:3' is not a choice text-to-video takes (use one of 16:9, 9:16, 1:1)");
    }

    @Test
    void shotsThatDoNotAddUpToTheDurationAreRefused() {
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .storyboard(FOX)
                        .duration(10)
                        .build())
                .hasMessageContaining("multi_prompt: shots add up to 8 s but duration is 10 s");
    }

    @Test
    void aStoryboardWithoutADurationIsSentWithTheSumOfItsShotsAsTheDuration() throws Exception {
        TextToVideoRequest r = TextToVideoRequest.builder().storyboard(FOX).build();

        assertThat((Object) JsonValue.of(TextToVideo.PRO.toWire(r, m -> m.url().orElseThrow())))
                .isEqualTo(JsonValue.parse("{\"multi_prompt\":[{\"prompt\":\"A red fox steps out of the forest\","
                        + "\"duration\":\"3\"},{\"prompt\":\"The fox leaps into the snow, slow motion\",\"duration\":\"5\"}],"
                        + "\"duration\":\"8\"}"));
    }

    @Test
    void moreThanSixShotsAreRefusedAndSoIsATotalOutsideTheDurationRange() {
        Storyboard.Builder seven = Storyboard.builder();
        for (int i = 0; i < 7; i++) {
            seven.shot(2, "shot " + i);
        }
        assertThatThrownBy(() ->
                        TextToVideoRequest.builder().storyboard(seven.build()).build())
                .hasMessageContaining("multi_prompt: has 7 shots (use at most 6 shots");
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .storyboard(
                                Storyboard.builder().shot(8, "a").shot(8, "b").build())
                        .build())
                .hasMessageContaining("multi_prompt: shots add up to 16 s, outside 3–15 s");
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .storyboard(Storyboard.builder().shot(2, "a").build())
                        .build())
                .hasMessageContaining("multi_prompt: shots add up to 2 s, outside 3–15 s");
    }

    @Test
    void aShotPromptLongerThan512CharactersIsRefusedCountingCharactersNotUtf16Units() {
        String emoji = "🦊".repeat(512); // 1,024 UTF-16 units, 512 characters
        assertThat(TextToVideoRequest.builder()
                        .storyboard(Storyboard.builder().shot(5, emoji).build())
                        .build())
                .isNotNull();
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .storyboard(Storyboard.builder().shot(5, emoji + "!").build())
                        .build())
                .hasMessageContaining(
                        "multi_prompt[0].prompt: is 513 characters long (shorten it to at most 512 characters)");
    }

    @Test
    void aPromptAndAStoryboardTogetherAreRefused() {
        assertThatThrownBy(() ->
                        TextToVideoRequest.builder().prompt("x").storyboard(FOX).build())
                .hasMessageContaining("prompt: and multi_prompt are both set");
    }

    @Test
    void referencesAreErrorsOnTextToVideoBecauseItTakesNothingToReferTo() {
        assertThatThrownBy(() ->
                        TextToVideoRequest.builder().prompt("@Element1 dances").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("@Element1");
    }

    @ParameterizedTest(name = "{0} {1}s audio={2} costs {3}")
    @CsvSource({
        "kling_o3_standard_t2v, 5, false, 0.420",
        "kling_o3_pro_t2v, 5, false, 0.560",
        "kling_o3_pro_t2v, 8, true, 1.120",
        "kling_o3_4k_t2v, 15, true, 6.300",
    })
    void costFollowsThePriceTable(String key, int seconds, boolean audio, String total) {
        TextToVideo model = TextToVideo.all().stream()
                .filter(m -> m.key().equals(key))
                .findFirst()
                .orElseThrow();
        TextToVideoRequest r = TextToVideoRequest.builder()
                .prompt("x")
                .duration(seconds)
                .audio(audio)
                .build();

        assertThat(OFFLINE.estimate(model, r).total()).contains(new BigDecimal(total));
    }

    @Test
    void standardTextToVideoIsPricedFromAnUnverifiedRowAndItsEstimateSaysSo() {
        CostEstimate e = OFFLINE.estimate(
                TextToVideo.STANDARD, TextToVideoRequest.builder().prompt("x").build());

        assertThat(e.isKnown()).isTrue();
        assertThat(e.isVerified()).isFalse();
        assertThat(e.toString()).contains("unverified: Kling's rate for O3 Standard");
    }

    @Test
    void aStoryboardIsBilledForItsTotalWhenNoDurationIsSet() {
        assertThat(OFFLINE.estimate(
                                TextToVideo.PRO,
                                TextToVideoRequest.builder().storyboard(FOX).build())
                        .billedSeconds())
                .hasValue(8);
    }

    @Test
    void aStoryboardRunsEndToEndAgainstTheEmulator(FalEmulator fal) throws Exception {
        TextToVideoRequest r = TextToVideoRequest.builder()
                .storyboard(FOX)
                .duration(8)
                .aspectRatio("9:16")
                .build();

        VideoResult result;
        try (KlingClient client = fal.newClient()) {
            result = client.generate(TextToVideo.PRO, r);
        }

        assertThat(result.video().url()).startsWith(fal.queueUrl());
        assertThat(result.video().contentType()).contains("video/mp4");
        JsonValue submitted = JsonValue.parse(
                fal.requests(q -> q.method().equals("POST") && q.path().endsWith("/o3/pro/text-to-video"))
                        .get(0)
                        .bodyUtf8());
        assertThat(submitted).isEqualTo(wire(r));
        assertThat(Media.url(result.video().url()).extension()).contains("mp4");
    }
}
