package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.testkit.SampleMedia;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused with exit code 2, a message naming the flag, no stack trace, and nothing sent. */
class RefusalTest extends EmulatorTest {
    @BeforeEach
    void images() {
        SampleMedia.writePng(work.resolve("a.png"), 600, 900);
        SampleMedia.writePng(work.resolve("b.png"), 600, 900);
        SampleMedia.writePng(work.resolve("side.png"), 600, 900);
    }

    CliRun refused(String... args) {
        CliRun r = kling(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ", "Exception");
        assertThat(fal.requests()).as("nothing sent").isEmpty();
        return r;
    }

    @Test
    void elementRefWithTwoElementFrontsIsAmbiguous() {
        CliRun r = refused(
                "generate-ref",
                "--element-front",
                "a.png",
                "b.png",
                "--element-ref",
                "side.png",
                "--prompt",
                "@Element1");

        assertThat(r.err()).contains("--element-ref is ambiguous with 2 --element-front", "--element \"front=");
    }

    @Test
    void aTwentySecondDurationNamesTheDurationFlag() {
        CliRun r = refused("generate", "--prompt", "a fox", "--duration", "20");

        assertThat(r.err()).contains("--duration (duration): is 20 s, outside 3–15 s");
    }

    @Test
    void elementsOnGeneratePointToGenerateRef() {
        CliRun r = refused("generate", "--prompt", "a fox", "--element-front", "a.png");

        assertThat(r.err()).contains("--element-front", "generate-ref");
    }

    @Test
    void aMissingFileNamesTheFlagAndThePath() {
        CliRun r = refused("generate", "--image", "nowhere.png", "--prompt", "a cat");

        assertThat(r.err()).contains("--image (image_url)", "nowhere.png", "does not exist");
    }

    @Test
    void elementsWithoutExtraViewsOnReferenceToVideoSayWhatIsMissing() {
        CliRun r =
                refused("generate-ref", "--element-front", "a.png", "b.png", "--prompt", "@Element1 meets @Element2");

        assertThat(r.err()).contains("--element-front/--element (elements[0].reference_image_urls)");
    }

    @Test
    void aModelOfAnotherCategoryNamesTheCommandThatRunsIt() {
        CliRun r = refused("generate", "--model", "kling_o3_pro_edit", "--prompt", "a fox");

        assertThat(r.err()).contains("kling_o3_pro_edit is a video-to-video-edit model", "kling edit");
    }

    @Test
    void anUnknownModelSuggestsCloseKeys() {
        CliRun r = refused("generate", "--model", "kling_o3_pro_t2", "--prompt", "a fox");

        assertThat(r.err()).contains("kling_o3_pro_t2v");
    }

    @Test
    void aBadShotSaysHowToWriteIt() {
        CliRun r = refused("generate", "--shot", "the fox stops");

        assertThat(r.err()).contains("--shot \"the fox stops\"", "duration=SECONDS:TEXT");
    }

    @Test
    void aMaxCostBelowTheEstimateIsRefusedBeforeAnythingIsSent() {
        CliRun r = refused("generate", "--prompt", "a fox", "--duration", "10", "--max-cost", "1.00");

        assertThat(r.err()).contains("estimate: kling_o3_pro_t2v: 10 s", "1.120");
    }

    @Test
    void withoutAKeyTheMessageSaysHowToSetFalKeyOrTryTheEmulator() {
        CliRun r = CliRun.run(Map.of(), work.resolve("home"), work, "generate", "--prompt", "a fox");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("FAL_KEY", "--emulator").doesNotContain("\tat ");
    }

    @Test
    void valuesOfTheWrongTypeNameTheirFlag() {
        assertThat(refused("generate", "--prompt", "a fox", "--duration", "ten").err())
                .contains("--duration", "ten");
        assertThat(refused("generate", "--prompt", "a fox", "--deadline", "5x").err())
                .contains("--deadline", "20m");
        assertThat(refused("generate", "--prompt", "a fox", "--max-cost", "cheap")
                        .err())
                .contains("--max-cost");
    }

    @Test
    void aBadElementSpecNamesTheUnknownKey() {
        assertThat(refused("generate-ref", "--element", "front=a.png,face=side.png", "--prompt", "@Element1")
                        .err())
                .contains("--element", "unknown key 'face'", "front=, ref=");
    }
}
