package dev.kling4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.media.MediaRole;
import dev.kling4j.core.model.AnyModelAccess;
import dev.kling4j.core.prompt.ReferenceLinter;
import dev.kling4j.core.prompt.References;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random inputs through everything that checks input: only kling4j's own validation exception comes out,
 * never another exception, and nothing is sent (no client exists in these properties).
 */
class InputFuzzTest {
    static final List<String> KEYS = Catalog.standard().endpoints().stream().map(e -> e.key()).toList();
    static final List<String> FIELDS = List.of("prompt", "multi_prompt", "duration", "generate_audio", "shot_type",
            "image_url", "end_image_url", "start_image_url", "image_urls", "elements", "video_url", "keep_audio",
            "aspect_ratio", "voice_ids", "negative_prompt", "seed");

    @Provide
    Arbitrary<String> prompts() {
        Arbitrary<String> reference = Combinators.combine(
                Arbitraries.of("@Element", "@element", "@Image", "@Images", "@Video", "@", "<<<element_", "@Elem"),
                Arbitraries.of("", "0", "1", "2", "3", "01", "9", "99999999999", "-1", "_1>>>"))
                .as((a, b) -> a + b);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(reference, text).list().ofMaxSize(12).map(parts -> String.join(" ", parts))
                .injectDuplicates(0.1).edgeCases(c -> c.add("a".repeat(3000)));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                prompts().map(s -> (Object) s),
                Arbitraries.integers().between(-5, 40).map(i -> (Object) i),
                Arbitraries.doubles().between(-5, 40).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of("https://example.com/a.png", "data:image/png;base64,AAAA", "./missing.png",
                        "", "http://", "ftp://x/y", "file:///nope", "C:\\\\x.png", "16:9", "auto").map(s -> (Object) s));
        Arbitrary<Object> element = Arbitraries.maps(
                Arbitraries.of("frontal_image_url", "reference_image_urls", "video_url", "voice_id", "front"),
                scalar).ofMaxSize(4).map(m -> (Object) m);
        Arbitrary<Object> shot = Arbitraries.maps(Arbitraries.of("prompt", "duration", "x"), scalar).ofMaxSize(3)
                .map(m -> (Object) m);
        Arbitrary<Object> list = Arbitraries.oneOf(scalar, element, shot).list().ofMaxSize(9).map(l -> (Object) l);
        return Arbitraries.oneOf(scalar, list, element);
    }

    @Property(tries = 300)
    void theGenericPathOnlyEverRefusesWithInvalidRequest(@ForAll("keys") String key,
            @ForAll("fieldLists") List<String> fields, @ForAll("valueLists") List<Object> values) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < fields.size() && i < values.size(); i++) {
            input.put(fields.get(i), values.get(i));
        }
        try {
            AnyModelAccess.request(key, input);
        } catch (InvalidRequestException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.field()).isNotBlank());
        }
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
    void theLinterReadsAnyPromptWithoutThrowing(@ForAll("prompts") String prompt,
            @ForAll("categories") Category category) {
        CategorySpec spec = Catalog.standard().category(category);

        assertThat(References.parse(prompt)).allSatisfy(r -> assertThat(r.start()).isBetween(0, prompt.length()));
        ReferenceLinter.lint(spec, List.of(prompt, prompt), 2, 1, true);
    }

    @Provide
    Arbitrary<Category> categories() {
        return Arbitraries.of(Category.class);
    }

    @Property(tries = 150)
    void anyBytesGivenAsAnImageOrVideoAreCheckedNotCrashedOn(@ForAll @Size(max = 600) List<Byte> raw,
            @ForAll("prefixes") byte[] prefix, @ForAll MediaRole role) throws Exception {
        byte[] bytes = new byte[prefix.length + raw.size()];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        for (int i = 0; i < raw.size(); i++) {
            bytes[prefix.length + i] = raw.get(i);
        }
        Path file = Files.createTempFile("fuzz", role == MediaRole.IMAGE ? ".png" : ".mp4");
        try {
            Files.write(file, bytes);
            MediaInspector.inspect(file);
            MediaInspector.inspect(bytes);
            assertThat(MediaChecks.standard().check(Media.file(file), role, "image_url")).isNotNull();
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
        headers.add(new byte[] {0, 0, 0, 1, 'm', 'o', 'o', 'v', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        return Arbitraries.of(headers);
    }
}
