package dev.kling4j.core.model;

/**
 * What every request builder can do with a field of the endpoint table by its wire name: the one hook the
 * typed setters (and the {@code Has….Setter} interfaces) are written on. Use it for a field a table read with
 * {@link dev.kling4j.core.catalog.Catalog#load(java.nio.file.Path)} adds before kling4j has a setter for it;
 * the value is checked on {@code build()} like any other.
 *
 * @param <B> the builder, returned by the setters
 */
public interface FieldSetter<B> {

    /**
     * Sets a field by its wire name; {@code null} removes it.
     *
     * @param field the wire name, e.g. {@code aspect_ratio}
     * @param value the typed value, as {@link VideoInput} describes by field type
     * @return this builder
     */
    B set(String field, Object value);

    /**
     * Appends an item to a list field (such as {@code elements} or {@code image_urls}), creating it.
     *
     * @param field the wire name of a list field
     * @param item the item
     * @return this builder
     */
    B add(String field, Object item);
}
