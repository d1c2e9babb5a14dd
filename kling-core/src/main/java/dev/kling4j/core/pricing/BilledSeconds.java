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
 * <p>The length is the one {@link dev.kling4j.core.media.MediaChecks} checks: the video track's, read by
 * {@link MediaInspector} from the MP4/MOV structure of a local file or bytes (fragments included; sound running
 * past the picture not counted). fal does not publish how it measures the source or bills a fraction of a
 * second; kling4j rounds up to the next whole second, so that an estimate never understates, and the check
 * compares the same exact length with the limits, so no accepted source is estimated above the longest
 * duration. A remote URL's length is not known before the run, nor is a file's that cannot be read or is
 * {@linkplain MediaInfo#defect() defective} (which the checks refuse): the estimate then says unknown.
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
            return OptionalInt.empty(); // MediaChecks reports the unreadable (or not regular) file with its field path
        }
        return info.filter(i -> i.defect().isEmpty())
                .flatMap(MediaInfo::duration)
                .map(BilledSeconds::roundUp)
                .orElse(OptionalInt.empty());
    }

    private static OptionalInt roundUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return OptionalInt.of((int) Math.min(seconds, Integer.MAX_VALUE));
    }
}
