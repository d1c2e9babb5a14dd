package dev.kling4j.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The endpoint table: the 13 Kling O3 endpoints, what each category takes, and the limits.
 *
 * <p>This is the one place kling4j learns which endpoint takes which field. It is data, read from the
 * resource {@code dev/kling4j/core/catalog/kling-o3-endpoints.json}, which follows
 * {@code shared/reference/kling-o3-endpoints.md}. Request validation, the model registry and the
 * testkit's emulator all read it; nothing else hard-codes a field list.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.standard();
 * EndpointSpec pro = catalog.endpoint("kling_o3_pro_i2v").orElseThrow();
 * boolean takesElements = catalog.category(pro.category()).takes("elements"); // false
 * }</pre>
 */
public final class Catalog {
    private static final String RESOURCE = "kling-o3-endpoints.json";
    private static final Catalog STANDARD = load();

    private final List<EndpointSpec> endpoints;
    private final Map<Category, CategorySpec> categories;
    private final Limits limits;

    private Catalog(List<EndpointSpec> endpoints, Map<Category, CategorySpec> categories, Limits limits) {
        this.endpoints = List.copyOf(endpoints);
        this.categories = Map.copyOf(categories);
        this.limits = limits;
    }

    /**
     * The table shipped with this version of kling4j.
     *
     * @return the shared, immutable catalog
     */
    public static Catalog standard() {
        return STANDARD;
    }

    /**
     * All endpoints, in the table's order.
     *
     * @return an immutable list of 13 endpoints
     */
    public List<EndpointSpec> endpoints() {
        return endpoints;
    }

    /**
     * Finds an endpoint by model key ({@code kling_o3_pro_i2v}) or by fal endpoint id.
     *
     * @param keyOrEndpointId a model key or an endpoint id
     * @return the endpoint, or empty when the table has neither
     */
    public Optional<EndpointSpec> endpoint(String keyOrEndpointId) {
        return endpoints.stream()
                .filter(e -> e.key().equals(keyOrEndpointId) || e.endpointId().equals(keyOrEndpointId))
                .findFirst();
    }

    /**
     * What a category takes.
     *
     * @param category the category
     * @return its spec
     */
    public CategorySpec category(Category category) {
        return categories.get(category);
    }

    /**
     * The categories that take a field, for messages that say where a refused field belongs.
     *
     * @param field a wire name such as {@code elements}
     * @return the categories, in declaration order; empty when no category takes it
     */
    public List<Category> categoriesTaking(String field) {
        List<Category> taking = new ArrayList<>();
        for (Category c : Category.values()) {
            if (categories.get(c).takes(field)) {
                taking.add(c);
            }
        }
        return taking;
    }

    /**
     * The limits that apply to every endpoint.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    private static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kling4j is missing its endpoint table " + RESOURCE);
            }
            return parse(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kling4j's endpoint table " + RESOURCE, e);
        }
    }

    private static Catalog parse(JsonNode root) {
        Map<Category, CategorySpec> categories = new EnumMap<>(Category.class);
        for (JsonNode c : root.path("categories")) {
            Category category = Category.fromId(c.path("id").asText())
                    .orElseThrow(() -> new IllegalStateException("unknown category in table: " + c.path("id")));
            List<FieldSpec> fields = new ArrayList<>();
            for (JsonNode f : c.path("fields")) {
                JsonNode def = f.get("default");
                Object defaultValue = def == null ? null : def.isBoolean() ? def.booleanValue() : def.asText();
                List<String> values = new ArrayList<>();
                f.path("values").forEach(v -> values.add(v.asText()));
                fields.add(new FieldSpec(
                        f.path("name").asText(),
                        FieldType.valueOf(f.path("type").asText().toUpperCase(java.util.Locale.ROOT)),
                        f.path("required").asBoolean(false),
                        defaultValue,
                        values));
            }
            Set<ReferenceKind> references = new LinkedHashSet<>();
            for (JsonNode r : c.path("references")) {
                references.add(ReferenceKind.fromWord(r.asText())
                        .orElseThrow(() -> new IllegalStateException("unknown reference kind in table: " + r)));
            }
            Map<String, String> refusals = textMap(c.path("refusals"));
            categories.put(category, new CategorySpec(
                    category,
                    PromptRule.valueOf(c.path("prompt").asText().toUpperCase(java.util.Locale.ROOT)),
                    references,
                    fields,
                    intOrNull(c, "max_elements_plus_images"),
                    intOrNull(c, "max_elements_plus_images_with_video"),
                    intOrNull(c, "max_elements_with_video"),
                    textMap(c.path("refused_with_video_element")),
                    textMap(c.path("requires")),
                    refusals));
        }
        if (categories.size() != Category.values().length) {
            throw new IllegalStateException("endpoint table lacks categories: " + categories.keySet());
        }
        List<EndpointSpec> endpoints = new ArrayList<>();
        for (JsonNode e : root.path("endpoints")) {
            endpoints.add(new EndpointSpec(
                    e.path("key").asText(),
                    e.path("endpoint_id").asText(),
                    Category.fromId(e.path("category").asText()).orElseThrow(),
                    Tier.fromId(e.path("tier").asText()).orElseThrow()));
        }
        JsonNode l = root.path("limits");
        Limits limits = new Limits(
                l.path("prompt_max_length").intValue(),
                l.path("duration_min").intValue(),
                l.path("duration_max").intValue(),
                l.path("shot_duration_min").intValue(),
                l.path("shot_duration_max").intValue(),
                l.path("shots_min").intValue(),
                l.path("shots_max").intValue(),
                l.path("shot_prompt_max_length").intValue(),
                strings(l.path("image_formats")),
                l.path("image_max_bytes").longValue(),
                l.path("image_min_side_px").intValue(),
                l.path("image_aspect_min").decimalValue(),
                l.path("image_aspect_max").decimalValue(),
                strings(l.path("video_formats")),
                l.path("video_max_bytes").longValue(),
                l.path("video_min_seconds").intValue(),
                l.path("video_max_seconds").intValue(),
                l.path("video_min_side_px").intValue(),
                l.path("video_max_side_px").intValue(),
                l.path("element_reference_images_min").intValue(),
                l.path("element_reference_images_max").intValue(),
                l.path("video_min_fps").intValue(),
                l.path("video_max_fps").intValue());
        return new Catalog(endpoints, categories, limits);
    }

    private static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Integer intOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.intValue();
    }

    private static Set<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out.stream().collect(Collectors.toUnmodifiableSet());
    }
}
