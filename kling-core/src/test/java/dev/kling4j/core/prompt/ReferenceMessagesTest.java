package dev.kling4j.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.ReferenceKind;
import dev.kling4j.core.catalog.TestSpecs;
import dev.kling4j.core.error.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the linter says and advises, word for word, and how references are parsed at their edges. */
class ReferenceMessagesTest {
    static final CategorySpec REF = Catalog.standard().category(Category.REFERENCE_TO_VIDEO);
    static final CategorySpec T2V = Catalog.standard().category(Category.TEXT_TO_VIDEO);
    static final CategorySpec EDIT = Catalog.standard().category(Category.VIDEO_TO_VIDEO_EDIT);

    static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    static Finding lint(CategorySpec spec, String prompt, int elements, int images, boolean video) {
        return only(ReferenceLinter.lint(spec, PromptText.prompt(prompt), elements, images, video, false));
    }

    @Test
    void aReferenceBeyondWhatIsSuppliedSaysHowManyThereAreAndWhatToDo() {
        assertThat(lint(REF, "@Image2 glows", 0, 0, false)).satisfies(f -> {
            assertThat(f.message()).isEqualTo("@Image2 refers to image_urls[1] but no image_urls are supplied");
            assertThat(f.fix()).isEqualTo("supply image_urls[1]");
        });
        assertThat(lint(REF, "@Image2 glows", 0, 1, false)).satisfies(f -> {
            assertThat(f.message()).isEqualTo("@Image2 refers to image_urls[1] but only 1 image_urls is supplied");
            assertThat(f.fix()).isEqualTo("supply image_urls[1] or refer to @Image1…@Image1");
        });
        assertThat(lint(REF, "@Element3 bows", 2, 0, false)).satisfies(f -> {
            assertThat(f.message()).isEqualTo("@Element3 refers to elements[2] but only 2 elements are supplied");
            assertThat(f.fix()).isEqualTo("supply elements[2] or refer to @Element1…@Element2");
            assertThat(f.isError()).isTrue();
        });
        assertThat(ReferenceLinter.lint(REF, PromptText.prompt("@Element2 bows"), 2, 0, false, false))
                .isEmpty();
    }

