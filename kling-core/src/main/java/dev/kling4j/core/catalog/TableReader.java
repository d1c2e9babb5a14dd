package dev.kling4j.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an endpoint table, checking every part of it: a table a user wrote by hand gets an error naming the
 * file, the place ({@code categories[2].fields[1].type}), what is wrong and what is allowed, never a default
 * filled in silently.
 */
final class TableReader {
    private static final Set<String> TOP = Set.of("source", "limits", "categories", "endpoints");
    private static final List<String> INT_LIMITS = List.of(
            "prompt_max_length",
            "duration_min",
            "duration_max",
            "shot_duration_min",
            "shot_duration_max",
            "shots_min",
            "shots_max",
            "shot_prompt_max_length",
            "image_min_side_px",
            "video_min_seconds",
            "video_max_seconds",
            "video_min_side_px",
            "video_max_side_px",
            "element_reference_images_min",
            "element_reference_images_max",
            "video_min_fps",
            "video_max_fps");
    private static final List<String> LONG_LIMITS = List.of("image_max_bytes", "video_max_bytes");
    private static final List<String> DECIMAL_LIMITS = List.of("image_aspect_min", "image_aspect_max");
    private static final List<String> FORMAT_LIMITS = List.of("image_formats", "video_formats");
    private static final List<String> CATEGORY_COUNTS =
            List.of("max_elements_plus_images", "max_elements_plus_images_with_video", "max_elements_with_video");
    private static final Set<String> CATEGORY_KEYS = union(
            Set.of("id", "prompt", "references", "fields", "refused_with_video_element", "requires", "refusals"),
            CATEGORY_COUNTS);
    private static final Set<String> FIELD_KEYS = Set.of("name", "type", "required", "default", "values");
    private static final Set<String> ENDPOINT_KEYS = Set.of("key", "endpoint_id", "category", "tier");

    private final String origin;

    private TableReader(String origin) {
        this.origin = origin;
    }

    /** The endpoints, categories and limits of a table, or an {@link IllegalArgumentException} naming the place. */
    static Catalog read(JsonNode root, String origin) {
        return new TableReader(origin).table(root);
    }

