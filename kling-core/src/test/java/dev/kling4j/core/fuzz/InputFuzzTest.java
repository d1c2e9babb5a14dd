package dev.kling4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.media.MediaRole;
import dev.kling4j.core.model.AnyModelAccess;
import dev.kling4j.core.model.VideoInput;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.prompt.ReferenceLinter;
import dev.kling4j.core.prompt.References;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Random inputs through everything that checks input, each with a property that a broken check would break:
 * what is accepted reads back from its own wire body as the same input, what is refused names a field; the
 * linter's findings point at the text they flag; media passes only when its header is of the role asked for.
 * Only kling4j's own validation exception ever comes out, and nothing is sent (no client exists here).
 */
class InputFuzzTest {
    static final List<String> KEYS =
            Catalog.standard().endpoints().stream().map(e -> e.key()).toList();
    static final List<String> FIELDS = List.of(
            "prompt",
            "multi_prompt",
            "duration",
            "generate_audio",
            "shot_type",
            "image_url",
            "end_image_url",
            "start_image_url",
            "image_urls",
            "elements",
            "video_url",
            "keep_audio",
            "aspect_ratio",
            "voice_ids",
            "negative_prompt",
            "seed");

    @Provide
    Arbitrary<String> prompts() {
        Arbitrary<String> reference = Combinators.combine(
                        Arbitraries.of(
                                "@Element", "@element", "@Image", "@Images", "@Video", "@", "<<<element_", "@Elem"),
                        Arbitraries.of("", "0", "1", "2", "3", "01", "9", "99999999999", "-1", "_1>>>"))
                .as((a, b) -> a + b);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(reference, text)
                .list()
                .ofMaxSize(12)
                .map(parts -> String.join(" ", parts))
                .injectDuplicates(0.1)
                .edgeCases(c -> c.add("a".repeat(3000)));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                prompts().map(s -> (Object) s),
                Arbitraries.integers().between(-5, 40).map(i -> (Object) i),
                Arbitraries.doubles().between(-5, 40).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of(
                                "https://example.com/a.png",
                                "data:image/png;base64,AAAA",
                                "./missing.png",
                                "",
                                "http://",
                                "ftp://x/y",
                                "file:///nope",
                                "C:\\\\x.png",
                                "16:9",
                                "auto")
                        .map(s -> (Object) s));
        Arbitrary<Object> element = Arbitraries.maps(
                        Arbitraries.of("frontal_image_url", "reference_image_urls", "video_url", "voice_id", "front"),
                        scalar)
                .ofMaxSize(4)
                .map(m -> (Object) m);
        Arbitrary<Object> shot = Arbitraries.maps(Arbitraries.of("prompt", "duration", "x"), scalar)
                .ofMaxSize(3)
                .map(m -> (Object) m);
        Arbitrary<Object> list =
                Arbitraries.oneOf(scalar, element, shot).list().ofMaxSize(9).map(l -> (Object) l);
        return Arbitraries.oneOf(scalar, list, element);
    }

    @Property(tries = 300)
    void whatTheGenericPathAcceptsRoundTripsAndWhatItRefusesNamesAField(
            @ForAll("keys") String key,
            @ForAll("fieldLists") List<String> fields,
            @ForAll("valueLists") List<Object> values) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < fields.size() && i < values.size(); i++) {
            input.put(fields.get(i), values.get(i));
        }
        acceptedRoundTripsRefusedNamesAField(key, input);
    }

    /** Inputs built from the table's own fields and choices, mostly valid: the accepted side gets exercised too. */
    @Property(tries = 300)
    void aPlausibleInputIsAcceptedAndRoundTripsOrRefusedNamingAField(
            @ForAll("keys") String key, @ForAll("seeds") long seed) {
        CategorySpec spec = AnyModelAccess.spec(key);
        java.util.Random random = new java.util.Random(seed);
        Map<String, Object> input = new LinkedHashMap<>();
        for (dev.kling4j.core.catalog.FieldSpec f : spec.fields().values()) {
            if (!f.required() && random.nextInt(3) == 0) {
                continue;
            }
            Object value = switch (f.type()) {
                case PROMPT ->
                    random.nextInt(10) == 0 ? " " : "a fox @Image1 in snow".substring(0, 5 + random.nextInt(15));
                case IMAGE -> random.nextBoolean() ? "https://example.com/a.png" : "./local.png";
                case VIDEO -> "https://example.com/a.mp4";
                case DURATION -> String.valueOf(random.nextInt(18));
                case BOOLEAN -> random.nextBoolean();
                case ENUM ->
                    random.nextInt(8) == 0
                            ? "sideways"
                            : f.values().get(random.nextInt(f.values().size()));
                case IMAGE_LIST ->
                    List.of("https://example.com/b.png", "https://example.com/c.png")
                            .subList(0, random.nextInt(3));
                case SHOTS -> List.of(Map.of("prompt", "shot one", "duration", String.valueOf(1 + random.nextInt(16))));
                case ELEMENTS ->
                    List.of(Map.of(
                            "frontal_image_url",
                            "https://example.com/f.png",
                            "reference_image_urls",
                            List.of("https://example.com/r.png")));
                case IMAGE_ELEMENTS -> List.of(Map.of("frontal_image_url", "https://example.com/f.png"));
            };
            input.put(f.name(), value);
        }
        if (input.containsKey("prompt") && input.containsKey("multi_prompt") && random.nextInt(4) > 0) {
            input.remove(random.nextBoolean() ? "prompt" : "multi_prompt");
        }
        acceptedRoundTripsRefusedNamesAField(key, input);
        Statistics.coverage(c -> c.check("accepted").percentage(p -> p >= 10));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    static void acceptedRoundTripsRefusedNamesAField(String key, Map<String, Object> input) {
        CategorySpec spec = AnyModelAccess.spec(key);
        VideoInput accepted;
        try {
            accepted = AnyModelAccess.request(key, input);
        } catch (InvalidRequestException e) {
            // Refused: every problem names a field given, or one the category has, or the request itself.
            assertThat(e.problems())
                    .isNotEmpty()
                    .allSatisfy(p ->
                            assertThat(root(p.field())).as("the field of %s", p).isIn(names(spec, input)));
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("accepted");
        // Accepted: only fields the category takes, and its wire body reads back as the same input.
        assertThat(accepted.fields().keySet())
                .allSatisfy(f -> assertThat(spec.takes(f)).as(f).isTrue());
        Map<String, Object> wire = AnyModelAccess.wire(key, accepted);
        VideoInput readBack = AnyModelAccess.request(key, wire);
        // A storyboard is sent with its total as the duration: the only field the wire adds.
        VideoInput expected = accepted.get("multi_prompt", dev.kling4j.core.model.Storyboard.class)
                .filter(b -> spec.takes("duration") && accepted.get("duration").isEmpty())
                .map(b -> accepted.toBuilder().set("duration", b.totalSeconds()).build())
                .orElse(accepted);
        assertThat(readBack).isEqualTo(expected);
        assertThat(AnyModelAccess.wire(key, readBack)).isEqualTo(wire);
        assertThat(wire.keySet()).isSubsetOf(expected.fields().keySet());
        assertThat(expected.fields().keySet()).isSubsetOf(names(spec, input));
    }

    /** The top-level name of a field path: {@code elements} of {@code elements[0].voice_id}. */
    static String root(String path) {
        int end = path.length();
        for (char c : new char[] {'[', '.'}) {
            int i = path.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return path.substring(0, end);
    }

    static List<String> names(CategorySpec spec, Map<String, Object> input) {
        List<String> names = new ArrayList<>(input.keySet());
        names.addAll(spec.fields().keySet());
        names.add("(request)");
        return names;
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of(KEYS);
    }

    @Provide
    Arbitrary<List<String>> fieldLists() {
        return Arbitraries.of(FIELDS).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Object>> valueLists() {
        return values().list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void theLinterPointsAtTheTextItFlagsInTheFieldItCame(
            @ForAll("prompts") String prompt, @ForAll("categories") Category category) {
        CategorySpec spec = Catalog.standard().category(category);

        assertThat(References.parse(prompt)).allSatisfy(r -> {
            assertThat(r.start()).isBetween(0, prompt.length());
            assertThat(prompt.substring(r.start(), r.end())).isEqualTo(r.text());
            assertThat(r.wellFormed()).isEqualTo(r.malformation().isEmpty());
        });
        List<Finding> findings = ReferenceLinter.lint(spec, List.of(prompt, prompt), 2, 1, true);
        assertThat(findings).allSatisfy(f -> {
            if (f.start() >= 0) {
                assertThat(f.field()).isIn("multi_prompt[0].prompt", "multi_prompt[1].prompt");
                assertThat(prompt.substring(f.start(), f.end())).isEqualTo(f.reference());
            } else {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.field()).matches("(elements|image_urls)\\[\\d]");
            }
            assertThat(f.fix()).isNotBlank();
        });
        // the two shots are the same text: what one shot gets, the other gets too
        assertThat(findings.stream()
                        .filter(f -> f.field().equals("multi_prompt[0].prompt"))
                        .count())
                .isEqualTo(findings.stream()
                        .filter(f -> f.field().equals("multi_prompt[1].prompt"))
                        .count());
    }

    @Provide
    Arbitrary<Category> categories() {
        return Arbitraries.of(Category.class);
    }

    @Property(tries = 150)
    void anyBytesGivenAsAnImageOrVideoAreCheckedNotCrashedOn(
            @ForAll @Size(max = 600) List<Byte> raw, @ForAll("prefixes") byte[] prefix, @ForAll MediaRole role)
            throws Exception {
        byte[] bytes = new byte[prefix.length + raw.size()];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        for (int i = 0; i < raw.size(); i++) {
            bytes[prefix.length + i] = raw.get(i);
        }
        Path file = Files.createTempFile("fuzz", role == MediaRole.IMAGE ? ".png" : ".mp4");
        try {
            Files.write(file, bytes);
            Optional<MediaInfo> fromFile = MediaInspector.inspect(file);
            assertThat(MediaInspector.inspect(bytes))
                    .as("the same bytes read the same from a file")
                    .isEqualTo(fromFile);
            List<Problem> problems = MediaChecks.standard().check(Media.file(file), role, "image_url");
            assertThat(problems).allSatisfy(p -> {
                assertThat(p.field()).isEqualTo("image_url");
                assertThat(p.fix()).isNotBlank();
            });
            if (problems.isEmpty()) {
                // passed: the header was read as a format of the role asked for
                assertThat(fromFile)
                        .hasValueSatisfying(
                                i -> assertThat(i.format().isVideo()).isEqualTo(role == MediaRole.VIDEO));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<byte[]> prefixes() {
        List<byte[]> headers = new ArrayList<>();
        headers.add(new byte[0]);
        headers.add(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        headers.add(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
        headers.add(new byte[] {'G', 'I', 'F', '8', '9', 'a'});
        headers.add(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'});
        headers.add(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
        headers.add(new byte[] {
            0,
            0,
            0,
            1,
            'm',
            'o',
            'o',
            'v',
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff,
            (byte) 0xff
        });
        return Arbitraries.of(headers);
    }
}
