package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.catalog.FieldType;
import dev.kling4j.core.catalog.Limits;
import dev.kling4j.core.catalog.PromptRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a submitted input against the endpoint table, as fal's model would, and lists the problems in
 * fal's 422 {@code detail} shape ({@code loc}, {@code msg}, {@code type}). The field list comes from the
 * {@link Catalog}; nothing here names a field of its own except the element sub-fields.
 */
final class InputCheck {
    private final CategorySpec spec;
    private final Limits limits;
    private final ArrayNode details = Json.mapper().createArrayNode();

    private InputCheck(CategorySpec spec, Limits limits) {
        this.spec = spec;
        this.limits = limits;
    }

    static ArrayNode check(Catalog catalog, CategorySpec spec, JsonNode input) {
        InputCheck c = new InputCheck(spec, catalog.limits());
        c.run(input);
        return c.details;
    }

    private void run(JsonNode input) {
        if (input == null || !input.isObject()) {
            add("Input should be a valid dictionary", "dict_type", "body");
            return;
        }
        for (Map.Entry<String, JsonNode> e : input.properties()) {
            if (!spec.takes(e.getKey())) {
                String hint = spec.refusalHint(e.getKey()).map(h -> ": " + h).orElse("");
                add("Extra inputs are not permitted" + hint, "extra_forbidden", "body", e.getKey());
            }
        }
        for (FieldSpec f : spec.fields().values()) {
            JsonNode v = input.get(f.name());
            if (v == null || v.isNull()) {
                if (f.required()) {
                    add("Field required", "missing", "body", f.name());
                }
                continue;
            }
            checkField(f, v);
        }
        if (spec.promptRule() == PromptRule.ONE_OF) {
            boolean prompt = present(input, "prompt");
            boolean shots = present(input, "multi_prompt");
            if (prompt == shots) {
                add(
                        prompt ? "Give either prompt or multi_prompt, not both" : "Give prompt or multi_prompt",
                        "value_error",
                        "body",
                        "prompt");
            }
        }
        checkCounts(input);
    }

    private void checkField(FieldSpec f, JsonNode v) {
        String n = f.name();
        switch (f.type()) {
            case PROMPT:
                checkPrompt(v, "body", n);
                break;
            case SHOTS:
                if (!v.isArray() || v.size() < limits.shotsMin()) {
                    add("Should be a list of at least " + limits.shotsMin() + " shot(s)", "too_short", "body", n);
                    break;
                }
                for (int i = 0; i < v.size(); i++) {
                    JsonNode shot = v.get(i);
                    checkPrompt(shot.get("prompt"), "body", n, i, "prompt");
                    JsonNode d = shot.get("duration");
                    if (d != null && !d.isNull()) {
                        checkDuration(d, limits.shotDurationMin(), limits.shotDurationMax(), "body", n, i, "duration");
                    }
                }
                break;
            case IMAGE:
            case VIDEO:
                checkUrl(v, "body", n);
                break;
            case IMAGE_LIST:
                if (!v.isArray()) {
                    add("Input should be a valid list", "list_type", "body", n);
                    break;
                }
                for (int i = 0; i < v.size(); i++) {
                    checkUrl(v.get(i), "body", n, i);
                }
                break;
            case DURATION:
                checkDuration(v, limits.durationMin(), limits.durationMax(), "body", n);
                break;
            case BOOLEAN:
                if (!v.isBoolean()) {
                    add("Input should be a valid boolean", "bool_type", "body", n);
                }
                break;
            case ENUM:
                if (!v.isTextual() || !f.values().contains(v.asText())) {
                    add("Input should be " + quoted(f.values()), "literal_error", "body", n);
                }
                break;
            case ELEMENTS:
            case IMAGE_ELEMENTS:
                checkElements(v, n, f.type() == FieldType.ELEMENTS);
                break;
            default:
                break;
        }
    }

