package dev.kling4j.t2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.model.AspectRatio;
import dev.kling4j.core.model.ShotType;
import dev.kling4j.core.model.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text-to-video's choices as open values: typed or as text, refused or sent as they are by mode. */
class OpenValuesTest {

    static Map<String, Object> wire(TextToVideoRequest r) {
        return TextToVideo.PRO.toWire(r, m -> m.url().orElseThrow());
    }

    @Test
    void aTypedChoiceAndItsTextBuildTheSameRequestAndReadBackAsTheConstant() {
        TextToVideoRequest typed = TextToVideoRequest.builder()
                .prompt("A fox")
                .aspectRatio(AspectRatio.PORTRAIT_9_16)
                .shotType(ShotType.INTELLIGENT)
                .build();
        TextToVideoRequest text = TextToVideoRequest.builder()
                .prompt("A fox")
                .aspectRatio("9:16")
                .shotType("intelligent")
                .build();

        assertThat(typed).isEqualTo(text);
        assertThat(text.aspectRatio()).containsSame(AspectRatio.PORTRAIT_9_16);
        assertThat(text.shotType()).containsSame(ShotType.INTELLIGENT);
        assertThat(wire(typed)).containsEntry("aspect_ratio", "9:16").containsEntry("shot_type", "intelligent");
    }

    @Test
    void aRatioTheTableDoesNotListIsRefusedWithTheChoicesByDefault() {
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .prompt("A fox")
                        .aspectRatio("4:3")
                        .build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::toString)
                                .containsExactly("aspect_ratio: '4:3' is not a choice text-to-video"
                                        + " takes (use one of 16:9, 9:16, 1:1)"));
    }

    @Test
    void aRatioAndAShotTypeTheTableDoesNotListAreSentAsTheyAreWhenLenient() {
        TextToVideoRequest r = TextToVideoRequest.builder()
                .prompt("A fox")
                .aspectRatio("4:3")
                .shotType("cinematic")
                .duration(20)
                .validation(Validation.LENIENT)
                .build();

        assertThat(r.aspectRatio()).get().extracting(AspectRatio::value).isEqualTo("4:3");
        assertThat(r.shotType()).get().extracting(ShotType::value).isEqualTo("cinematic");
        assertThat(r.warnings()).extracting(Problem::field).containsExactly("aspect_ratio", "shot_type", "duration");
        assertThat(wire(r))
                .containsEntry("aspect_ratio", "4:3")
                .containsEntry("shot_type", "cinematic")
                .containsEntry("duration", "20");
        assertThat(r)
                .hasToString("TextToVideoRequest{prompt=\"A fox\", aspect_ratio=\"4:3\", shot_type=\"cinematic\","
                        + " duration=20, lenient, 3 warnings}");
    }

    @Test
    void anExtraBodyPropertyNamingAFieldReplacesItOnlyWhenLenient() {
        assertThatThrownBy(() -> TextToVideoRequest.builder()
                        .prompt("A fox")
                        .aspectRatio("16:9")
                        .extraBody("aspect_ratio", "21:9")
                        .build())
                .hasMessageContaining("aspect_ratio: is set as an extra body property but kling4j models it");

        TextToVideoRequest r = TextToVideoRequest.builder()
                .prompt("A fox")
                .aspectRatio("16:9")
                .extraBody("aspect_ratio", "21:9")
                .validation(Validation.LENIENT)
                .build();

        assertThat(wire(r)).containsEntry("aspect_ratio", "21:9");
        assertThat(r.aspectRatio()).containsSame(AspectRatio.LANDSCAPE_16_9); // the modelled field, as set
        assertThat(r.extraBody()).containsEntry("aspect_ratio", "21:9");
    }
}
