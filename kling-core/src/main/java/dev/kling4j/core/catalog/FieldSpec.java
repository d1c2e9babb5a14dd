package dev.kling4j.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One input field of a category, as the endpoint table declares it.
 *
 * @param name the wire name, e.g. {@code end_image_url}
 * @param type what the field holds
 * @param required whether fal requires it
 * @param defaultValue fal's default when the field is left out ({@code String} or {@code Boolean}), or
 *     {@code null} when there is none; kling4j never sends a default it was not asked to send
 * @param values the allowed values of an {@link FieldType#ENUM} field; empty otherwise
 */
public record FieldSpec(String name, FieldType type, boolean required, Object defaultValue, List<String> values) {

    /**
     * Validates and copies the components.
     *
     * @param name the wire name, e.g. {@code end_image_url}
     * @param type what the field holds
     * @param required whether fal requires it
     * @param defaultValue fal's default when the field is left out ({@code String} or {@code Boolean}), or {@code null} when there is none; kling4j never sends a default it was not asked to send
     * @param values the allowed values of an {@link FieldType#ENUM} field; empty otherwise
     */
    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
    }

    /**
     * fal's default for this field.
     *
     * @return the default, or empty when fal has none
     */
    public Optional<Object> defaultIfAbsent() {
        return Optional.ofNullable(defaultValue);
    }
}
