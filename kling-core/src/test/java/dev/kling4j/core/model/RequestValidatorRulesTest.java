package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.catalog.FieldType;
import dev.kling4j.core.catalog.PromptRule;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The validator's rules, one by one, for every category and field the endpoint table declares (so a field the
 * table gains is covered here too): required fields, values of the wrong kind, choices, the prompt rule, the
 * storyboard's total, element details and {@code @}-reference errors. Limits are {@link LimitBoundaryTest}'s.
 */
class RequestValidatorRulesTest {
    static final Catalog CATALOG = Catalog.standard();

    static CategorySpec spec(Category c) {
        return CATALOG.category(c);
    }

    static List<Problem> problems(CategorySpec spec, VideoInput.Builder input) {
        return RequestValidator.problems(spec, input.build());
    }

    static Stream<CategorySpec> categories() {
        return Stream.of(Category.values()).map(RequestValidatorRulesTest::spec);
    }

    @TestFactory
    Stream<DynamicTest> theMinimalInputOfEveryCategoryIsValid() {
        return categories()
                .map(s -> DynamicTest.dynamicTest(s.category().id(), () -> {
                    assertThat(problems(s, LimitBoundaryTest.minimal(s))).isEmpty();
                    assertThatCode(() -> RequestValidator.check(
                                    s, LimitBoundaryTest.minimal(s).build()))
                            .doesNotThrowAnyException();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyRequiredFieldLeftOutIsReportedWithHowToGiveIt() {
        return categories()
                .flatMap(s -> s.fields().values().stream()
                        .filter(FieldSpec::required)
                        .map(f -> DynamicTest.dynamicTest(s.category().id() + " without " + f.name(), () -> {
                            VideoInput.Builder input =
                                    LimitBoundaryTest.minimal(s).set(f.name(), null);
                            if (f.type() == FieldType.PROMPT && s.promptRule() == PromptRule.REQUIRED) {
                                input.set("multi_prompt", null);
                            }

                            assertThat(problems(s, input))
                                    .filteredOn(p -> p.field().equals(f.name()))
                                    .singleElement()
                                    .satisfies(p -> {
                                        assertThat(p.message())
                                                .isEqualTo("is required by "
                                                        + s.category().id());
                                        assertThat(p.fix())
                                                .isEqualTo(
                                                        switch (f.type()) {
                                                            case IMAGE -> "give the image as a URL or a local file";
                                                            case VIDEO ->
                                                                "give the source video as a URL or a local .mp4/.mov file";
                                                            case PROMPT -> "write a prompt";
                                                            default -> "set " + f.name();
                                                        });
                                    });
                            assertThatThrownBy(() -> RequestValidator.check(s, input.build()))
                                    .isInstanceOf(InvalidRequestException.class)
                                    .hasMessageContaining(f.name());
                        })));
    }

    /** A value of no kind the validator knows. */
    static final Object ODD = new Object() {
        @Override
        public String toString() {
            return "odd";
        }
    };

    @TestFactory
    Stream<DynamicTest> everyFieldRefusesAValueOfTheWrongKindNamingItself() {
        return categories()
                .flatMap(s -> s.fields().values().stream()
                        .map(f -> DynamicTest.dynamicTest(s.category().id() + "." + f.name() + " = odd", () -> {
                            VideoInput.Builder input = LimitBoundaryTest.minimal(s);
                            if (f.type() == FieldType.SHOTS) {
                                input.set("prompt", null); // a storyboard stands instead of the prompt
                            }
                            List<Problem> found = problems(s, input.set(f.name(), ODD));

                            // only that field is refused (a rule tying it to another field may add a second problem)
                            assertThat(found)
                                    .extracting(Problem::field)
                                    .isNotEmpty()
                                    .containsOnly(f.name());
                            assertThat(found).anySatisfy(p -> {
                                if (f.type() == FieldType.ENUM) {
                                    assertThat(p.message())
                                            .isEqualTo("'odd' is not a choice "
                                                    + s.category().id() + " takes");
                                    assertThat(p.fix()).isEqualTo("use one of " + String.join(", ", f.values()));
                                } else {
                                    assertThat(p.message()).isEqualTo("has a value of the wrong kind");
                                    assertThat(p.fix()).startsWith("give ");
                                }
                            });
                        })));
    }

    @TestFactory
    Stream<DynamicTest> listFieldsRefuseAListHoldingSomethingElse() {
        return categories()
                .flatMap(s -> s.fields().values().stream()
                        .filter(f -> f.type() == FieldType.IMAGE_LIST
                                || f.type() == FieldType.ELEMENTS
                                || f.type() == FieldType.IMAGE_ELEMENTS)
                        .map(f -> DynamicTest.dynamicTest(
                                s.category().id() + "." + f.name() + " = [odd]",
                                () -> assertThat(problems(
                                                s, LimitBoundaryTest.minimal(s).set(f.name(), List.of(ODD))))
                                        .extracting(Problem::field, Problem::message)
                                        .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                                f.name(), "has a value of the wrong kind")))));
    }

    @TestFactory
    Stream<DynamicTest> everyChoiceOfEveryEnumFieldIsAccepted() {
        return categories()
                .flatMap(s -> s.fields().values().stream()
                        .filter(f -> f.type() == FieldType.ENUM)
                        .flatMap(f -> f.values().stream()
                                .map(v -> DynamicTest.dynamicTest(
                                        s.category().id() + "." + f.name() + " = " + v,
                                        () -> assertThat(problems(
                                                        s,
                                                        LimitBoundaryTest.minimal(s)
                                                                .set(f.name(), v)))
                                                .isEmpty()))));
    }

    @TestFactory
    Stream<DynamicTest> booleansAreAcceptedEitherWay() {
        return categories()
                .flatMap(s -> s.fields().values().stream()
                        .filter(f -> f.type() == FieldType.BOOLEAN)
                        .flatMap(f -> Stream.of(true, false)
                                .map(v -> DynamicTest.dynamicTest(
                                        s.category().id() + "." + f.name() + " = " + v,
                                        () -> assertThat(problems(
                                                        s,
                                                        LimitBoundaryTest.minimal(s)
                                                                .set(f.name(), v)))
                                                .isEmpty()))));
    }

    // ---------------------------------------------------------------- prompts and storyboards

    @TestFactory
    Stream<DynamicTest> aCategoryTakingAPromptOrAStoryboardWantsExactlyOne() {
        return categories()
                .filter(s -> s.promptRule() == PromptRule.ONE_OF)
                .flatMap(s -> Stream.of(
                        DynamicTest.dynamicTest(
                                s.category().id() + " with both",
                                () -> assertThat(problems(
                                                s,
                                                LimitBoundaryTest.minimal(s)
                                                        .set(
                                                                "multi_prompt",
                                                                Storyboard.builder()
                                                                        .shot(5, "a fox")
                                                                        .build())))
                                        .containsExactly(new Problem(
                                                "prompt",
                                                "and multi_prompt are both set",
                                                "give either a prompt or a storyboard (multi_prompt), not both"))),
                        DynamicTest.dynamicTest(
                                s.category().id() + " with neither",
                                () -> assertThat(problems(
                                                s, LimitBoundaryTest.minimal(s).set("prompt", null)))
                                        .containsExactly(new Problem(
                                                "prompt",
                                                "is missing",
                                                "give a prompt or a storyboard (multi_prompt)"))),
                        DynamicTest.dynamicTest(
                                s.category().id() + " with a storyboard only",
                                () -> assertThat(problems(
                                                s,
                                                LimitBoundaryTest.minimal(s)
                                                        .set("prompt", null)
                                                        .set(
                                                                "multi_prompt",
                                                                Storyboard.builder()
                                                                        .shot(5, "a fox")
                                                                        .build())))
                                        .isEmpty())));
    }

    @TestFactory
    Stream<DynamicTest> aBlankPromptOrShotPromptIsRefused() {
        return categories().flatMap(s -> {
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(
                    s.category().id() + " prompt",
                    () -> assertThat(problems(s, LimitBoundaryTest.minimal(s).set("prompt", " \t")))
                            .containsExactly(new Problem("prompt", "is blank", "describe the video to generate"))));
            if (s.takes("multi_prompt")) {
                tests.add(DynamicTest.dynamicTest(
                        s.category().id() + " shot prompt",
                        () -> assertThat(problems(
                                        s,
                                        LimitBoundaryTest.minimal(s)
                                                .set("prompt", null)
                                                .set(
                                                        "multi_prompt",
                                                        Storyboard.builder()
                                                                .shot(2, "a fox")
                                                                .shot(2, " ")
                                                                .build())))
                                .containsExactly(new Problem(
                                        "multi_prompt[1].prompt", "is blank", "describe the video to generate"))));
            }
            return tests.stream();
        });
    }

    @TestFactory
    Stream<DynamicTest> shotsMustAddUpToTheDurationWhenBothAreSet() {
        return categories()
                .filter(s -> s.takes("multi_prompt") && s.takes("duration"))
                .flatMap(s -> {
                    VideoInput.Builder base = LimitBoundaryTest.minimal(s)
                            .set("prompt", null)
                            .set(
                                    "multi_prompt",
                                    Storyboard.builder()
                                            .shot(3, "a fox")
                                            .shot(5, "it leaps")
                                            .build());
                    return Stream.of(
                            DynamicTest.dynamicTest(
                                    s.category().id() + " 3 + 5 = 8",
                                    () -> assertThat(problems(s, base.set("duration", 8)))
                                            .isEmpty()),
                            DynamicTest.dynamicTest(
                                    s.category().id() + " 3 + 5 ≠ 9",
                                    () -> assertThat(problems(s, base.set("duration", 9)))
                                            .containsExactly(
                                                    new Problem(
                                                            "multi_prompt",
                                                            "shots add up to 8 s but duration is 9 s",
                                                            "make the shots add up to the duration, or leave the duration out"))),
                            DynamicTest.dynamicTest(
                                    s.category().id() + " no shots and a duration",
                                    () -> assertThat(problems(
                                                    s,
                                                    base.set("duration", 5)
                                                            .set("multi_prompt", Storyboard.of(List.of()))))
                                            .extracting(Problem::field)
                                            .containsExactly("multi_prompt")));
                });
    }

    // ---------------------------------------------------------------- elements and references

    @Test
    void aBlankVoiceIdIsRefusedAndAGivenOneAccepted() {
        CategorySpec ref = spec(Category.REFERENCE_TO_VIDEO);
        Element.Builder e =
                Element.builder().frontalImage(LimitBoundaryTest.IMAGE).referenceImage(LimitBoundaryTest.IMAGE);

        assertThat(problems(
                        ref,
                        LimitBoundaryTest.minimal(ref)
                                .set("elements", List.of(e.voiceId(" ").build()))))
                .containsExactly(new Problem(
                        "elements[0].voice_id",
                        "is blank",
                        "give the id fal's Kling create-voice endpoint returned, or leave it out"));
        assertThat(problems(
                        ref,
                        LimitBoundaryTest.minimal(ref)
                                .set("elements", List.of(e.voiceId("v-1").build()))))
                .isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> imageElementFieldsRefuseFullElementsSayingWhatToUse() {
        return categories()
                .flatMap(
                        s -> s.fields().values().stream()
                                .filter(f -> f.type() == FieldType.IMAGE_ELEMENTS)
                                .map(
                                        f -> DynamicTest.dynamicTest(
                                                s.category().id() + "." + f.name(),
                                                () -> assertThat(problems(
                                                                s,
                                                                LimitBoundaryTest.minimal(s)
                                                                        .set(
                                                                                f.name(),
                                                                                List.of(LimitBoundaryTest.element(
                                                                                        1, false)))))
                                                        .containsExactly(
                                                                new Problem(
                                                                        f.name(),
                                                                        "video-to-video takes image elements, not full elements",
                                                                        "use ImageElement (a frontal image and 0–3 reference images; no video, no voice)")))));
    }

    @TestFactory
    Stream<DynamicTest> aPromptNamingAnImageThatIsNotThereIsAnErrorButAWarningIsNot() {
        return categories()
                .filter(s -> s.takes("image_urls"))
                .flatMap(s -> Stream.of(
                        DynamicTest.dynamicTest(
                                s.category().id() + " @Image2 of one",
                                () -> assertThat(problems(
                                                s,
                                                LimitBoundaryTest.minimal(s)
                                                        .set("prompt", "@Image2 at dawn")
                                                        .set("image_urls", List.of(LimitBoundaryTest.IMAGE))))
                                        .extracting(Problem::field)
                                        .containsExactly("prompt")),
                        DynamicTest.dynamicTest(
                                s.category().id() + " @image1, lower case",
                                () -> assertThat(problems(
                                                s,
                                                LimitBoundaryTest.minimal(s)
                                                        .set("prompt", "@image1 at dawn")
                                                        .set("image_urls", List.of(LimitBoundaryTest.IMAGE))))
                                        .isEmpty())));
    }

    @Test
    void aShotNamingAnImageThatIsNotThereIsAnErrorAtThatShot() {
        CategorySpec ref = spec(Category.REFERENCE_TO_VIDEO);

        List<Problem> found = problems(
                ref,
                LimitBoundaryTest.minimal(ref)
                        .set("prompt", null)
                        .set("image_urls", List.of(LimitBoundaryTest.IMAGE))
                        .set(
                                "multi_prompt",
                                Storyboard.builder()
                                        .shot(2, "@Image1 at dawn")
                                        .shot(2, "@Image3 at dusk")
                                        .build()));

        assertThat(found).extracting(Problem::field).containsExactly("multi_prompt[1].prompt");
        assertThat(RequestValidator.lint(
                        ref,
                        LimitBoundaryTest.minimal(ref)
                                .set("prompt", null)
                                .set(
                                        "multi_prompt",
                                        Storyboard.builder().shot(2, "@Image1").build())
                                .build(),
                        false))
                .isNotEmpty();
    }

    @Test
    void aFieldTheCategoryDoesNotTakeIsRefusedWhateverItsValue() {
        CategorySpec t2v = spec(Category.TEXT_TO_VIDEO);

        assertThat(problems(
                        t2v, LimitBoundaryTest.minimal(t2v).set("video_url", Media.url("https://example.com/a.mp4"))))
                .extracting(Problem::field, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("video_url", "text-to-video does not take video_url"));
        assertThat(problems(t2v, LimitBoundaryTest.minimal(t2v).extraBody("seed", 7)))
                .isEmpty();
    }
}
