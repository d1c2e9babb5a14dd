package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.HasElements;
import dev.kling4j.core.model.HasReferenceImages;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.core.model.RequestBuilder;
import dev.kling4j.core.model.ValidatedInput;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the two video-to-video builders share: the source video, image elements, reference images and
 * whether to keep the source audio.
 *
 * @param <B> the concrete builder
 * @param <R> the request it builds
 */
public abstract class VideoToVideoBuilder<B extends VideoToVideoBuilder<B, R>, R extends VideoToVideoRequest>
        extends RequestBuilder<B, R> implements HasElements.Setter<B, ImageElement>, HasReferenceImages.Setter<B> {

    VideoToVideoBuilder(Category category, Function<ValidatedInput, R> create, R from) {
        super(category, create, from);
    }

    /**
     * Sets the source video ({@code video_url}, {@code @Video1} in the prompt); required.
     *
     * @param video a URL or a local .mp4/.mov, 3–15 s, 720–3840 px a side, at most 200 MB
     * @return this builder
     */
    public final B video(Media video) {
        return set("video_url", Objects.requireNonNull(video, "video"));
    }

    /**
     * Sets a local source video, uploaded when the request runs.
     *
     * @param video the .mp4 or .mov file
     * @return this builder
     */
    public final B video(Path video) {
        return video(Media.file(video));
    }

    /**
     * Keeps or drops the source video's audio ({@code keep_audio}; fal keeps it by default).
     *
     * @param keepAudio false to drop it
     * @return this builder
     */
    public final B keepAudio(boolean keepAudio) {
        return set("keep_audio", keepAudio);
    }
}
