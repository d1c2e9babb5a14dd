package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.catalog.FieldType;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaFiles;
import dev.kling4j.core.media.MediaRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every numeric limit of the endpoint table, at its bound (accepted) and one step past it (refused, naming the
 * field; with lenient validation, a warning naming it instead), generated from the table itself: {@code limits}
 * and each category's own numeric limits. A limit the table gains is picked up here at once; one that no probe below knows how to exercise fails as an
 * <em>untested limit</em>, so whoever adds it also adds its case to {@link #PROBES}.
 *
 * <p>A name holding {@code min} is a lower bound (one past it is one step lower), {@code max} an upper bound.
 * The step is 1 for whole numbers and a hundredth of the last decimal place for decimals (an aspect ratio
 * of 0.4 is probed at 0.399); a source video's seconds are probed whole.
 */
class LimitBoundaryTest {
    static final Catalog CATALOG = Catalog.standard();
    static final Media IMAGE = Media.url("https://example.com/still.png");
    static final Media VIDEO = Media.url("https://example.com/source.mp4");
    static Path dir;

    /** One limit as the table states it. */
    record Limit(String name, BigDecimal value, Category category) {
        boolean lower() {
            return name.contains("min");
        }

        boolean upper() {
            return name.contains("max");
        }

        /** The value one step past the bound, outside the allowed range. */
        BigDecimal past() {
            int scale = Math.max(0, value.stripTrailingZeros().scale());
            BigDecimal step = scale == 0 ? BigDecimal.ONE : BigDecimal.ONE.movePointLeft(scale + 2);
            return lower() ? value.subtract(step) : value.add(step);
        }

        String where() {
            return category == null ? "limits." + name : "categories[" + category.id() + "]." + name;
        }
    }

    /**
     * A case checked at a value: the problems found, the field they must name when refused, and what a lenient
     * check of the same request found (null for media checks, which have no lenient mode).
     */
    record Outcome(String field, List<Problem> problems, RequestValidator.Report lenient) {}

    /** Builds the inputs that put a limit at a value, one per place the limit applies. */
    interface Probe extends BiFunction<Limit, BigDecimal, List<Outcome>> {}

    /** Every limit the validator or the media checks enforce, by its name in the table. */
    static final Map<String, Probe> PROBES = Map.ofEntries(
            Map.entry(
                    "prompt_max_length",
                    (l, v) -> perField(
                            FieldType.PROMPT,
                            (spec, f) ->
                                    validate(spec, f.name(), minimal(spec).set(f.name(), text(v.intValueExact()))))),
            Map.entry("duration_min", (l, v) -> duration(v)),
            Map.entry("duration_max", (l, v) -> duration(v)),
            Map.entry(
                    "shot_duration_min",
                    (l, v) -> shots(
                            spec -> withFiller(new Shot(v.intValueExact(), "a fox")), "multi_prompt[0].duration")),
            Map.entry(
                    "shot_duration_max",
                    (l, v) -> shots(
                            spec -> withFiller(new Shot(v.intValueExact(), "a fox")), "multi_prompt[0].duration")),
            Map.entry("shots_min", (l, v) -> shots(spec -> shotsOf(v.intValueExact()), "multi_prompt")),
            Map.entry("shots_max", (l, v) -> shots(spec -> shotsOf(v.intValueExact()), "multi_prompt")),
            Map.entry(
                    "shot_prompt_max_length",
                    (l, v) -> shots(
                            spec -> List.of(new Shot(CATALOG.limits().durationMin(), text(v.intValueExact()))),
                            "multi_prompt[0].prompt")),
            Map.entry("video_min_fps", (l, v) -> List.of(media(MediaRole.VIDEO, movieAt(v.doubleValue())))),
            Map.entry("video_max_fps", (l, v) -> List.of(media(MediaRole.VIDEO, movieAt(v.doubleValue())))),
            Map.entry(
                    "element_reference_images_min",
                    (l, v) -> perField(
                            FieldType.ELEMENTS,
                            (spec, f) -> validate(
                                    spec,
                                    f.name() + "[0].reference_image_urls",
                                    minimal(spec).set(f.name(), List.of(element(v.intValueExact(), false)))))),
            Map.entry(
                    "element_reference_images_max",
                    (l, v) -> Stream.concat(
                                    perField(
                                            FieldType.ELEMENTS,
                                            (spec, f) -> validate(
                                                    spec,
                                                    f.name() + "[0].reference_image_urls",
                                                    minimal(spec)
                                                            .set(f.name(), List.of(element(v.intValueExact(), false)))))
                                            .stream(),
                                    perField(
                                            FieldType.IMAGE_ELEMENTS,
                                            (spec, f) -> validate(
                                                    spec,
                                                    f.name() + "[0].reference_image_urls",
                                                    minimal(spec)
                                                            .set(f.name(), List.of(imageElement(v.intValueExact())))))
                                            .stream())
                            .toList()),
            Map.entry("max_elements_plus_images", (l, v) -> List.of(together(l.category(), v.intValueExact(), false))),
            Map.entry(
                    "max_elements_plus_images_with_video",
                    (l, v) -> List.of(together(l.category(), v.intValueExact(), true))),
            Map.entry("max_elements_with_video", (l, v) -> {
                CategorySpec spec = CATALOG.category(l.category());
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < v.intValueExact(); i++) {
                    elements.add(element(1, true));
                }
                return List.of(validate(spec, "elements", minimal(spec).set("elements", elements)));
            }),
            Map.entry(
                    "image_max_bytes",
                    (l, v) -> List.of(media(MediaRole.IMAGE, sized(MediaFiles.png(1024, 1024), v.longValueExact())))),
            Map.entry(
                    "image_min_side_px",
                    (l, v) -> List.of(
                            media(MediaRole.IMAGE, bytes(MediaFiles.png(v.intValueExact(), v.intValueExact()))))),
            Map.entry("image_aspect_min", (l, v) -> List.of(media(MediaRole.IMAGE, aspect(v)))),
            Map.entry("image_aspect_max", (l, v) -> List.of(media(MediaRole.IMAGE, aspect(v)))),
            Map.entry("video_max_bytes", (l, v) -> List.of(media(MediaRole.VIDEO, sizedMovie(v.longValueExact())))),
            Map.entry(
                    "video_min_seconds",
                    (l, v) -> List.of(media(MediaRole.VIDEO, movie(v.intValueExact(), 1280, 720)))),
            Map.entry(
                    "video_max_seconds",
                    (l, v) -> List.of(media(MediaRole.VIDEO, movie(v.intValueExact(), 1280, 720)))),
            Map.entry(
                    "video_min_side_px",
                    (l, v) -> List.of(media(MediaRole.VIDEO, movie(5, v.intValueExact(), v.intValueExact())))),
            Map.entry(
                    "video_max_side_px",
                    (l, v) -> List.of(media(
                            MediaRole.VIDEO,
                            movie(5, v.intValueExact(), CATALOG.limits().videoMinSidePx())))));

    // ---------------------------------------------------------------- the generated tests

    @TestFactory
    Stream<DynamicTest> everyNumericLimitOfTheTableHoldsAtItsBoundAndIsRefusedOnePastIt() throws IOException {
        dir = Files.createTempDirectory("limits");
        List<Limit> limits = limitsOfTheTable();
        assertThat(limits).as("the table's numeric limits").isNotEmpty();
        return limits.stream().flatMap(l -> {
            Probe probe = PROBES.get(l.name());
            if (probe == null || l.lower() == l.upper()) {
                return Stream.of(DynamicTest.dynamicTest(
                        l.where() + " = " + l.value() + " is tested",
                        () -> fail("untested limit " + l.where() + " = " + l.value() + ": "
                                + (probe == null
                                        ? "add a probe for it to LimitBoundaryTest.PROBES"
                                        : "its name says neither min nor max, so its boundary direction is unknown"))));
            }
            // media limits are checked when the request runs, where there is no lenient mode
            boolean validated = probe.apply(l, l.value()).stream().anyMatch(o -> o.lenient() != null);
            return Stream.of(
                            DynamicTest.dynamicTest(l.where() + " = " + l.value() + " is accepted", () -> {
                                List<Outcome> at = probe.apply(l, l.value());
                                assertThat(at)
                                        .as("places where %s applies", l.name())
                                        .isNotEmpty();
                                assertThat(at)
                                        .allSatisfy(o -> assertThat(o.problems())
                                                .as("at %s", l.value())
                                                .isEmpty());
                            }),
                            DynamicTest.dynamicTest(l.where() + " past it (" + l.past() + ") is refused", () -> {
                                List<Outcome> past = probe.apply(l, l.past());
                                assertThat(past).isNotEmpty();
                                assertThat(past)
                                        .allSatisfy(o -> assertThat(o.problems())
                                                .as("at %s", l.past())
                                                .extracting(Problem::field)
                                                .contains(o.field()));
                            }),
                            // a limit fal may raise before kling4j does: lenient validation sends the value, with a
                            // warning
                            DynamicTest.dynamicTest(
                                    l.where() + " past it is a warning, not an error, when lenient", () -> {
                                        List<Outcome> at = probe.apply(l, l.value()).stream()
                                                .filter(o -> o.lenient() != null)
                                                .toList();
                                        List<Outcome> past = probe.apply(l, l.past()).stream()
                                                .filter(o -> o.lenient() != null)
                                                .toList();
                                        assertThat(at)
                                                .allSatisfy(o -> assertThat(
                                                                o.lenient().warnings())
                                                        .isEmpty());
                                        assertThat(past).isNotEmpty().allSatisfy(o -> {
                                            assertThat(o.lenient().errors())
                                                    .as("errors at %s", l.past())
                                                    .isEmpty();
                                            assertThat(o.lenient().warnings())
                                                    .extracting(Problem::field)
                                                    .contains(o.field());
                                            assertThat(o.lenient().warnings())
                                                    .allSatisfy(w -> assertThat(w.message())
                                                            .endsWith("; sent as it is (lenient validation)"));
                                        });
                                    }))
                    .limit(validated ? 3 : 2);
        });
    }

    @AfterAll
    static void removeFiles() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** The numeric limits, read from the raw table (not from {@code Limits}, which only has the known ones). */
    static List<Limit> limitsOfTheTable() throws IOException {
        JsonNode root;
        try (InputStream in = Catalog.class.getResourceAsStream("kling-o3-endpoints.json")) {
            root = Json.mapper().readTree(in);
        }
        List<Limit> out = new ArrayList<>();
        numbers(root.path("limits")).forEach((name, value) -> out.add(new Limit(name, value, null)));
        for (JsonNode c : root.path("categories")) {
            Category category = Category.fromId(c.path("id").asText()).orElseThrow();
            numbers(c).forEach((name, value) -> out.add(new Limit(name, value, category)));
        }
        return out;
    }

    private static Map<String, BigDecimal> numbers(JsonNode node) {
        Map<String, BigDecimal> out = new TreeMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().decimalValue());
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- request inputs

    /** A valid input of the category with nothing but its required fields. */
    static VideoInput.Builder minimal(CategorySpec spec) {
        VideoInput.Builder b = VideoInput.builder();
        for (FieldSpec f : spec.fields().values()) {
            if (f.required()) {
                b.set(
                        f.name(),
                        switch (f.type()) {
                            case IMAGE -> IMAGE;
                            case VIDEO -> VIDEO;
                            case PROMPT -> "a fox";
                            default -> throw new IllegalStateException("no minimal value for required " + f);
                        });
            }
        }
        if (!spec.fields().values().stream().anyMatch(f -> f.required() && f.type() == FieldType.PROMPT)
                && spec.takes("prompt")) {
            b.set("prompt", "a fox"); // the prompt / multi_prompt rule wants one of them
        }
        return b;
    }

    static Outcome validate(CategorySpec spec, String field, VideoInput.Builder input) {
        VideoInput built = input.build();
        return new Outcome(
                field,
                RequestValidator.problems(spec, built),
                RequestValidator.validate(CATALOG, spec.category(), built, Validation.LENIENT));
    }

    /** The outcomes of every category with a field of this type. */
    static List<Outcome> perField(FieldType type, BiFunction<CategorySpec, FieldSpec, Outcome> check) {
        List<Outcome> out = new ArrayList<>();
        for (Category c : Category.values()) {
            CategorySpec spec = CATALOG.category(c);
            spec.fields().values().stream().filter(f -> f.type() == type).forEach(f -> out.add(check.apply(spec, f)));
        }
        return out;
    }

    static List<Outcome> duration(BigDecimal seconds) {
        return perField(
                FieldType.DURATION,
                (spec, f) -> validate(spec, f.name(), minimal(spec).set(f.name(), seconds.intValueExact())));
    }

    /** A storyboard, without a prompt, in every category that takes one. */
    static List<Outcome> shots(java.util.function.Function<CategorySpec, List<Shot>> board, String field) {
        return perField(
                FieldType.SHOTS,
                (spec, f) -> validate(
                        spec,
                        field,
                        minimal(spec).set("prompt", null).set(f.name(), Storyboard.of(board.apply(spec)))));
    }

    /**
     * {@code count} shots adding up to at least the shortest video, so that only the shot count is at stake
     * (a storyboard without a duration is sent with its total, which must be a duration fal takes).
     */
    static List<Shot> shotsOf(int count) {
        int each = count == 0
                ? 0
                : Math.max(CATALOG.limits().shotDurationMin(), (CATALOG.limits().durationMin() + count - 1) / count);
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shots.add(new Shot(each, "shot " + (i + 1)));
        }
        return shots;
    }

    /** A shot under test, then a second one that brings the total up to the shortest video if needed. */
    static List<Shot> withFiller(Shot shot) {
        int missing = CATALOG.limits().durationMin() - shot.seconds();
        return missing <= 0 ? List.of(shot) : List.of(shot, new Shot(missing, "filler"));
    }

    /** A 5 s source video at a frame rate, its sides within the limits. */
    static Path movieAt(double fps) {
        byte[] moov = MediaFiles.moov(1000, 5000, 1280, 720, false, false, fps);
        return bytes(MediaFiles.concat(
                MediaFiles.box("ftyp", MediaFiles.ascii("isom"), MediaFiles.u32(0), MediaFiles.ascii("isom")),
                moov,
                MediaFiles.box("mdat", new byte[64])));
    }

    static String text(int length) {
        return "a".repeat(Math.max(0, length));
    }

    static Element element(int referenceImages, boolean video) {
        Element.Builder e = Element.builder().frontalImage(IMAGE);
        for (int i = 0; i < referenceImages; i++) {
            e.referenceImage(Media.url("https://example.com/side-" + i + ".png"));
        }
        if (video) {
            e.video(VIDEO);
        }
        return e.build();
    }

    static ImageElement imageElement(int referenceImages) {
        ImageElement.Builder e = ImageElement.builder().frontalImage(IMAGE);
        for (int i = 0; i < referenceImages; i++) {
            e.referenceImage(Media.url("https://example.com/side-" + i + ".png"));
        }
        return e.build();
    }

    /** {@code count} elements and reference images together: one element (with a video if asked), the rest images. */
    static Outcome together(Category category, int count, boolean videoElement) {
        CategorySpec spec = CATALOG.category(category);
        FieldSpec elements = spec.field("elements").orElseThrow();
        Object one = elements.type() == FieldType.IMAGE_ELEMENTS ? imageElement(1) : element(1, videoElement);
        List<Media> images = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            images.add(Media.url("https://example.com/ref-" + i + ".png"));
        }
        VideoInput.Builder b = minimal(spec).set("elements", List.of(one));
        if (!images.isEmpty()) {
            b.set("image_urls", images);
        }
        return validate(spec, "elements", b);
    }

    // ---------------------------------------------------------------- media files

    static Outcome media(MediaRole role, Path file) {
        String field = role == MediaRole.IMAGE ? "image_url" : "video_url";
        return new Outcome(field, MediaChecks.standard().check(Media.file(file), role, field), null);
    }

    static Path bytes(byte[] content) {
        try {
            return Files.write(Files.createTempFile(dir, "media", ".bin"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header, then zeros up to {@code size} bytes (a sparse file: nothing is written past the header). */
    static Path sized(byte[] header, long size) {
        Path file = bytes(header);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A 5 s 1280x720 MP4 of exactly {@code size} bytes: its mdat box covers the rest of the file. */
    static Path sizedMovie(long size) {
        byte[] head = MediaFiles.concat(
                MediaFiles.box("ftyp", MediaFiles.ascii("isom"), MediaFiles.u32(0), MediaFiles.ascii("isom")),
                MediaFiles.moov(1000, 5000, 1280, 720, false, false));
        byte[] mdatHeader =
                MediaFiles.concat(MediaFiles.u32(1), MediaFiles.ascii("mdat"), MediaFiles.u64(size - head.length));
        return sized(MediaFiles.concat(head, mdatHeader), size);
    }

    static Path movie(int seconds, int width, int height) {
        return bytes(MediaFiles.movie("isom", 1000, seconds * 1000L, width, height, false, true));
    }

    /** An image whose width / height is exactly the ratio, both sides well above the smallest allowed. */
    static Path aspect(BigDecimal ratio) {
        int scale = Math.max(0, ratio.stripTrailingZeros().scale());
        BigDecimal height = BigDecimal.valueOf(CATALOG.limits().imageMinSidePx())
                .multiply(BigDecimal.TEN)
                .movePointRight(scale);
        BigDecimal width = ratio.multiply(height);
        return bytes(MediaFiles.png(width.intValueExact(), height.intValueExact()));
    }
}
