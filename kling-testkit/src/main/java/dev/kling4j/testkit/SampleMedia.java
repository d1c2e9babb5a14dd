package dev.kling4j.testkit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * Small valid media files for tests and demos: real PNG and JPEG images drawn by the JDK, and real MP4
 * videos (H.264 at 24 fps of a still, flat colour: a few kilobytes; see {@link TestVideo} for videos with
 * text, motion and sound) of a given duration and size.
 *
 * <pre>{@code
 * Path hero = SampleMedia.writePng(dir.resolve("hero.png"), 800, 600);
 * Path clip = SampleMedia.writeMp4(dir.resolve("clip.mp4"), Duration.ofSeconds(6), 1280, 720);
 * }</pre>
 */
public final class SampleMedia {
    private SampleMedia() {}

    /**
     * A PNG image: a two-colour picture of the given size.
     *
     * @param width pixels
     * @param height pixels
     * @return the file's bytes
     */
    public static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    /**
     * A JPEG image of the given size.
     *
     * @param width pixels
     * @param height pixels
     * @return the file's bytes
     */
    public static byte[] jpeg(int width, int height) {
        return image("jpg", width, height);
    }

    /**
     * A real MP4 video of the given duration and size: H.264 at 24 fps, a still, flat colour.
     *
     * @param duration the duration, at least 1 ms (millisecond precision: the last frame is cut to fit)
     * @param width pixels, even
     * @param height pixels, even
     * @return the file's bytes
     * @throws IllegalArgumentException when the duration is not positive or a side is odd
     */
    public static byte[] mp4(Duration duration, int width, int height) {
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("duration must be at least 1 ms, was " + duration);
        }
        return TestVideo.plain(width, height, duration.toMillis()).toByteArray();
    }

    /**
     * Writes a PNG image to a file.
     *
     * @param file the file to write (replaced)
     * @param width pixels
     * @param height pixels
     * @return the file
     */
    public static Path writePng(Path file, int width, int height) {
        return write(file, png(width, height));
    }

    /**
     * Writes a JPEG image to a file.
     *
     * @param file the file to write (replaced)
     * @param width pixels
     * @param height pixels
     * @return the file
     */
    public static Path writeJpeg(Path file, int width, int height) {
        return write(file, jpeg(width, height));
    }

    /**
     * Writes an MP4 to a file.
     *
     * @param file the file to write (replaced)
     * @param duration its duration
     * @param width pixels
     * @param height pixels
     * @return the file
     */
    public static Path writeMp4(Path file, Duration duration, int width, int height) {
        return write(file, mp4(duration, width, height));
    }

    private static byte[] image(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(0x2b6cb0));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xf6ad55));
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("the JDK has no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