    private Catalog table(JsonNode root) {
        object(root, "(top level)", TOP);
        Limits limits = limits(required(root, "(top level)", "limits"));
        JsonNode categories = array(required(root, "(top level)", "categories"), "categories");
        Map<Category, CategorySpec> specs = new EnumMap<>(Category.class);
        for (int i = 0; i < categories.size(); i++) {
            CategorySpec spec = category(categories.get(i), "categories[" + i + "]");
            if (specs.put(spec.category(), spec) != null) {
                throw fail(
                        "categories[" + i + "].id",
                        "'" + spec.category().id() + "' is described twice",
                        "describe each category once");
            }
        }
        List<String> missing = Arrays.stream(Category.values())
                .filter(c -> !specs.containsKey(c))
                .map(Category::id)
                .toList();
        if (!missing.isEmpty()) {
            throw fail("categories", "lacks " + String.join(", ", missing), "describe every category kling4j knows");
        }
        JsonNode endpoints = array(required(root, "(top level)", "endpoints"), "endpoints");
        List<EndpointSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String at = "endpoints[" + i + "]";
            EndpointSpec e = endpoint(endpoints.get(i), at);
            for (String name : List.of(e.key(), e.endpointId())) {
                if (!names.add(name)) {
                    throw fail(
                            at, "'" + name + "' names another endpoint too", "give each endpoint its own key and id");
                }
            }
            out.add(e);
        }
        return new Catalog(out, specs, limits);
    }

    private Limits limits(JsonNode l) {
        object(
                l,
                "limits",
                union(union(Set.copyOf(INT_LIMITS), LONG_LIMITS), union(Set.copyOf(DECIMAL_LIMITS), FORMAT_LIMITS)));
        Map<String, BigDecimal> n = new LinkedHashMap<>();
        for (String name : INT_LIMITS) {
            n.put(name, BigDecimal.valueOf(whole(required(l, "limits", name), "limits." + name, Integer.MAX_VALUE)));
        }
        for (String name : LONG_LIMITS) {
            n.put(name, BigDecimal.valueOf(whole(required(l, "limits", name), "limits." + name, Long.MAX_VALUE)));
        }
        for (String name : DECIMAL_LIMITS) {
            JsonNode v = required(l, "limits", name);
            if (!v.isNumber() || v.decimalValue().signum() <= 0) {
                throw fail("limits." + name, "is " + v, "write a positive number such as 0.4");
            }
            n.put(name, v.decimalValue());
        }
        // A minimum above its maximum would refuse every value: that is a typo, not a limit.
        n.forEach((name, min) -> {
            String max = name.replace("_min", "_max");
            if (name.contains("_min") && n.containsKey(max) && min.compareTo(n.get(max)) > 0) {
                throw fail(
                        "limits." + name,
                        "is " + min + ", above " + max + " (" + n.get(max) + ")",
                        "make the minimum at most the maximum");
            }
        });
        return new Limits(
                n.get("prompt_max_length").intValue(),
                n.get("duration_min").intValue(),
                n.get("duration_max").intValue(),
                n.get("shot_duration_min").intValue(),
                n.get("shot_duration_max").intValue(),
                n.get("shots_min").intValue(),
                n.get("shots_max").intValue(),
                n.get("shot_prompt_max_length").intValue(),
                formats(l, "image_formats"),
                n.get("image_max_bytes").longValue(),
                n.get("image_min_side_px").intValue(),
                n.get("image_aspect_min"),
                n.get("image_aspect_max"),
                formats(l, "video_formats"),
                n.get("video_max_bytes").longValue(),
                n.get("video_min_seconds").intValue(),
                n.get("video_max_seconds").intValue(),
                n.get("video_min_side_px").intValue(),
                n.get("video_max_side_px").intValue(),
                n.get("element_reference_images_min").intValue(),
                n.get("element_reference_images_max").intValue(),
                n.get("video_min_fps").intValue(),
                n.get("video_max_fps").intValue());
    }

    private Set<String> formats(JsonNode limits, String name) {
        List<String> formats = texts(required(limits, "limits", name), "limits." + name);
        if (formats.isEmpty()) {
            throw fail("limits." + name, "is empty", "list the file extensions fal takes, e.g. [\"png\", \"jpg\"]");
        }
        return formats.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private CategorySpec category(JsonNode c, String at) {
        object(c, at, CATEGORY_KEYS);
        String id = text(required(c, at, "id"), at + ".id");
        Category category = Category.fromId(id)
                .orElseThrow(() -> fail(
                        at + ".id",
                        "'" + id + "' is not a category",
                        "use one of "
                                + Arrays.stream(Category.values())
                                        .map(Category::id)
                                        .collect(Collectors.joining(", "))));
        String where = at + " (" + id + ")";
        String prompt = text(required(c, where, "prompt"), where + ".prompt");
        PromptRule rule = Arrays.stream(PromptRule.values())
                .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(prompt))
                .findFirst()
                .orElseThrow(() ->
                        fail(where + ".prompt", "'" + prompt + "' is not a prompt rule", "use one_of or required"));
        Set<ReferenceKind> references = new LinkedHashSet<>();
        List<String> words = c.has("references") ? texts(c.get("references"), where + ".references") : List.of();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            references.add(ReferenceKind.fromWord(word)
                    .orElseThrow(() -> fail(
                            where + ".references",
                            "'" + word + "' is not a reference kind",
                            "use Element, Image or Video")));
        }
        JsonNode fieldNodes = array(required(c, where, "fields"), where + ".fields");
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fieldNodes.size(); i++) {
            FieldSpec f = field(fieldNodes.get(i), where + ".fields[" + i + "]");
            if (!names.add(f.name())) {
                throw fail(
                        where + ".fields[" + i + "].name",
                        "'" + f.name() + "' is described twice",
                        "describe each field once");
            }
            fields.add(f);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : CATEGORY_COUNTS) {
            if (c.has(name)) {
                counts.put(name, (int) whole(c.get(name), where + "." + name, Integer.MAX_VALUE));
            }
        }
        Map<String, String> refusedWithVideo = textMap(c, "refused_with_video_element", where);
        Map<String, String> requires = textMap(c, "requires", where);
        refusedWithVideo.keySet().forEach(f -> takes(names, f, where + ".refused_with_video_element." + f));
        requires.forEach((field, needed) -> {
            takes(names, field, where + ".requires." + field);
            takes(names, needed, where + ".requires." + field);
        });
        return new CategorySpec(
                category,
                rule,
                references,
                fields,
                counts.get("max_elements_plus_images"),
                counts.get("max_elements_plus_images_with_video"),
                counts.get("max_elements_with_video"),
                refusedWithVideo,
                requires,
                textMap(c, "refusals", where));
    }

    private void takes(Set<String> fields, String field, String at) {
        if (!fields.contains(field)) {
            throw fail(
                    at,
                    "names " + field + ", which is not one of the category's fields",
                    "add it to the fields, or remove the rule");
        }
    }

    private FieldSpec field(JsonNode f, String at) {
        object(f, at, FIELD_KEYS);
        String name = text(required(f, at, "name"), at + ".name");
        String where = at + " (" + name + ")";
        String typeText = text(required(f, where, "type"), where + ".type");
        FieldType type = Arrays.stream(FieldType.values())
                .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(typeText))
                .findFirst()
                .orElseThrow(() -> fail(
                        where + ".type",
                        "'" + typeText + "' is not a field type",
                        "use one of "
                                + Arrays.stream(FieldType.values())
                                        .map(t -> t.name().toLowerCase(Locale.ROOT))
                                        .collect(Collectors.joining(", "))));
        boolean required = false;
        if (f.has("required")) {
            if (!f.get("required").isBoolean()) {
                throw fail(where + ".required", "is " + f.get("required"), "write true or false");
            }
            required = f.get("required").booleanValue();
        }
        Object defaultValue = null;
        if (f.has("default")) {
            JsonNode d = f.get("default");
            if (!d.isValueNode() || d.isNull()) {
                throw fail(where + ".default", "is " + d, "write fal's default as a string, number or boolean");
            }
            defaultValue = d.isBoolean() ? d.booleanValue() : d.asText();
        }
        List<String> values = f.has("values") ? texts(f.get("values"), where + ".values") : List.of();
        if (type == FieldType.ENUM && values.isEmpty()) {
            throw fail(where + ".values", "is missing or empty", "list the choices fal takes for " + name);
        }
        if (type != FieldType.ENUM && f.has("values")) {
            throw fail(where + ".values", "is given for a " + typeText + " field", "only enum fields list values");
        }
        return new FieldSpec(name, type, required, defaultValue, values);
    }

    private EndpointSpec endpoint(JsonNode e, String at) {
        object(e, at, ENDPOINT_KEYS);
        String key = text(required(e, at, "key"), at + ".key");
        String id = text(required(e, at, "endpoint_id"), at + ".endpoint_id");
        String category = text(required(e, at, "category"), at + ".category");
        String tier = text(required(e, at, "tier"), at + ".tier");
        return new EndpointSpec(
                key,
                id,
                Category.fromId(category)
                        .orElseThrow(() -> fail(
                                at + ".category",
                                "'" + category + "' is not a category",
                                "use one of "
                                        + Arrays.stream(Category.values())
                                                .map(Category::id)
                                                .collect(Collectors.joining(", ")))),
                Tier.fromId(tier)
                        .orElseThrow(() -> fail(
                                at + ".tier",
                                "'" + tier + "' is not a tier",
                                "use one of "
                                        + Arrays.stream(Tier.values())
                                                .map(Tier::id)
                                                .collect(Collectors.joining(", ")))));
    }

    // ---------------------------------------------------------------- JSON shapes

    private void object(JsonNode node, String at, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw fail(
                    at,
                    "is "
                            + (node == null
                                    ? "missing"
                                    : node.getNodeType().toString().toLowerCase(Locale.ROOT)),
                    "write a JSON object");
        }
        for (String name : (Iterable<String>) node::fieldNames) {
            if (!known.contains(name)) {
                throw fail(
                        prefix(at) + name,
                        "is not a property the table format has",
                        "use " + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private JsonNode required(JsonNode parent, String at, String name) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            throw fail(prefix(at) + name, "is missing", "add it");
        }
        return v;
    }

    private JsonNode array(JsonNode node, String at) {
        if (!node.isArray()) {
            throw fail(at, "is " + node.getNodeType().toString().toLowerCase(Locale.ROOT), "write a JSON array");
        }
        return node;
    }

    private String text(JsonNode node, String at) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw fail(at, "is " + node, "write a non-blank string");
        }
        return node.textValue();
    }

    private List<String> texts(JsonNode node, String at) {
        array(node, at);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), at + "[" + i + "]"));
        }
        return out;
    }

    private long whole(JsonNode node, String at, long max) {
        if (!node.isIntegralNumber()
                || node.bigIntegerValue().signum() < 0
                || node.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw fail(at, "is " + node, "write a whole number from 0 to " + max);
        }
        return node.longValue();
    }

    private Map<String, String> textMap(JsonNode category, String name, String where) {
        if (!category.has(name)) {
            return Map.of();
        }
        JsonNode node = category.get(name);
        String at = where + "." + name;
        if (!node.isObject()) {
            throw fail(
                    at,
                    "is " + node.getNodeType().toString().toLowerCase(Locale.ROOT),
                    "write a JSON object of field names to text");
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), text(e.getValue(), at + "." + e.getKey())));
        return out;
    }

    private IllegalArgumentException fail(String at, String message, String fix) {
        return new IllegalArgumentException(origin + ": " + at + ": " + message + " (" + fix + ")");
    }

    private static String prefix(String at) {
        return at.equals("(top level)") ? "" : at + ".";
    }

    private static Set<String> union(Set<String> a, java.util.Collection<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
