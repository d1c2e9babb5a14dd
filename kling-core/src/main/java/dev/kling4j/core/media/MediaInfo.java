package dev.kling4j.core.media;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file's header says: its format, its width and height (as displayed: a video track rotated by 90°
 * reports its turned size), and for a video its duration.
 */
public final class MediaInfo {
    private final MediaFormat format;
    private final int width;
    private final int height;
    private final Duration duration;

    MediaInfo(MediaFormat format, int width, int height, Duration duration) {
        this.format = Objects.requireNonNull(format, "format");
        this.width = width;
        this.height = height;
        this.duration = duration;
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
     * The width in pixels.
     *
     * @return the width, or 0 when the header did not give one
     */
    public int width() {
        return width;
    }

    /**
     * The height in pixels.
     *
     * @return the height, or 0 when the header did not give one
     */
    public int height() {
        return height;
    }

    /**
     * A video's duration, from its movie header.
     *
     * @return the duration, or empty for images and for videos whose header does not give it (fragmented MP4)
     */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MediaInfo)) {
            return false;
        }
        MediaInfo m = (MediaInfo) o;
        return format == m.format && width == m.width && height == m.height && Objects.equals(duration, m.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, width, height, duration);
    }

    @Override
    public String toString() {
        return format + " " + width + "x" + height + (duration == null ? "" : " " + duration.toMillis() + " ms");
    }
}