    private void checkElements(JsonNode v, String n, boolean full) {
        if (!v.isArray()) {
            add("Input should be a valid list", "list_type", "body", n);
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode el = v.get(i);
            if (!el.isObject()) {
                add("Input should be a valid dictionary", "dict_type", "body", n, i);
                continue;
            }
            JsonNode frontal = el.get("frontal_image_url");
            // fal's element is an image set or a video: a video element may leave its images out.
            boolean video = full && el.hasNonNull("video_url");
            if (frontal == null || frontal.isNull()) {
                if (!video) {
                    add("Field required", "missing", "body", n, i, "frontal_image_url");
                }
            } else {
                checkUrl(frontal, "body", n, i, "frontal_image_url");
            }
            JsonNode refs = el.get("reference_image_urls");
            if (refs != null && !refs.isNull()) {
                if (!refs.isArray() || refs.size() > limits.elementReferenceImagesMax()) {
                    add(
                            "Should be a list of at most " + limits.elementReferenceImagesMax() + " URLs",
                            "too_long",
                            "body",
                            n,
                            i,
                            "reference_image_urls");
                }
            }
            for (Map.Entry<String, JsonNode> prop : el.properties()) {
                String key = prop.getKey();
                boolean known = key.equals("frontal_image_url")
                        || key.equals("reference_image_urls")
                        || (full && (key.equals("video_url") || key.equals("voice_id")));
                if (!known) {
                    add("Extra inputs are not permitted", "extra_forbidden", "body", n, i, key);
                }
            }
        }
    }

    private void checkCounts(JsonNode input) {
        int elements = input.path("elements").isArray() ? input.path("elements").size() : 0;
        int images =
                input.path("image_urls").isArray() ? input.path("image_urls").size() : 0;
        int withVideo = 0;
        for (JsonNode el : input.path("elements")) {
            if (el.hasNonNull("video_url")) {
                withVideo++;
            }
        }
        if (spec.maxElementsWithVideo().isPresent()
                && withVideo > spec.maxElementsWithVideo().getAsInt()) {
            add(
                    "At most " + spec.maxElementsWithVideo().getAsInt() + " element(s) may carry a video_url",
                    "value_error",
                    "body",
                    "elements");
        }
        int limit = withVideo > 0 && spec.maxElementsPlusImagesWithVideo().isPresent()
                ? spec.maxElementsPlusImagesWithVideo().getAsInt()
                : spec.maxElementsPlusImages().orElse(Integer.MAX_VALUE);
        if (elements + images > limit) {
            add(
                    "elements + image_urls may hold at most " + limit + " items"
                            + (withVideo > 0 ? " when an element carries a video" : "") + ", got "
                            + (elements + images),
                    "value_error",
                    "body",
                    elements > 0 ? "elements" : "image_urls");
        }
    }

    private void checkPrompt(JsonNode v, Object... loc) {
        if (v == null || !v.isTextual()) {
            add(
                    v == null ? "Field required" : "Input should be a valid string",
                    v == null ? "missing" : "string_type",
                    loc);
        } else if (v.asText().isBlank()) {
            add("String should have at least 1 character", "string_too_short", loc);
        } else if (v.asText().length() > limits.promptMaxLength()) {
            add("String should have at most " + limits.promptMaxLength() + " characters", "string_too_long", loc);
        }
    }

    private void checkUrl(JsonNode v, Object... loc) {
        String s = v == null || !v.isTextual() ? "" : v.asText();
        if (!(s.startsWith("http://") || s.startsWith("https://") || s.startsWith("data:"))) {
            add("Input should be a valid URL (http, https or data URI)", "url_parsing", loc);
        }
    }

    private void checkDuration(JsonNode v, int min, int max, Object... loc) {
        List<String> allowed = new ArrayList<>();
        for (int d = min; d <= max; d++) {
            allowed.add(Integer.toString(d));
        }
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            add("Input should be " + quoted(allowed) + " (a string)", "literal_error", loc);
        }
    }

    private static boolean present(JsonNode input, String field) {
        return input.hasNonNull(field);
    }

    private static String quoted(List<String> values) {
        List<String> q = new ArrayList<>();
        values.forEach(v -> q.add("'" + v + "'"));
        if (q.size() == 1) {
            return q.get(0);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
    }

    private void add(String msg, String type, Object... loc) {
        ObjectNode d = details.addObject();
        ArrayNode l = d.putArray("loc");
        for (Object o : loc) {
            if (o instanceof Integer) {
                l.add((Integer) o);
            } else {
                l.add(o.toString());
            }
        }
        d.put("msg", msg);
        d.put("type", type);
    }
}
