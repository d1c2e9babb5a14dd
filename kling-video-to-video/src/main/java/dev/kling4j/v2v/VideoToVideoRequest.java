package dev.kling4j.v2v;

import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.AbstractVideoRequest;
import dev.kling4j.core.model.HasElements;
import dev.kling4j.core.model.HasReferenceImages;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.core.model.ValidatedInput;
import java.util.Optional;

/**
 * What the two video-to-video requests share: the source video, image elements, reference images and
 * whether the source audio is kept.
 */
public abstract class VideoToVideoRequest extends AbstractVideoRequest
        implements HasElements<ImageElement>, HasReferenceImages {

    VideoToVideoRequest(ValidatedInput validated) {
        super(validated);
    }

    /**
     * The source video ({@code video_url}, {@code @Video1} in the prompt).
     *
     * @return the video
     */
    public final Media video() {
        return media("video_url").orElseThrow();
    }

    /**
     * Whether the source video's audio is kept ({@code keep_audio}).
     *
     * @return the setting, or empty for fal's default (kept)
     */
    public final Optional<Boolean> keepAudio() {
        return input().get("keep_audio", Boolean.class);
    }
}
