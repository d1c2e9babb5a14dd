package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.core.model.RequestBuilder;
import dev.kling4j.core.model.VideoInput;
import dev.kling4j.core.model.VideoRequest;

/**
 * What the two video-to-video builders share: the source video, image elements, reference images and
 * whether to keep the source audio.
 *
 * @param <B> the concrete builder
 * @param <R> the request it builds
 */
public abstract class VideoToVideoBuilder<B extends VideoToVideoBuilder<B, R>, R extends VideoRequest>
        extends RequestBuilder<B, R> {

    VideoToVideoBuilder(Category category, VideoInput from) {
        super(category, from);
    }

    /**
     * Sets the source video ({@code video_url}, {@code @Video1} in the prompt); required.
     *
     * @param video a URL or a local .mp4/.mov, 3–15 s, 720–3840 px a side, at most 200 MB
     * @return this builder
     */
    public B video(Media video) {
        return set("video_url", video);
    }

    /**
     * Adds an image element; the first is {@code @Element1} in the prompt.
     *
     * @param element the element
     * @return this builder
     */
    public B element(ImageElement element) {
        return add("elements", element);
    }

    /**
     * Adds a reference image ({@code image_urls}); the first is {@code @Image1} in the prompt.
     *
     * @param image the image
     * @return this builder
     */
    public B referenceImage(Media image) {
        return add("image_urls", image);
    }

    /**
     * Keeps or drops the source video's audio ({@code keep_audio}; fal keeps it by default).
     *
     * @param keepAudio false to drop it
     * @return this builder
     */
    public B keepAudio(boolean keepAudio) {
        return set("keep_audio", keepAudio);
    }
}
