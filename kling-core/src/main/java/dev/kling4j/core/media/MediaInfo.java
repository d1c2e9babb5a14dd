package dev.kling4j.core.media;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a file's header says: its format, its width and height (as displayed: a video track turned a quarter by
 * its matrix reports its turned size), and for a video its video track's length, frame count, frame rate and
 * codec; or why the file cannot be a complete image or video ({@link #defect()}).
 *
 * <p>A video's length is its video track's: the sum of its frames' durations (in a fragmented file, those of
 * every fragment), not the container's, which also covers the sound. It is never shorter than the track: a
 * fraction of a nanosecond is rounded up.
 */
public final class MediaInfo {
    private final MediaFormat format;
    private final int width;
    private final int height;
    private final Duration duration;
    private final long frames;
    private final double frameRate;
    private final String codec;
    private final Defect defect;

    private MediaInfo(
            MediaFormat format, int width, int height, Duration duration, long frames, String codec, Defect defect) {
        this.format = Objects.requireNonNull(format, "format");
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.duration = duration;
        this.frames = frames;
        this.frameRate = duration == null || frames <= 0 || duration.isZero()
                ? Double.NaN
                : frames / (duration.getSeconds() + duration.getNano() / 1e9);
        this.codec = codec;
        this.defect = defect;
    }

    /** An image of a known size. */
    static MediaInfo image(MediaFormat format, int width, int height) {
        return new MediaInfo(format, width, height, null, -1, null, null);
    }

    /** A video whose video track has {@code frames} frames lasting {@code duration} in all. */
    static MediaInfo video(MediaFormat format, int width, int height, Duration duration, long frames, String codec) {
        return new MediaInfo(format, width, height, duration, frames, codec, null);
    }

    /** A file of a recognised format that cannot be a complete image or video. */
    static MediaInfo defective(MediaFormat format, Defect defect) {
        return new MediaInfo(format, 0, 0, null, -1, null, Objects.requireNonNull(defect, "defect"));
    }

    /** The same reading, refused for a defect found after the size was read. */
    MediaInfo withDefect(Defect d) {
        return new MediaInfo(format, width, height, duration, frames, codec, Objects.requireNonNull(d, "defect"));
    }

    /**
     * The format recognised from the header (not from the file name).
     *
     * @return the format
     */
    public MediaFormat format() {
        return format;
    }

    /**
     * Whether the header gave a width and height.
     *
     * @return true when {@link #width()} and {@link #height()} are known
     */
    public boolean hasSize() {
        return width > 0 && height > 0;
    }

    /**
     * The width in pixels, as displayed.
     *
     * @return the width, or 0 when the header did not give one
     */
    public int width() {
        return width;
    }

    /**
     * The height in pixels, as displayed.
     *
     * @return the height, or 0 when the header did not give one
     */
    public int height() {
        return height;
    }

    /**
     * A video's length: its video track's, from its sample tables and fragments, rounded up to the nanosecond.
     *
     * @return the length, or empty for images and for videos that are {@linkplain #defect() defective}
     */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /**
     * How many frames the video track holds.
     *
     * @return the frame count, or empty for images and defective videos
     */
    public OptionalLong frameCount() {
        return frames > 0 ? OptionalLong.of(frames) : OptionalLong.empty();
    }

    /**
     * A video's frame rate: its video track's frames divided by its length (the average of a variable rate),
     * e.g. 29.97 for an NTSC clip.
     *
     * @return frames per second, or empty for images and defective videos
     */
    public OptionalDouble frameRate() {
        return Double.isNaN(frameRate) ? OptionalDouble.empty() : OptionalDouble.of(frameRate);
    }

    /**
     * A video's codec: the four-character code of its video track's sample entry, such as {@code avc1} (H.264),
     * {@code hvc1} or {@code hev1} (HEVC), {@code av01} (AV1), {@code vp09}, {@code mp4v} (MPEG-4 part 2),
     * {@code apcn} and the other ProRes codes, {@code jpeg}. Reported, not judged: whether fal decodes a codec is
     * not known before the run.
     *
     * @return the code, or empty for images and for videos whose track has no sample entry
     */
    public Optional<String> codec() {
        return Optional.ofNullable(codec);
    }

    /**
     * Why the file cannot be a complete image or video of its format: cut short, no video track, no frames, or a
     * variant that standard decoders refuse. {@link MediaChecks} refuses such a file.
     *
     * @return the defect, or empty when the file looks whole
     */
    public Optional<Defect> defect() {
        return Optional.ofNullable(defect);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MediaInfo)) {
            return false;
        }
        MediaInfo m = (MediaInfo) o;
        return format == m.format
                && width == m.width
                && height == m.height
                && frames == m.frames
                && Objects.equals(duration, m.duration)
                && Objects.equals(codec, m.codec)
                && Objects.equals(defect, m.defect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, width, height, duration, frames, codec, defect);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append(format)
                .append(' ')
                .append(width)
                .append('x')
                .append(height);
        if (codec != null) {
            s.append(' ').append(codec);
        }
        if (duration != null) {
            s.append(' ').append(duration.toMillis()).append(" ms");
        }
        if (!Double.isNaN(frameRate)) {
            s.append(' ').append(String.format(Locale.ROOT, "%.3f", frameRate)).append(" fps");
        }
        if (defect != null) {
            s.append(" (").append(defect.message()).append(')');
        }
        return s.toString();
    }

    /**
     * Why a file cannot be a complete image or video, and what to do about it.
     *
     * @param message what is wrong, as it follows the file's name, e.g. {@code is cut short: …}
     * @param fix how to fix it
     */
    public record Defect(String message, String fix) {

        /**
         * Checks the components.
         *
         * @param message what is wrong, as it follows the file's name
         * @param fix how to fix it
         */
        public Defect {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(fix, "fix");
        }
    }
}