    @Test
    void aSourceVideoReferenceWithoutAVideoSaysToSetIt() {
        Finding f = lint(EDIT, "make @Video1 snowy", 0, 0, false);

        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.message()).isEqualTo("@Video1 refers to the source video but no video_url is set");
        assertThat(f.fix()).isEqualTo("set video_url to the source video");
        assertThat(f.toProblem())
                .isEqualTo(new Problem(
                        "prompt",
                        "@Video1 refers to the source video but no video_url is set (characters 5..12)",
                        "set video_url to the source video"));
    }

    @Test
    void aKindTheCategoryDoesNotTakeRefersToNothingWithTheTablesHintOrTheKindsItTakes() {
        assertThat(lint(T2V, "@Video1 on a beach", 0, 0, true)).satisfies(f -> {
            assertThat(f.message()).isEqualTo("text-to-video takes no video_url, so @Video1 refers to nothing");
            assertThat(f.fix()).isEqualTo("remove it: text-to-video prompts take no @-references");
        });
        assertThat(lint(T2V, "@Element1 on a beach", 1, 0, false).fix())
                .isEqualTo(T2V.refusalHint("elements").orElseThrow());
        assertThat(lint(REF, "@Video1 in the rain", 0, 0, true).fix())
                .isEqualTo(REF.refusalHint("video_url").orElseThrow());
        CategorySpec elementsAndImages = TestSpecs.withReferences(
                Category.REFERENCE_TO_VIDEO, Set.of(ReferenceKind.IMAGE, ReferenceKind.ELEMENT), Map.of());
        assertThat(lint(elementsAndImages, "@Video1 dances", 0, 0, true).fix())
                .isEqualTo("remove it: reference-to-video prompts may refer to @ElementN, @ImageN");
    }

    @Test
    void aMalformedReferenceIsAWarningWithTheSpellingFalReads() {
        assertThat(lint(REF, "@element1 runs", 1, 0, false)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.isError()).isFalse();
            assertThat(f.message())
                    .isEqualTo("@element1 is not a reference fal reads: fal reads references spelled "
                            + "exactly @Element1");
            assertThat(f.fix()).isEqualTo("write @Element1");
        });
        assertThat(lint(REF, "@Element runs", 1, 0, false).fix()).isEqualTo("write @ElementN with N from 1");
        assertThat(lint(REF, "@Element runs", 1, 0, false).message())
                .isEqualTo("@Element is not a reference fal reads:"
                        + " no number: write @Element1 for elements[0], @Element2 for elements[1], …");
        assertThat(lint(REF, "@Image0 glows", 0, 1, false).fix()).isEqualTo("write @Image1");
        assertThat(lint(EDIT, "make @Video2 snowy", 0, 0, true).fix()).isEqualTo("write @Video1");
        assertThat(lint(REF, "@Image01 glows", 0, 1, false).message())
                .endsWith("leading zeros are not read: write @Image1");
    }

    @Test
    void suppliedElementsAndImagesNoPromptNamesAreWarnedAboutByNameOnlyWhenAsked() {
        List<Finding> warnings =
                ReferenceLinter.lint(REF, PromptText.prompt("@Element1 and @Image2"), 2, 2, false, true);

        assertThat(warnings)
                .extracting(Finding::field, Finding::message, Finding::fix)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "elements[1]",
                                "elements[1] is supplied but no prompt names it @Element2",
                                "name it in a prompt as @Element2, or remove it if it is not needed"),
                        org.assertj.core.groups.Tuple.tuple(
                                "image_urls[0]",
                                "image_urls[0] is supplied but no prompt names it @Image1",
                                "name it in a prompt as @Image1, or remove it if it is not needed"));
        assertThat(warnings.get(0).toProblem().message()).doesNotContain("characters");
        assertThat(warnings.get(0))
                .hasToString("WARNING elements[1] @Element2: elements[1] is supplied but no prompt "
                        + "names it @Element2 (name it in a prompt as @Element2, or remove it if it is not needed)");
        assertThat(ReferenceLinter.lint(T2V, PromptText.prompt("a cat"), 1, 1, false, true))
                .as("a category taking no elements or images does not ask to name them")
                .isEmpty();
    }

    @Test
    void oneStringIsThePromptAndSeveralAreShots() {
        assertThat(only(ReferenceLinter.lint(REF, List.of("@Image1 glows"), 0, 0, false))
                        .field())
                .isEqualTo("prompt");
        assertThat(ReferenceLinter.lint(REF, List.of("a fox", "@Image1 glows"), 0, 0, false))
                .extracting(Finding::field)
                .containsExactly("multi_prompt[1].prompt");
        assertThat(only(ReferenceLinter.lint(REF, List.of("@Image2 glows"), 0, 0, false)))
                .hasToString(
                        "ERROR prompt 0..7 @Image2: @Image2 refers to image_urls[1] but no image_urls are supplied "
                                + "(supply image_urls[1])");
    }

    // ---------------------------------------------------------------- parsing

    @Test
    void referencesAreFoundAtTheStartAndInTextOrderWhateverTheirSyntax() {
        List<Reference> refs = References.parse("<<<image_1>>> and @Image1, then @Element2");

        assertThat(refs).extracting(Reference::start).containsExactly(0, 18, 32);
        assertThat(refs.get(1).wellFormed()).isTrue();
        assertThat(refs.get(1).suggestion()).isEmpty();
        assertThat(refs.get(1).malformation()).isEmpty();
        assertThat(refs.get(0).suggestion()).contains("@Image1");
        assertThat(refs.get(0).malformation()).contains("Kling's native syntax; fal's prompts write @Image1");
        assertThat(References.parse("<<<element_0>>>").get(0).malformation())
                .contains("Kling's native syntax; fal's prompts write @ElementN");
        assertThat(References.parse("a@Image1 x@Image1 1@Image1")).isEmpty();
        assertThat(References.parse("(@Image1)")).extracting(Reference::start).containsExactly(1);
    }

    @Test
    void aNumberOfNineDigitsIsReadAndTenAreTooLarge() {
        assertThat(References.parse("@Image123456789").get(0).number()).isEqualTo(123456789);
        assertThat(References.parse("@Image123456789").get(0).wellFormed()).isTrue();
        Reference ten = References.parse("@Image1234567890").get(0);
        assertThat(ten.wellFormed()).isFalse();
        assertThat(ten.malformation()).contains("the number 1234567890 is too large");
        assertThat(References.parse("@Image0001").get(0).number()).isEqualTo(1);
    }

    @Test
    void referencesCompareByValue() {
        Reference a = References.parse("@Image1").get(0);
        Reference same = References.parse("@Image1").get(0);

        assertThat(a)
                .isEqualTo(same)
                .hasSameHashCodeAs(same)
                .isNotEqualTo("@Image1")
                .isNotEqualTo(References.parse(" @Image1").get(0))
                .isNotEqualTo(References.parse("@Image2").get(0))
                .isNotEqualTo(References.parse("@Element1").get(0))
                .isNotEqualTo(References.parse("@image1").get(0))
                .isNotEqualTo(References.parse("<<<image_1>>>").get(0));
        assertThat(a.hashCode()).isNotEqualTo(References.parse("@Image2").get(0).hashCode());
        assertThat(a).hasToString("@Image1@0..7");
        assertThat(References.parse("@image1").get(0))
                .hasToString("@image1@0..7 (malformed: fal reads references spelled exactly @Image1)");
    }
}
