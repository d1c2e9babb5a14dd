package dev.kling4j.core.model;

import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.media.Media;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * What a client needs of a validated request to run it: the endpoint, the media it uses, its wire body,
 * and what the bill depends on. Models produce it ({@link BaseVideoModel#input}); users rarely implement it.
 */
public interface GenerationInput {

    /**
     * The endpoint the request is for.
     *
     * @return the endpoint
     */
    EndpointSpec endpoint();

    /**
     * Every place the request uses a media input, in field order (the same media may appear twice).
     *
     * @return the uses
     */
    List<MediaUse> media();

    /**
     * The exact JSON body fal receives, as maps, lists, strings, numbers and booleans.
     *
     * @param urlOf the URL to send for each media: as given for URLs and data URIs, the uploaded URL for
     *     files and bytes
     * @return the body
     */
    Map<String, Object> toWire(Function<Media, String> urlOf);

    /**
     * The seconds fal will bill, when known before the run: the requested duration, or the length of a
     * local source video.
     *
     * @return the seconds, or empty when only the run will tell
     */
    OptionalInt billedSeconds();

    /**
     * Whether the request asks for generated audio (the audio price tier).
     *
     * @return true when {@code generate_audio} is on
     */
    boolean audio();

    /**
     * Whether an element carries a video, which moves the job into Kling's video-input price tier.
     *
     * @return true when an element of a reference-to-video request has a {@code video_url}
     */
    boolean videoInput();
}
