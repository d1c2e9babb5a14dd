package dev.kling4j.core.catalog;

/** What kind of value an input field holds on the wire. */
public enum FieldType {
    /** A text prompt; may contain {@code @Element1}-style references. */
    PROMPT,
    /** {@code multi_prompt}: a list of shots, each {@code {prompt, duration}}. */
    SHOTS,
    /** One image URL (a local file is uploaded first). */
    IMAGE,
    /** A list of image URLs, referred to as {@code @Image1}, {@code @Image2}, … */
    IMAGE_LIST,
    /** One video URL, referred to as {@code @Video1}. */
    VIDEO,
    /** A duration in whole seconds, sent as a string. */
    DURATION,
    /** A boolean. */
    BOOLEAN,
    /** One string out of a fixed list. */
    ENUM,
    /** Full elements: frontal image, reference images, optional video and voice. */
    ELEMENTS,
    /** Image-only elements: frontal image and reference images. */
    IMAGE_ELEMENTS
}
