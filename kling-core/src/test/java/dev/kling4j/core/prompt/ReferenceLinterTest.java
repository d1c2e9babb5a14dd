package dev.kling4j.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.error.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceLinterTest {

    private static CategorySpec spec(String categoryId) {
        return Catalog.standard().category(Category.fromId(categoryId).orElseThrow());
    }

    /** Renders findings compactly: {@code SEVERITY field start..end reference}, joined by {@code |}. */
    private static String compact(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.severity() + " " + f.field() + " " + f.start() + ".." + f.end() + " " + f.reference())
                .collect(Collectors.joining(" | "));
    }

    @ParameterizedTest(name = "[{index}] {0}: \"{1}\" with {2} elements, {3} images, video {4}")
    @CsvSource(
            delimiter = ';',
            value = {
                // category; prompts (shots split on ' || '); elements; images; video; expected findings
                "reference-to-video; @Element1 hands @Image1 a cup; 1; 1; false; ''",
                "reference-to-video; @Element1 waves at @Element3; 2; 0; false; ERROR prompt 19..28 @Element3 | WARNING elements[1] -1..-1 @Element2",
                "reference-to-video; @Element1 and @Element2 dance; 3; 0; false; WARNING elements[2] -1..-1 @Element3",
                "reference-to-video; @Image2 glows; 0; 0; false; ERROR prompt 0..7 @Image2",
                "reference-to-video; @Video1 in the rain; 1; 0; false; ERROR prompt 0..7 @Video1 | WARNING elements[0] -1..-1 @Element1",
                "reference-to-video; @element1 runs; 1; 0; false; WARNING prompt 0..9 @element1 | WARNING elements[0] -1..-1 @Element1",
                "reference-to-video; @Element0 runs and @Element1 sits; 1; 0; false; WARNING prompt 0..9 @Element0",
                "reference-to-video; @Element01 runs and @Element1 sits; 1; 0; false; WARNING prompt 0..10 @Element01",
                "reference-to-video; @Element runs and @Element1 sits; 1; 0; false; WARNING prompt 0..8 @Element",
                "reference-to-video; <<<element_1>>> runs and @Element1 sits; 1; 0; false; WARNING prompt 0..15 <<<element_1>>>",
                "reference-to-video; @Images1 on a wall, @Image1 too; 0; 1; false; WARNING prompt 0..8 @Images1",
                "reference-to-video; mail me at kid@Image1.com or @john; 0; 0; false; ''",
                "reference-to-video; @Element1 enters || @Element2 leaves @Image3; 2; 1; false; ERROR multi_prompt[1].prompt 17..24 @Image3 | WARNING image_urls[0] -1..-1 @Image1",
                "text-to-video; @Element1 on a beach; 0; 0; false; ERROR prompt 0..9 @Element1",
                "text-to-video; a cat on a beach; 0; 0; false; ''",
                "image-to-video; @Image1 comes alive; 0; 0; false; ERROR prompt 0..7 @Image1",
                "video-to-video-edit; make @Video1 snowy with @Element1; 1; 0; true; ''",
                "video-to-video-edit; make @Video2 snowy; 0; 0; true; WARNING prompt 5..12 @Video2",
                "video-to-video-edit; make @Video1 snowy; 0; 2; true; WARNING image_urls[0] -1..-1 @Image1 | WARNING image_urls[1] -1..-1 @Image2",
                "video-to-video-reference; based on @Video1, @Image1 dances; 0; 1; false; ERROR prompt 9..16 @Video1",
            })
    void lintsATableOfPrompts(
            String category, String prompts, int elements, int images, boolean video, String expected) {
        List<String> shots = Arrays.asList(prompts.split(" \\|\\| "));

        List<Finding> findings = ReferenceLinter.lint(spec(category), shots, elements, images, video);

        assertThat(compact(findings)).isEqualTo(expected);
    }

    @Test
    void explainsAReferencePastTheEndAndHowToFixIt() {
        Finding f = ReferenceLinter.lint(
                        spec("reference-to-video"), List.of("@Element1 waves at @Element3"), 2, 0, false)
                .get(0);

        assertThat(f.isError()).isTrue();
        assertThat(f.message()).isEqualTo("@Element3 refers to elements[2] but only 2 elements are supplied");
        assertThat(f.fix()).isEqualTo("supply elements[2] or refer to @Element1…@Element2");
        assertThat("@Element1 waves at @Element3".substring(f.start(), f.end())).isEqualTo("@Element3");
    }

    @Test
    void pointsAVideoReferenceOnReferenceToVideoAtElementVideosOrVideoToVideo() {
        Finding f = ReferenceLinter.lint(spec("reference-to-video"), List.of("@Video1 in the rain"), 0, 0, false)
                .get(0);

        assertThat(f.message()).isEqualTo("reference-to-video takes no video_url, so @Video1 refers to nothing");
        assertThat(f.fix()).contains("elements[].video_url").contains("video-to-video");
    }

    @Test
    void saysAVideoReferenceNeedsASourceVideo() {
        Finding f = ReferenceLinter.lint(spec("video-to-video-edit"), List.of("make @Video1 snowy"), 0, 0, false)
                .get(0);

        assertThat(f.isError()).isTrue();
        assertThat(f.message()).isEqualTo("@Video1 refers to the source video but no video_url is set");
        assertThat(f.fix()).isEqualTo("set video_url to the source video");
    }

    @Test
    void suggestsTheWellFormedSpellingOfAMalformedReference() {
        Finding f = ReferenceLinter.lint(spec("reference-to-video"), List.of("@element1 runs"), 1, 0, false)
                .get(0);

        assertThat(f.message())
                .isEqualTo(
                        "@element1 is not a reference fal reads: " + "fal reads references spelled exactly @Element1");
        assertThat(f.fix()).isEqualTo("write @Element1");
    }

    @Test
    void namesTheShotOfASingleShotStoryboardWhenGivenFieldPaths() {
        List<Finding> findings = ReferenceLinter.lint(
                spec("reference-to-video"), PromptText.shots(List.of("@Element2 runs")), 1, 0, false, false);

        assertThat(compact(findings)).isEqualTo("ERROR multi_prompt[0].prompt 0..9 @Element2");
    }

    @Test
    void turnsAFindingIntoARequestProblemWithItsFieldPath() {
        Finding f = ReferenceLinter.lint(spec("text-to-video"), List.of("@Element1 on a beach"), 0, 0, false)
                .get(0);

        Problem p = f.toProblem();

        assertThat(p.field()).isEqualTo("prompt");
        assertThat(p.message())
                .isEqualTo("text-to-video takes no elements, so @Element1 refers to nothing (characters 0..9)");
        assertThat(p.fix()).contains("use reference-to-video");
    }
}
