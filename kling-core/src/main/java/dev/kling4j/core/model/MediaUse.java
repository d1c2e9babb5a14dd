package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaRole;
import java.util.Objects;

/**
 * One place a request uses a media input: which media, as an image or a video, at which field path.
 *
 * @param media the media
 * @param role whether the field takes an image or a video
 * @param field the field path, e.g. {@code elements[0].frontal_image_url}
 */
public record MediaUse(Media media, MediaRole role, String field) {

    /**
     * Validates the components.
     *
     * @param media the media
     * @param role whether the field takes an image or a video
     * @param field the field path, e.g. {@code elements[0].frontal_image_url}
     */
    public MediaUse {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(field, "field");
    }
}
