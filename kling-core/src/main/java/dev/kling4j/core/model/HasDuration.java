package dev.kling4j.core.model;

import java.util.OptionalInt;

/**
 * A request that takes a duration ({@code duration}): image-, text- and reference-to-video, and
 * video-to-video reference.
 */
public interface HasDuration extends VideoRequest {

    /**
     * The requested duration.
     *
     * @return seconds, or empty for fal's default (5 s; on video-to-video reference, the source video's length)
     */
    default OptionalInt duration() {
        return input().get("duration", Integer.class).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * The setter of the builders of such requests.
     *
     * @param <B> the builder
     */
    interface Setter<B> extends FieldSetter<B> {

        /**
         * Sets the duration ({@code duration}, sent as a string). Without it fal makes 5 s, or on
         * video-to-video reference follows (and bills) the source video.
         *
         * @param seconds 3 to 15 in the shipped table
         * @return this builder
         */
        default B duration(int seconds) {
            return set("duration", seconds);
        }
    }
}
