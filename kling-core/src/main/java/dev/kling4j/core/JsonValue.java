package dev.kling4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kling4j.core.internal.json.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable piece of JSON as fal sent it: the raw result of a job, a metric, an unknown field. Read it as
 * text with {@link #toJson()}, map it to your own type with {@link #as(Class)}, or walk it with
 * {@link #get(String)}.
 */
public final class JsonValue {
    private final JsonNode node;

    private JsonValue(JsonNode node) {
        this.node = node.deepCopy();
    }

    /**
     * Parses JSON text.
     *
     * @param json the text
     * @return the value
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static JsonValue parse(String json) {
        try {
            return new JsonValue(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts a Java value (map, list, string, number, boolean, Jackson-annotated object, or {@code null})
     * to JSON.
     *
     * @param value the value
     * @return the value as JSON
     */
    public static JsonValue of(Object value) {
        if (value instanceof JsonValue v) {
            return v;
        }
        if (value instanceof JsonNode n) {
            return new JsonValue(n);
        }
        JsonNode node = value == null ? null : Json.mapper().valueToTree(value);
        return new JsonValue(node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node);
    }

    /**
     * The field of an object.
     *
     * @param field the field name
     * @return the field's value, or empty when this is not an object or has no such field
     */
    public Optional<JsonValue> get(String field) {
        JsonNode child = node.get(field);
        return child == null ? Optional.empty() : Optional.of(new JsonValue(child));
    }

    /**
     * This value as a string, when it is a JSON string.
     *
     * @return the string, or empty
     */
    public Optional<String> asString() {
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /**
     * This value as a number, when it is a JSON number.
     *
     * @return the number, or empty
     */
    public Optional<Number> asNumber() {
        return node.isNumber() ? Optional.of(node.numberValue()) : Optional.empty();
    }

    /**
     * Whether this is JSON {@code null} (or absent).
     *
     * @return true for null
     */
    public boolean isNull() {
        return node.isNull() || node instanceof MissingNode;
    }

    /**
     * Maps this JSON to a Java type with kling4j's Jackson set-up (unknown properties ignored).
     *
     * @param type the target type
     * @param <T> the target type
     * @return the mapped value
     * @throws IllegalArgumentException if the JSON does not fit the type (as Jackson's {@code convertValue});
     *     {@code JobResult.as} and {@code QueueClient.result} turn it into an
     *     {@link dev.kling4j.core.error.UnexpectedResponseException} naming the request
     */
    public <T> T as(Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read JSON as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The compact JSON text.
     *
     * @return the JSON
     */
    public String toJson() {
        return node.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonValue v && v.node.equals(node);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node);
    }

    /** Returns {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson();
    }
}
