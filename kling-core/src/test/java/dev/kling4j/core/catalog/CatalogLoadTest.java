package dev.kling4j.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@link Catalog#load(Path)}: a table a user edits by hand, read back as the shipped one is, or refused naming the place. */
class CatalogLoadTest {
    @TempDir
    Path dir;

    static ObjectNode shipped() throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream("kling-o3-endpoints.json")) {
            return (ObjectNode) Json.mapper().readTree(in);
        }
    }

    Path write(ObjectNode root) throws IOException {
        return Files.writeString(dir.resolve("endpoints.json"), Json.mapper().writeValueAsString(root));
    }

    static ObjectNode category(ObjectNode root, int i) {
        return (ObjectNode) root.get("categories").get(i);
    }

    static ObjectNode field(ObjectNode root, int category, int field) {
        return (ObjectNode) category(root, category).get("fields").get(field);
    }

    @Test
    void aCopyOfTheShippedTableReadsBackAsTheShippedOne() throws IOException {
        Catalog copy = Catalog.load(write(shipped()));
        Catalog standard = Catalog.standard();

        assertThat(copy.endpoints()).isEqualTo(standard.endpoints());
        assertThat(copy.limits()).isEqualTo(standard.limits());
        for (Category c : Category.values()) {
            CategorySpec a = copy.category(c);
            CategorySpec b = standard.category(c);
            assertThat(a.fields()).isEqualTo(b.fields());
            assertThat(a.references()).isEqualTo(b.references());
            assertThat(a.promptRule()).isEqualTo(b.promptRule());
            assertThat(a.requires()).isEqualTo(b.requires());
            assertThat(a.refusedWithVideoElement()).isEqualTo(b.refusedWithVideoElement());
            assertThat(a.maxElementsPlusImages()).isEqualTo(b.maxElementsPlusImages());
            assertThat(a.maxElementsPlusImagesWithVideo()).isEqualTo(b.maxElementsPlusImagesWithVideo());
            assertThat(a.maxElementsWithVideo()).isEqualTo(b.maxElementsWithVideo());
            assertThat(a.refusalHint("elements")).isEqualTo(b.refusalHint("elements"));
        }
        assertThat(copy).isNotSameAs(standard).hasToString("Catalog{13 endpoints, 5 categories}");
    }

    @Test
    void aStreamReadsTheSameAndNamesItsOriginInErrors() throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(shipped());

        assertThat(Catalog.load(new ByteArrayInputStream(json), "mine.json").limits())
                .isEqualTo(Catalog.standard().limits());
        assertThatThrownBy(() ->
                        Catalog.load(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), "mine.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mine.json: (top level): is array");
    }

    @Test
    void aChangedLimitIsWhatTheTableSays() throws IOException {
        ObjectNode root = shipped();
        ((ObjectNode) root.get("limits")).put("duration_max", 20).put("shots_max", 8);
        ((ArrayNode) field(root, 1, 3).get("values")).add("4:3");

        Catalog newer = Catalog.load(write(root));

        assertThat(newer.limits().durationMax()).isEqualTo(20);
        assertThat(newer.limits().shotsMax()).isEqualTo(8);
        assertThat(newer.category(Category.TEXT_TO_VIDEO)
                        .field("aspect_ratio")
                        .orElseThrow()
                        .values())
                .containsExactly("16:9", "9:16", "1:1", "4:3");
    }

    @Test
    void aFileThatIsNotJsonIsRefusedWithItsLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"limits\": {,\n}");

        assertThatThrownBy(() -> Catalog.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": line 2, column 14: is not valid JSON: ");
    }

    @Test
    void aMissingFileIsAnIoError() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> Catalog.load(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read endpoint table " + missing);
    }

    /** A change to the shipped table that makes it invalid, and the start of the message that says where. */
    record Broken(String name, Consumer<ObjectNode> change, String message) {}

    @TestFactory
    Stream<DynamicTest> everyMistakeIsRefusedNamingItsPlaceAndWhatIsAllowed() {
        return Stream.of(
                        new Broken(
                                "a limit left out",
                                r -> ((ObjectNode) r.get("limits")).remove("duration_max"),
                                "limits.duration_max: is missing (add it)"),
                        new Broken(
                                "a limit that is not a whole number",
                                r -> ((ObjectNode) r.get("limits")).put("duration_max", 15.5),
                                "limits.duration_max: is 15.5 (write a whole number from 0 to 2147483647)"),
                        new Broken(
                                "a negative limit",
                                r -> ((ObjectNode) r.get("limits")).put("shots_max", -1),
                                "limits.shots_max: is -1 (write a whole number"),
                        new Broken(
                                "a byte limit past a long",
                                r -> ((ObjectNode) r.get("limits"))
                                        .put("image_max_bytes", new java.math.BigInteger("99999999999999999999")),
                                "limits.image_max_bytes: is 99999999999999999999 (write a whole number from 0 to 9223372036854775807)"),
                        new Broken(
                                "a minimum above its maximum",
                                r -> ((ObjectNode) r.get("limits")).put("duration_min", 16),
                                "limits.duration_min: is 16, above duration_max (15) (make the minimum at most the maximum)"),
                        new Broken(
                                "an aspect limit that is not positive",
                                r -> ((ObjectNode) r.get("limits")).put("image_aspect_min", 0),
                                "limits.image_aspect_min: is 0 (write a positive number such as 0.4)"),
                        new Broken(
                                "no image formats",
                                r -> ((ObjectNode) r.get("limits")).putArray("image_formats"),
                                "limits.image_formats: is empty"),
                        new Broken(
                                "a misspelt limit",
                                r -> ((ObjectNode) r.get("limits")).put("duration_maxx", 20),
                                "limits.duration_maxx: is not a property the table format has (use "),
                        new Broken(
                                "an unknown top-level property",
                                r -> r.put("limit", 1),
                                "limit: is not a property the table format has (use categories, endpoints, limits, source)"),
                        new Broken(
                                "categories that are not a list",
                                r -> r.put("categories", "all"),
                                "categories: is string (write a JSON array)"),
                        new Broken(
                                "an unknown category",
                                r -> category(r, 0).put("id", "image-to-music"),
                                "categories[0].id: 'image-to-music' is not a category (use one of image-to-video, text-to-video,"),
                        new Broken(
                                "a category described twice",
                                r -> category(r, 1).put("id", "image-to-video"),
                                "categories[1].id: 'image-to-video' is described twice"),
                        new Broken(
                                "a category left out",
                                r -> ((ArrayNode) r.get("categories")).remove(4),
                                "categories: lacks video-to-video-reference (describe every category kling4j knows)"),
                        new Broken(
                                "an unknown prompt rule",
                                r -> category(r, 0).put("prompt", "optional"),
                                "categories[0] (image-to-video).prompt: 'optional' is not a prompt rule (use one_of or required)"),
                        new Broken(
                                "an unknown reference kind",
                                r -> ((ArrayNode) category(r, 2).get("references")).add("Audio"),
                                "categories[2] (reference-to-video).references: 'Audio' is not a reference kind"),
                        new Broken(
                                "an unknown field type",
                                r -> field(r, 0, 1).put("type", "picture"),
                                "categories[0] (image-to-video).fields[1] (end_image_url).type: 'picture' is not a field type (use one of prompt, shots,"),
                        new Broken(
                                "a field without a name",
                                r -> field(r, 0, 1).remove("name"),
                                "categories[0] (image-to-video).fields[1].name: is missing"),
                        new Broken(
                                "a blank field name",
                                r -> field(r, 0, 1).put("name", " "),
                                "categories[0] (image-to-video).fields[1].name: is \" \" (write a non-blank string)"),
                        new Broken(
                                "a field described twice",
                                r -> field(r, 0, 1).put("name", "image_url"),
                                "categories[0] (image-to-video).fields[1].name: 'image_url' is described twice"),
                        new Broken(
                                "required that is not a boolean",
                                r -> field(r, 0, 0).put("required", "yes"),
                                "categories[0] (image-to-video).fields[0] (image_url).required: is \"yes\" (write true or false)"),
                        new Broken(
                                "a default that is an object",
                                r -> field(r, 0, 4).putObject("default"),
                                "categories[0] (image-to-video).fields[4] (duration).default: is {}"),
                        new Broken(
                                "an enum without values",
                                r -> field(r, 1, 3).remove("values"),
                                "categories[1] (text-to-video).fields[3] (aspect_ratio).values: is missing or empty"),
                        new Broken(
                                "values on a field that is not an enum",
                                r -> field(r, 0, 4).putArray("values").add("5"),
                                "categories[0] (image-to-video).fields[4] (duration).values: is given for a duration field"),
                        new Broken(
                                "a choice that is not text",
                                r -> ((ArrayNode) field(r, 1, 3).get("values")).add(43),
                                "categories[1] (text-to-video).fields[3] (aspect_ratio).values[3]: is 43"),
                        new Broken(
                                "a count that is not a number",
                                r -> category(r, 2).put("max_elements_plus_images", "seven"),
                                "categories[2] (reference-to-video).max_elements_plus_images: is \"seven\""),
                        new Broken(
                                "a rule naming a field the category does not take",
                                r -> ((ObjectNode) category(r, 2).get("requires")).put("end_image_url", "first_frame"),
                                "categories[2] (reference-to-video).requires.end_image_url: names first_frame, which is not one of the category's fields"),
                        new Broken(
                                "a video rule naming a field the category does not take",
                                r -> ((ObjectNode) category(r, 2).get("refused_with_video_element"))
                                        .put("keep_audio", "no"),
                                "categories[2] (reference-to-video).refused_with_video_element.keep_audio: names keep_audio"),
                        new Broken(
                                "refusals that are not text",
                                r -> category(r, 0).put("refusals", "none"),
                                "categories[0] (image-to-video).refusals: is string"),
                        new Broken(
                                "a refusal that is not text",
                                r -> ((ObjectNode) category(r, 0).get("refusals")).put("elements", 1),
                                "categories[0] (image-to-video).refusals.elements: is 1"),
                        new Broken(
                                "an unknown field property",
                                r -> field(r, 0, 0).put("optional", true),
                                "categories[0] (image-to-video).fields[0].optional: is not a property the table format has (use default, name,"),
                        new Broken(
                                "an endpoint of an unknown tier",
                                r -> ((ObjectNode) r.get("endpoints").get(0)).put("tier", "8k"),
                                "endpoints[0].tier: '8k' is not a tier (use one of standard, pro, 4k)"),
                        new Broken(
                                "an endpoint of an unknown category",
                                r -> ((ObjectNode) r.get("endpoints").get(0)).put("category", "music"),
                                "endpoints[0].category: 'music' is not a category"),
                        new Broken(
                                "an endpoint without an id",
                                r -> ((ObjectNode) r.get("endpoints").get(3)).remove("endpoint_id"),
                                "endpoints[3].endpoint_id: is missing"),
                        new Broken(
                                "two endpoints with one key",
                                r -> ((ObjectNode) r.get("endpoints").get(1)).put("key", "kling_o3_standard_i2v"),
                                "endpoints[1]: 'kling_o3_standard_i2v' names another endpoint too"),
                        new Broken(
                                "an endpoint that is not an object",
                                r -> ((ArrayNode) r.get("endpoints")).set(0, "i2v"),
                                "endpoints[0]: is string (write a JSON object)"))
                .map(b -> DynamicTest.dynamicTest(b.name(), () -> {
                    ObjectNode root = shipped();
                    b.change().accept(root);
                    Path file = write(root);

                    assertThatThrownBy(() -> Catalog.load(file))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageStartingWith(file + ": " + b.message());
                }));
    }
}
