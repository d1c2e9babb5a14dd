package dev.kling4j.core.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The five kinds of Kling O3 endpoint. Each takes its own set of fields; see {@link CategorySpec}. */
public enum Category {
    /** A start image (and optionally an end image) animated by a prompt. */
    IMAGE_TO_VIDEO("image-to-video"),
    /** A video from a prompt alone. */
    TEXT_TO_VIDEO("text-to-video"),
    /** A video from elements (characters, objects), reference images and optional start and end frames. */
    REFERENCE_TO_VIDEO("reference-to-video"),
    /** An edit of a source video ({@code @Video1}) guided by a prompt, images and image elements. */
    VIDEO_TO_VIDEO_EDIT("video-to-video-edit"),
    /** A new video based on a source video's motion and camera, with an optional duration and aspect ratio. */
    VIDEO_TO_VIDEO_REFERENCE("video-to-video-reference");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    /**
     * The category's id as the endpoint table and the CLI write it, e.g. {@code image-to-video}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Finds a category by its id (case-insensitive).
     *
     * @param id an id such as {@code reference-to-video}
     * @return the category, or empty when no category has that id
     */
    public static Optional<Category> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
