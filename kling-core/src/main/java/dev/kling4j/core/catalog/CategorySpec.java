package dev.kling4j.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one category of endpoint takes: its fields, how it takes a prompt, which {@code @}-references its
 * prompts may make, its count limits, and where to send a field it refuses.
 *
 * <p>Read from the endpoint table; every tier of a category shares one spec.
 */
public final class CategorySpec {
    private final Category category;
    private final PromptRule promptRule;
    private final Set<ReferenceKind> references;
    private final Map<String, FieldSpec> fields;
    private final Integer maxElementsPlusImages;
    private final Integer maxElementsPlusImagesWithVideo;
    private final Integer maxElementsWithVideo;
    private final Map<String, String> refusedWithVideoElement;
    private final Map<String, String> requires;
    private final Map<String, String> refusals;

    CategorySpec(
            Category category,
            PromptRule promptRule,
            Set<ReferenceKind> references,
            List<FieldSpec> fields,
            Integer maxElementsPlusImages,
            Integer maxElementsPlusImagesWithVideo,
            Integer maxElementsWithVideo,
            Map<String, String> refusedWithVideoElement,
            Map<String, String> requires,
            Map<String, String> refusals) {
        this.category = Objects.requireNonNull(category, "category");
        this.promptRule = Objects.requireNonNull(promptRule, "promptRule");
        this.references = Set.copyOf(references);
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        this.fields = Collections.unmodifiableMap(byName);
        this.maxElementsPlusImages = maxElementsPlusImages;
        this.maxElementsPlusImagesWithVideo = maxElementsPlusImagesWithVideo;
        this.maxElementsWithVideo = maxElementsWithVideo;
        this.refusedWithVideoElement = Map.copyOf(refusedWithVideoElement);
        this.requires = Map.copyOf(requires);
        this.refusals = Map.copyOf(refusals);
    }

    /**
     * The category this spec describes.
     *
     * @return the category
     */
    public Category category() {
        return category;
    }

    /**
     * How the category takes its prompt.
     *
     * @return the rule
     */
    public PromptRule promptRule() {
        return promptRule;
    }

    /**
     * The {@code @}-reference kinds prompts of this category may use.
     *
     * @return an immutable set, empty for image- and text-to-video
     */
    public Set<ReferenceKind> references() {
        return references;
    }

    /**
     * The fields this category takes, in the table's order.
     *
     * @return an immutable map from wire name to spec
     */
    public Map<String, FieldSpec> fields() {
        return fields;
    }

    /**
     * Looks up one field.
     *
     * @param name the wire name
     * @return its spec, or empty when this category does not take it
     */
    public Optional<FieldSpec> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * Whether this category takes a field.
     *
     * @param name the wire name
     * @return true when the field is one of {@link #fields()}
     */
    public boolean takes(String name) {
        return fields.containsKey(name);
    }

    /**
     * The most elements plus reference images one request may carry.
     *
     * @return the limit, or empty when the category takes neither
     */
    public OptionalInt maxElementsPlusImages() {
        return maxElementsPlusImages == null ? OptionalInt.empty() : OptionalInt.of(maxElementsPlusImages);
    }

    /**
     * The most elements plus reference images when any element carries a video.
     *
     * @return the limit, or empty when no element can carry a video here
     */
    public OptionalInt maxElementsPlusImagesWithVideo() {
        return maxElementsPlusImagesWithVideo == null
                ? OptionalInt.empty()
                : OptionalInt.of(maxElementsPlusImagesWithVideo);
    }

    /**
     * The most elements that may carry a video.
     *
     * @return the limit, or empty when no element can carry a video here
     */
    public OptionalInt maxElementsWithVideo() {
        return maxElementsWithVideo == null ? OptionalInt.empty() : OptionalInt.of(maxElementsWithVideo);
    }

    /**
     * Settings refused when any element carries a video, each with the reason and fix (on reference-to-video,
     * {@code generate_audio}: Kling makes no sound for a video element). A boolean setting is refused only
     * when true.
     *
     * @return an immutable map from wire name to advice; empty when the category has no such rule
     */
    public Map<String, String> refusedWithVideoElement() {
        return refusedWithVideoElement;
    }

    /**
     * Fields that need another field: e.g. {@code end_image_url} needs {@code start_image_url} on
     * reference-to-video (Kling does not take an end frame alone).
     *
     * @return an immutable map from a field to the field it needs
     */
    public Map<String, String> requires() {
        return requires;
    }

    /**
     * The table's own advice for a field this category refuses, saying where the field belongs.
     *
     * @param name the wire name of a field this category does not take
     * @return the advice, or empty when the table has none (callers then list the categories that take it)
     */
    public Optional<String> refusalHint(String name) {
        return Optional.ofNullable(refusals.get(name));
    }

    @Override
    public String toString() {
        return "CategorySpec{" + category.id() + ", fields=" + fields.keySet() + "}";
    }
}
