package dev.kling4j.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a request before it goes on the wire: each field by its wire name with a typed value, plus
 * extra body properties sent as they are. Every category's typed request holds one; the endpoint table
 * decides which fields a category takes, and {@link RequestValidator} checks it against the table.
 *
 * <p>Values by field type: {@code String} for prompts and choices, {@code Integer} for durations,
 * {@code Boolean}, {@link dev.kling4j.core.media.Media} for one image or video, {@code List<Media>} for
 * {@code image_urls}, {@link Storyboard} for {@code multi_prompt}, {@code List<Element>} or
 * {@code List<ImageElement>} for {@code elements}. A field that is not set is not sent: fal's defaults
 * apply. Immutable.
 */
public final class VideoInput {
    private final Map<String, Object> fields;
    private final Map<String, Object> extraBody;

    private VideoInput(Builder b) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        this.extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraBody));
    }

    /**
     * Starts an empty input.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this input's fields, to change some of them.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.putAll(fields);
        b.extraBody.putAll(extraBody);
        return b;
    }

    /**
     * The fields set, by wire name, in the order they were set.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * One field's value.
     *
     * @param name the wire name
     * @return the value, or empty when not set
     */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * One field's value, of an expected type.
     *
     * @param name the wire name
     * @param type the expected type
     * @param <T> the type
     * @return the value, or empty when not set or of another type
     */
    public <T> Optional<T> get(String name, Class<T> type) {
        Object v = fields.get(name);
        return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
    }

    /**
     * Body properties kling4j does not model yet, sent as they are (not validated).
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> extraBody() {
        return extraBody;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoInput v && fields.equals(v.fields) && extraBody.equals(v.extraBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, extraBody);
    }

    @Override
    public String toString() {
        return "VideoInput{fields=" + fields + (extraBody.isEmpty() ? "" : ", extraBody=" + extraBody) + "}";
    }

    /** Builds a {@link VideoInput}. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Map<String, Object> extraBody = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets a field by its wire name; {@code null} removes it.
         *
         * @param name the wire name, e.g. {@code end_image_url}
         * @param value the typed value (see the class documentation)
         * @return this builder
         */
        public Builder set(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                fields.remove(name);
            } else {
                fields.put(name, value);
            }
            return this;
        }

        /**
         * Appends an item to a list field (such as {@code elements} or {@code image_urls}), creating it.
         *
         * @param name the wire name of a list field
         * @param item the item
         * @return this builder
         */
        public Builder add(String name, Object item) {
            Objects.requireNonNull(item, "item");
            List<Object> list = new ArrayList<>();
            if (fields.get(name) instanceof List<?> existing) {
                list.addAll(existing);
            }
            list.add(item);
            fields.put(name, List.copyOf(list));
            return this;
        }

        /**
         * Adds a body property kling4j does not model yet; sent as it is: strings, numbers, booleans, lists
         * and maps of those.
         *
         * @param name the property's wire name
         * @param value its value
         * @return this builder
         */
        public Builder extraBody(String name, Object value) {
            extraBody.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the input. Nothing is checked here: see {@link RequestValidator}.
         *
         * @return the input
         */
        public VideoInput build() {
            return new VideoInput(this);
        }
    }
}
