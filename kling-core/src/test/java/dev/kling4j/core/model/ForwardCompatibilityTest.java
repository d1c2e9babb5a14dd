package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.media.Media;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens when fal moves before kling4j does: a new choice, a longer duration, more shots, a field sent
 * as an extra body property, a newer endpoint table. Strict validation refuses what the table does not list;
 * lenient validation sends it with a warning, and still refuses what no version of fal's API takes.
 */
class ForwardCompatibilityTest {
    static final Catalog STANDARD = Catalog.standard();
    /** A client that sends nothing: no key, the shipped prices. */
    static final dev.kling4j.core.KlingClient OFFLINE =
            dev.kling4j.core.KlingClient.builder().livePrices(false).build();

    static final Media IMAGE = Media.url("https://example.com/a.png");
    static final String SENT_AS_IS = "; sent as it is (lenient validation)";

    final AnyModel t2v = AnyModel.of("kling_o3_pro_t2v");
    final AnyModel i2v = AnyModel.of("kling_o3_pro_i2v");

    @TempDir
    Path dir;

    static List<Problem> refusal(Runnable build) {
        return RequestValidatorTest.problems(build);
    }

    static Map<String, Object> wire(AnyModel model, VideoRequest request) {
        return model.toWire((AnyModel.Request) request, m -> m.url().orElseThrow());
    }

    // ---------------------------------------------------------------- open values

