package dev.kling4j.core.pricing;

import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seconds a video-to-video request is billed for when no duration is asked: the source video's length.
 *
 * <p>Read from the MP4/MOV header of a local file or bytes; a remote URL's length is not known before the
 * run, so the estimate then says unknown. fal does not publish how it bills a fraction of a second; kling4j
 * rounds up, so that an estimate never understates.
 */
public final class BilledSeconds {
    private BilledSeconds() {}

    /**
     * The billed seconds of a source video.
     *
     * @param video the {@code video_url} input
     * @return whole seconds rounded up, or empty when the length cannot be read before the run
     */
    public static OptionalInt ofSourceVideo(Media video) {
        Objects.requireNonNull(video, "video");
        Optional<MediaInfo> info;
        try {
            if (video.path().isPresent()) {
                info = MediaInspector.inspect(video.path().get());
            } else if (video.bytes().isPresent()) {
                info = MediaInspector.inspect(video.bytes().get());
            } else {
                return OptionalInt.empty();
            }
        } catch (UncheckedIOException e) {
            return OptionalInt.empty(); // MediaChecks reports the unreadable file with its field path
        }
        return info.flatMap(MediaInfo::duration).map(BilledSeconds::roundUp).orElse(OptionalInt.empty());
    }

    private static OptionalInt roundUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return OptionalInt.of((int) Math.min(seconds, Integer.MAX_VALUE));
    }
}
