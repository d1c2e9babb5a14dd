package dev.kling4j.core.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of {@code @}-reference a prompt can make: {@code @Element1}, {@code @Image1}, {@code @Video1}. */
public enum ReferenceKind {
    /** {@code @ElementN}: {@code elements[N-1]}. */
    ELEMENT("Element", "elements"),
    /** {@code @ImageN}: {@code image_urls[N-1]}. */
    IMAGE("Image", "image_urls"),
    /** {@code @Video1}: the source video of a video-to-video request. */
    VIDEO("Video", "video_url");

    private final String word;
    private final String field;

    ReferenceKind(String word, String field) {
        this.word = word;
        this.field = field;
    }

    /**
     * The word written after {@code @} in a prompt, e.g. {@code Element}.
     *
     * @return the word, capitalised as fal expects it
     */
    public String word() {
        return word;
    }

    /**
     * The input field the reference points into, e.g. {@code elements}.
     *
     * @return the wire name of the field
     */
    public String field() {
        return field;
    }

    /**
     * Finds a kind by the word written after {@code @}, exactly as fal expects it.
     *
     * @param word e.g. {@code Image}
     * @return the kind, or empty for any other spelling
     */
    public static Optional<ReferenceKind> fromWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
    }
}