    @Test
    void anUnknownAspectRatioOrShotTypeIsRefusedWithTheChoicesWhenStrict() {
        List<Problem> p =
                refusal(() -> t2v.request(Map.of("prompt", "a fox", "aspect_ratio", "4:3", "shot_type", "cinematic")));

        assertThat(p)
                .extracting(Problem::field, Problem::message, Problem::fix)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "aspect_ratio",
                                "'4:3' is not a choice text-to-video takes",
                                "use one of 16:9, 9:16, 1:1"),
                        org.assertj.core.groups.Tuple.tuple(
                                "shot_type",
                                "'cinematic' is not a choice text-to-video takes",
                                "use one of customize, intelligent"));
    }

    @Test
    void anUnknownAspectRatioAndShotTypeAreKeptAsTextAndSentAsTheyAreWhenLenient() {
        AnyModel.Request r = t2v.request(
                Map.of("prompt", "a fox", "aspect_ratio", "4:3", "shot_type", "cinematic"), Validation.LENIENT);

        assertThat(r.validation()).isEqualTo(Validation.LENIENT);
        assertThat(r.warnings()).extracting(Problem::field).containsExactlyInAnyOrder("aspect_ratio", "shot_type");
        assertThat(r.warnings()).allSatisfy(w -> assertThat(w.message()).endsWith(SENT_AS_IS));
        assertThat(r.warnings())
                .filteredOn(w -> w.field().equals("aspect_ratio"))
                .singleElement()
                .extracting(Problem::fix)
                .isEqualTo("use one of 16:9, 9:16, 1:1");
        assertThat(r.shotType()).get().extracting(ShotType::value).isEqualTo("cinematic");
        assertThat(wire(t2v, r)).containsEntry("aspect_ratio", "4:3").containsEntry("shot_type", "cinematic");
    }

    @Test
    void aKnownChoiceGivesNoWarningEvenWhenLenient() {
        AnyModel.Request r = t2v.request(Map.of("prompt", "a fox", "aspect_ratio", "9:16"), Validation.LENIENT);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.validation()).isEqualTo(Validation.LENIENT);
    }

    @Test
    void anOpenValueGivenToTheGenericPathIsSentAsItsText() {
        AnyModel.Request r = t2v.request(Map.of(
                "prompt", "a fox", "aspect_ratio", AspectRatio.PORTRAIT_9_16, "shot_type", ShotType.of("intelligent")));

        assertThat(wire(t2v, r)).containsEntry("aspect_ratio", "9:16").containsEntry("shot_type", "intelligent");
    }

    @Test
    void openValuesFindTheirConstantByExactTextAndKeepAnyOtherTextAsItIs() {
        assertThat(AspectRatio.of("16:9")).isSameAs(AspectRatio.LANDSCAPE_16_9);
        assertThat(AspectRatio.of("auto")).isSameAs(AspectRatio.AUTO);
        assertThat(AspectRatio.of("4:3").value()).isEqualTo("4:3");
        assertThat(AspectRatio.of("4:3")).isEqualTo(AspectRatio.of("4:3")).hasToString("4:3");
        // fal compares the text exactly: a near miss is not corrected behind the user's back
        assertThat(AspectRatio.of("Auto"))
                .isNotEqualTo(AspectRatio.AUTO)
                .extracting(AspectRatio::value)
                .isEqualTo("Auto");
        assertThat(AspectRatio.of(" 1:1")).isNotEqualTo(AspectRatio.SQUARE_1_1);
        assertThat(ShotType.of("intelligent")).isSameAs(ShotType.INTELLIGENT);
        assertThat(ShotType.of("customize")).isSameAs(ShotType.CUSTOMIZE);
        assertThat(ShotType.of("Customize")).isNotEqualTo(ShotType.CUSTOMIZE);
    }

    @Test
    void theConstantsAreExactlyTheChoicesTheShippedTableLists() {
        assertThat(choices("aspect_ratio"))
                .containsExactlyInAnyOrder(Stream.of(
                                AspectRatio.LANDSCAPE_16_9,
                                AspectRatio.PORTRAIT_9_16,
                                AspectRatio.SQUARE_1_1,
                                AspectRatio.AUTO)
                        .map(AspectRatio::value)
                        .toArray(String[]::new));
        assertThat(choices("shot_type"))
                .containsExactlyInAnyOrder(ShotType.CUSTOMIZE.value(), ShotType.INTELLIGENT.value());
    }

    static Set<String> choices(String field) {
        return Stream.of(Category.values())
                .flatMap(c -> STANDARD.category(c).field(field).stream())
                .flatMap(f -> f.values().stream())
                .collect(Collectors.toSet());
    }

    // ---------------------------------------------------------------- limits past the table

    @Test
    void aDurationOfTwentySecondsIsAnErrorWhenStrictAndAWarningWhenLenient() {
        assertThat(refusal(() -> t2v.request(Map.of("prompt", "a fox", "duration", 20))))
                .extracting(Problem::toString)
                .containsExactly("duration: is 20 s, outside 3–15 s (use a whole number of seconds from 3 to 15)");

        AnyModel.Request r = t2v.request(Map.of("prompt", "a fox", "duration", 20), Validation.LENIENT);

        assertThat(r.warnings())
                .extracting(Problem::toString)
                .containsExactly("duration: is 20 s, outside 3–15 s" + SENT_AS_IS
                        + " (use a whole number of seconds from 3 to 15)");
        assertThat(wire(t2v, r)).containsEntry("duration", "20");
        assertThat(OFFLINE.estimate(t2v, r).billedSeconds()).hasValue(20);
    }

    @Test
    void sevenShotsAreAnErrorWhenStrictAndAWarningWhenLenient() {
        List<Map<String, Object>> shots = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            shots.add(Map.of("prompt", "shot " + i, "duration", 2));
        }

        assertThat(refusal(() -> t2v.request(Map.of("multi_prompt", shots))))
                .extracting(Problem::field)
                .containsExactly("multi_prompt");
        AnyModel.Request r = t2v.request(Map.of("multi_prompt", shots), Validation.LENIENT);

        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("multi_prompt");
            assertThat(w.message()).isEqualTo("has 7 shots" + SENT_AS_IS);
        });
        assertThat((List<?>) wire(t2v, r).get("multi_prompt")).hasSize(7);
        assertThat(wire(t2v, r)).containsEntry("duration", "14");
    }

    @Test
    void aPromptPastTheTableIsAWarningWhenLenientButABlankOneStaysAnError() {
        String longer = "a".repeat(STANDARD.limits().promptMaxLength() + 1);

        assertThat(t2v.request(Map.of("prompt", longer), Validation.LENIENT).warnings())
                .extracting(Problem::field)
                .containsExactly("prompt");
        assertThat(refusal(() -> t2v.request(Map.of("prompt", " "), Validation.LENIENT)))
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prompt", "is blank"));
    }

    @Test
    void aLenientCheckKeepsTheErrorsAndTheWarningsApartInTheOrderFound() {
        VideoInput input = VideoInput.builder()
                .set("prompt", "a fox")
                .set("duration", 20)
                .set("aspect_ratio", "4:3")
                .set("generate_audio", "yes")
                .build();

        RequestValidator.Report strict =
                RequestValidator.validate(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.STRICT);
        RequestValidator.Report lenient =
                RequestValidator.validate(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT);

        assertThat(strict.errors())
                .extracting(Problem::field)
                .containsExactly("duration", "aspect_ratio", "generate_audio");
        assertThat(strict.warnings()).isEmpty();
        assertThat(strict.valid()).isFalse();
        assertThat(lenient.errors()).extracting(Problem::field).containsExactly("generate_audio");
        assertThat(lenient.warnings()).extracting(Problem::field).containsExactly("duration", "aspect_ratio");
        assertThat(lenient.valid()).isFalse();
        assertThatThrownBy(() -> RequestValidator.check(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("generate_audio"));
    }

    @Test
    void aValidatedInputRemembersHowItWasChecked() {
        VideoInput input =
                VideoInput.builder().set("prompt", "a fox").set("duration", 20).build();

        ValidatedInput v = RequestValidator.check(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT);

        assertThat(v.input()).isEqualTo(input);
        assertThat(v.catalog()).isSameAs(STANDARD);
        assertThat(v.category()).isEqualTo(Category.TEXT_TO_VIDEO);
        assertThat(v.validation()).isEqualTo(Validation.LENIENT);
        assertThat(v.warnings()).extracting(Problem::field).containsExactly("duration");
        assertThat(v.toString()).contains("text-to-video", "LENIENT", "duration");
        assertThat(RequestValidator.check(
                                STANDARD,
                                Category.TEXT_TO_VIDEO,
                                VideoInput.builder().set("prompt", "a fox").build(),
                                Validation.STRICT)
                        .warnings())
                .isEmpty();
    }

    // ---------------------------------------------------------------- structural problems

    /** Inputs no version of fal's API takes, each with the field its error names. */
    record Broken(String name, Category category, String field, Consumer<VideoInput.Builder> input) {}

    static final Element VIDEO_ELEMENT =
            Element.builder().video(Media.url("https://example.com/clip.mp4")).build();

    static final List<Broken> BROKEN = List.of(
            new Broken(
                    "a value of the wrong kind",
                    Category.TEXT_TO_VIDEO,
                    "generate_audio",
                    b -> b.set("prompt", "a fox").set("generate_audio", "yes")),
            new Broken(
                    "a choice that is not text",
                    Category.TEXT_TO_VIDEO,
                    "aspect_ratio",
                    b -> b.set("prompt", "a fox").set("aspect_ratio", 5)),
            new Broken(
                    "a duration that is not a number",
                    Category.TEXT_TO_VIDEO,
                    "duration",
                    b -> b.set("prompt", "a fox").set("duration", "twenty")),
            new Broken(
                    "a required field left out", Category.IMAGE_TO_VIDEO, "image_url", b -> b.set("prompt", "a fox")),
            new Broken(
                    "a prompt and a storyboard together",
                    Category.TEXT_TO_VIDEO,
                    "prompt",
                    b -> b.set("prompt", "a fox")
                            .set(
                                    "multi_prompt",
                                    Storyboard.builder().shot(5, "a fox").build())),
            new Broken(
                    "neither a prompt nor a storyboard", Category.TEXT_TO_VIDEO, "prompt", b -> b.set("duration", 5)),
            new Broken(
                    "a field the category does not take",
                    Category.TEXT_TO_VIDEO,
                    "keep_audio",
                    b -> b.set("prompt", "a fox").set("keep_audio", true)),
            new Broken(
                    "shots that do not add up to the duration",
                    Category.TEXT_TO_VIDEO,
                    "multi_prompt",
                    b -> b.set(
                                    "multi_prompt",
                                    Storyboard.builder().shot(5, "a fox").build())
                            .set("duration", 8)),
            new Broken(
                    "a blank shot prompt",
                    Category.TEXT_TO_VIDEO,
                    "multi_prompt[0].prompt",
                    b -> b.set("multi_prompt", Storyboard.builder().shot(5, " ").build())),
            new Broken(
                    "an end frame without a start frame",
                    Category.REFERENCE_TO_VIDEO,
                    "end_image_url",
                    b -> b.set("prompt", "a fox").set("end_image_url", IMAGE)),
            new Broken(
                    "sound with a video element",
                    Category.REFERENCE_TO_VIDEO,
                    "generate_audio",
                    b -> b.set("prompt", "@Element1 runs")
                            .set("elements", List.of(VIDEO_ELEMENT))
                            .set("generate_audio", true)),
            new Broken(
                    "an image element without its frontal image",
                    Category.REFERENCE_TO_VIDEO,
                    "elements[0].frontal_image_url",
                    b -> b.set("prompt", "@Element1 runs")
                            .set(
                                    "elements",
                                    List.of(Element.builder()
                                            .referenceImage(IMAGE)
                                            .build()))),
            new Broken(
                    "a blank voice id",
                    Category.REFERENCE_TO_VIDEO,
                    "elements[0].voice_id",
                    b -> b.set("prompt", "@Element1 runs")
                            .set(
                                    "elements",
                                    List.of(Element.builder()
                                            .frontalImage(IMAGE)
                                            .referenceImage(IMAGE)
                                            .voiceId(" ")
                                            .build()))),
            new Broken(
                    "a reference to an element that is not there",
                    Category.REFERENCE_TO_VIDEO,
                    "prompt",
                    b -> b.set("prompt", "@Element3 runs")),
            new Broken(
                    "a full element on video-to-video",
                    Category.VIDEO_TO_VIDEO_EDIT,
                    "elements",
                    b -> b.set("prompt", "x")
                            .set("video_url", Media.url("https://example.com/s.mp4"))
                            .set("elements", List.of(VIDEO_ELEMENT))),
            new Broken(
                    "a list holding something else",
                    Category.REFERENCE_TO_VIDEO,
                    "image_urls",
                    b -> b.set("prompt", "a fox").set("image_urls", List.of("not media"))));

    @TestFactory
    Stream<DynamicTest> structuralProblemsStayErrorsWhenLenient() {
        return BROKEN.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    VideoInput.Builder b = VideoInput.builder();
                    c.input().accept(b);
                    RequestValidator.Report lenient =
                            RequestValidator.validate(STANDARD, c.category(), b.build(), Validation.LENIENT);

                    assertThat(lenient.errors()).extracting(Problem::field).contains(c.field());
                    assertThat(lenient.warnings()).isEmpty();
                    assertThat(lenient.errors())
                            .isEqualTo(RequestValidator.validate(STANDARD, c.category(), b.build(), Validation.STRICT)
                                    .errors());
                }));
    }

    // ---------------------------------------------------------------- extra body properties

    @Test
    void anExtraBodyPropertyNamingAModelledFieldIsRefusedWhenStrict() {
        VideoInput input = VideoInput.builder()
                .set("prompt", "a fox")
                .extraBody("duration", "20")
                .build();

        assertThat(RequestValidator.validate(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.STRICT)
                        .errors())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("duration");
                    assertThat(p.message()).isEqualTo("is set as an extra body property but kling4j models it");
                    assertThat(p.fix()).contains("lenient validation");
                });
    }

    @Test
    void anExtraBodyPropertyNamingAModelledFieldOverridesItOnTheWireWithAWarningWhenLenient() {
        VideoInput input = VideoInput.builder()
                .set("prompt", "a fox")
                .set("duration", 5)
                .extraBody("duration", "20")
                .extraBody("seed", 7)
                .build();

        AnyModel.Request r = new AnyModel.Request(
                RequestValidator.check(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT));

        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("duration");
            assertThat(w.message())
                    .isEqualTo("is set as an extra body property: it is sent in place of the modelled"
                            + " field, unchecked");
        });
        assertThat(wire(t2v, r))
                .containsExactly(Map.entry("prompt", "a fox"), Map.entry("duration", "20"), Map.entry("seed", 7));
        // what is billed follows what is sent
        assertThat(OFFLINE.estimate(t2v, r).billedSeconds()).hasValue(20);
    }

    @Test
    void anExtraBodyGenerateAudioDecidesTheAudioPriceTierAsItDecidesTheWire() {
        for (boolean extra : List.of(true, false)) {
            VideoInput input = VideoInput.builder()
                    .set("prompt", "a fox")
                    .set("duration", 5)
                    .set("generate_audio", !extra)
                    .extraBody("generate_audio", extra)
                    .build();
            AnyModel.Request r = new AnyModel.Request(
                    RequestValidator.check(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT));

            assertThat(wire(t2v, r)).containsEntry("generate_audio", extra);
            assertThat(t2v.input(r).audio()).as("extra %s", extra).isEqualTo(extra);
            assertThat(OFFLINE.estimate(t2v, r).audioRequested())
                    .as("extra %s", extra)
                    .isEqualTo(extra);
        }
    }

    @Test
    void anExtraDurationThatIsNotAWholeNumberLeavesTheCostUnknownRatherThanGuessed() {
        for (Object odd : List.of("ten", "7.5", -3)) {
            VideoInput input = VideoInput.builder()
                    .set("prompt", "a fox")
                    .extraBody("duration", odd)
                    .build();
            AnyModel.Request r = new AnyModel.Request(
                    RequestValidator.check(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT));

            assertThat(OFFLINE.estimate(t2v, r).billedSeconds())
                    .as("duration %s", odd)
                    .isEmpty();
        }
        VideoInput whole = VideoInput.builder()
                .set("prompt", "a fox")
                .extraBody("duration", " 12.0 ")
                .build();
        assertThat(OFFLINE.estimate(
                                t2v,
                                new AnyModel.Request(RequestValidator.check(
                                        STANDARD, Category.TEXT_TO_VIDEO, whole, Validation.LENIENT)))
                        .billedSeconds())
                .hasValue(12);
    }

    @Test
    void aFieldGivenAsAnExtraBodyPropertyCountsAsSentForTheRulesThatAskWhetherItIs() {
        VideoInput image = VideoInput.builder()
                .set("prompt", "a fox")
                .extraBody("image_url", "https://example.com/a.png")
                .build();
        VideoInput frames = VideoInput.builder()
                .set("prompt", "a fox")
                .set("end_image_url", IMAGE)
                .extraBody("start_image_url", "https://example.com/first.png")
                .build();
        VideoInput both = VideoInput.builder()
                .set("prompt", "a fox")
                .extraBody("multi_prompt", List.of(Map.of("prompt", "a fox", "duration", "5")))
                .build();

        RequestValidator.Report lenient =
                RequestValidator.validate(STANDARD, Category.IMAGE_TO_VIDEO, image, Validation.LENIENT);
        assertThat(lenient.errors()).isEmpty();
        assertThat(lenient.warnings()).extracting(Problem::field).containsExactly("image_url");
        // strict: refused once, for the extra body property, and not also as missing
        assertThat(RequestValidator.validate(STANDARD, Category.IMAGE_TO_VIDEO, image, Validation.STRICT)
                        .errors())
                .extracting(Problem::message)
                .containsExactly("is set as an extra body property but kling4j models it");
        assertThat(RequestValidator.validate(STANDARD, Category.REFERENCE_TO_VIDEO, frames, Validation.LENIENT)
                        .errors())
                .isEmpty();
        assertThat(RequestValidator.validate(STANDARD, Category.TEXT_TO_VIDEO, both, Validation.LENIENT)
                        .errors())
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prompt", "and multi_prompt are both set"));
    }

    @Test
    void anExtraBodyPropertyKling4jDoesNotModelIsSentWithoutAWarning() {
        VideoInput input = VideoInput.builder()
                .set("prompt", "a fox")
                .extraBody("negative_prompt", "blur")
                .build();

        assertThat(RequestValidator.validate(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.STRICT)
                        .errors())
                .isEmpty();
        assertThat(RequestValidator.validate(STANDARD, Category.TEXT_TO_VIDEO, input, Validation.LENIENT)
                        .warnings())
                .isEmpty();
    }

    // ---------------------------------------------------------------- a newer endpoint table

    /** The shipped table, changed, written to a file and read back. */
    Catalog tableWith(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root;
        try (InputStream in = Catalog.class.getResourceAsStream("kling-o3-endpoints.json")) {
            root = (ObjectNode) Json.mapper().readTree(in);
        }
        change.accept(root);
        Path file =
                Files.writeString(dir.resolve("endpoints.json"), Json.mapper().writeValueAsString(root));
        return Catalog.load(file);
    }

    static ObjectNode category(ObjectNode root, String id) {
        for (var c : root.get("categories")) {
            if (c.path("id").asText().equals(id)) {
                return (ObjectNode) c;
            }
        }
        throw new AssertionError(id);
    }

    static ObjectNode field(ObjectNode category, String name) {
        for (var f : category.get("fields")) {
            if (f.path("name").asText().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void aTableLoadedFromAFileThatAllowsTwentySecondsAcceptsThemWhenStrict() throws IOException {
        Catalog newer = tableWith(root -> ((ObjectNode) root.get("limits")).put("duration_max", 20));

        AnyModel.Request r = t2v.request(Map.of("prompt", "a fox", "duration", 20), Validation.STRICT, newer);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.catalog()).isSameAs(newer);
        assertThat(wire(t2v, r)).containsEntry("duration", "20");
        assertThat(RequestValidator.check(
                                newer,
                                Category.TEXT_TO_VIDEO,
                                VideoInput.builder()
                                        .set("prompt", "a fox")
                                        .set("duration", 20)
                                        .build(),
                                Validation.STRICT)
                        .warnings())
                .isEmpty();
        assertThat(refusal(() -> t2v.request(Map.of("prompt", "a fox", "duration", 21), Validation.STRICT, newer)))
                .extracting(Problem::message)
                .containsExactly("is 21 s, outside 3–20 s");
        // the shipped table is unchanged
        assertThat(refusal(() -> t2v.request(Map.of("prompt", "a fox", "duration", 20))))
                .isNotEmpty();
    }

    @Test
    void aTableThatListsANewChoiceAcceptsItWhenStrictAndItReadsBackAsAnOpenValue() throws IOException {
        Catalog newer = tableWith(root -> ((ArrayNode)
                        field(category(root, "text-to-video"), "aspect_ratio").get("values"))
                .add("4:3"));

        AnyModel.Request r =
                t2v.request("{\"prompt\": \"a fox\", \"aspect_ratio\": \"4:3\"}", Validation.STRICT, newer);

        assertThat(r.warnings()).isEmpty();
        assertThat(AspectRatio.of((String) r.input().get("aspect_ratio").orElseThrow())
                        .value())
                .isEqualTo("4:3");
        assertThat(newer.category(Category.TEXT_TO_VIDEO)
                        .field("aspect_ratio")
                        .map(FieldSpec::values)
                        .orElseThrow())
                .contains("4:3");
    }

    @Test
    void aFieldANewerTableAddsIsReadAndSentAsThatTableTypesIt() throws IOException {
        Catalog newer = tableWith(root -> {
            ArrayNode fields = (ArrayNode) category(root, "image-to-video").get("fields");
            fields.addObject().put("name", "tail_image_url").put("type", "image");
            fields.addObject().put("name", "motion_seconds").put("type", "duration");
        });

        AnyModel.Request r = i2v.request(
                Map.of(
                        "image_url",
                        "https://example.com/a.png",
                        "prompt",
                        "a fox",
                        "tail_image_url",
                        "https://example.com/tail.png",
                        "motion_seconds",
                        4),
                Validation.STRICT,
                newer);

        assertThat(r.input().get("tail_image_url")).contains(Media.url("https://example.com/tail.png"));
        assertThat(wire(i2v, r))
                .containsEntry("tail_image_url", "https://example.com/tail.png")
                .containsEntry("motion_seconds", "4");
        assertThat(refusal(() -> i2v.request(Map.of(
                        "image_url",
                        "https://example.com/a.png",
                        "prompt",
                        "a fox",
                        "tail_image_url",
                        "https://example.com/tail.png"))))
                .extracting(Problem::field)
                .containsExactly("tail_image_url");
    }

    @Test
    void aRequestBuiltAgainstANewerTableIsUploadedAndSentByThatTable() throws IOException {
        Catalog newer =
                tableWith(root -> ((ArrayNode) category(root, "image-to-video").get("fields"))
                        .addObject()
                        .put("name", "tail_image_url")
                        .put("type", "image"));
        Path tail = Files.createTempFile("tail", ".png");
        try {
            AnyModel.Request r = i2v.request(
                    Map.of(
                            "image_url",
                            "https://example.com/a.png",
                            "prompt",
                            "a fox",
                            "tail_image_url",
                            tail.toString()),
                    Validation.STRICT,
                    newer);

            GenerationInput run = i2v.input(r);
            assertThat(run.media())
                    .extracting(MediaUse::field)
                    .as("the new field's file is uploaded")
                    .containsExactlyInAnyOrder("image_url", "tail_image_url");
            assertThat(run.toWire(m -> m.url().orElse("https://storage.example/uploaded.png")))
                    .containsEntry("tail_image_url", "https://storage.example/uploaded.png");
        } finally {
            Files.deleteIfExists(tail);
        }
    }

    @Test
    void theJsonPathTakesAModeToo() {
        AnyModel.Request r = t2v.request("{\"prompt\": \"a fox\", \"duration\": \"20\"}", Validation.LENIENT);

        assertThat(r.warnings()).extracting(Problem::field).containsExactly("duration");
        assertThat(refusal(() -> t2v.request("{\"prompt\": \"a fox\", \"duration\": \"20\"}")))
                .isNotEmpty();
    }
}
