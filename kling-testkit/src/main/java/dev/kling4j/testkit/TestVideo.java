package dev.kling4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real, playable test video, as the emulator returns for every job: H.264 (Constrained Baseline) in MP4 at
 * 24 fps, showing captions, a prompt (or a storyboard's current shot and its number), a running time code
 * and a progress bar; with a silent AAC-LC track when asked. ffmpeg, browsers and players decode it, and the
 * decoded pixels are exactly the rendered ones.
 *
 * <p>Cheap by construction: only what changes from one frame to the next is coded (the time code's last
 * digits and the bar's edge), so a 15-second 4k video renders in a fraction of a second and weighs a few
 * megabytes. Its exact size is known from its layout alone ({@link #fileSize()}), before a pixel is drawn.
 *
 * <pre>{@code
 * TestVideo video = TestVideo.builder(1280, 720, Duration.ofSeconds(5))
 *         .caption("my pipeline test").prompt("A red fox runs through fresh snow").audio(true).build();
 * Path file = video.write(dir.resolve("fox.mp4"));
 * }</pre>
 *
 * <p>Text is drawn with the JDK's logical {@code Monospaced} font (Java2D; {@code java.awt.headless} is set
 * to {@code true} unless the application set it); on a JDK with no font at all the frames carry no text.
 * Immutable and thread-safe; each write renders anew.
 */
public final class TestVideo {
    private static final int MAX_SIDE = 8192;
    private static final Duration MAX_DURATION = Duration.ofHours(1);

    /** Layouts by {@link Scene#layoutKey()}: jobs alike (the emulator's many jobs) are laid out once. */
    private static final Map<List<Object>, Layout> LAYOUTS =
            Collections.synchronizedMap(new LinkedHashMap<List<Object>, Layout>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Layout> eldest) {
                    return size() > 256;
                }
            });
    /** Layouts of longer videos are not kept (each holds four bytes per frame). */
    private static final int MAX_CACHED_FRAMES = 24 * 60;

    /** Each sample's size (never changed once made) and the file's. */
    private record Layout(int[] sampleSizes, long fileSize) {}

    private final Scene scene;
    private final H264 h264;
    private final long durationMillis;
    private final int audioFrames;
    private final int[] sampleSizes;
    private final long fileSize;

    private TestVideo(Scene scene, long durationMillis, boolean audio) {
        this.scene = scene;
        this.h264 = new H264(scene.width, scene.height);
        this.durationMillis = durationMillis;
        this.audioFrames = audio ? Mp4.audioFrames(durationMillis) : 0;
        List<Integer> sceneKey = scene.frames <= MAX_CACHED_FRAMES ? scene.layoutKey() : null;
        List<Object> key = sceneKey == null ? null : List.of(sceneKey, durationMillis, audioFrames);
        Layout layout = key == null ? null : LAYOUTS.get(key);
        if (layout == null) {
            int[] sizes = layOut();
            long size = Mp4.headerLength(
                            scene.width, scene.height, durationMillis, sizes, h264.sps(), h264.pps(), audioFrames)
                    + (long) audioFrames * Aac.frameBytes();
            for (int s : sizes) {
                size += s;
            }
            layout = new Layout(sizes, size);
            if (key != null) {
                LAYOUTS.put(key, layout);
            }
        }
        this.sampleSizes = layout.sampleSizes();
        this.fileSize = layout.fileSize();
    }

    /** A sample input video: flat colour and the progress bar, no text (so no font is loaded). */
    static TestVideo plain(int width, int height, long durationMillis) {
        return new TestVideo(Scene.plain(width, height, Mp4.frames(durationMillis)), durationMillis, false);
    }

    /**
     * Starts a video of the given size and length.
     *
     * @param width pixels, even, 16 to 8192
     * @param height pixels, even, 16 to 8192
     * @param duration from 1 ms to 1 hour; the last frame is cut to end on the millisecond
     * @return a builder
     */
    public static Builder builder(int width, int height, Duration duration) {
        return new Builder(width, height, duration);
    }

    /**
     * The width.
     *
     * @return pixels
     */
    public int width() {
        return scene.width;
    }

    /**
     * The height.
     *
     * @return pixels
     */
    public int height() {
        return scene.height;
    }

    /**
     * The duration, as the container states it.
     *
     * @return millisecond precision
     */
    public Duration duration() {
        return Duration.ofMillis(durationMillis);
    }

    /**
     * The number of frames: every started 1/24 s of the duration.
     *
     * @return at least 1
     */
    public int frameCount() {
        return sampleSizes.length;
    }

    /**
     * Whether the file has an audio track (silent AAC-LC, mono, 48 kHz).
     *
     * @return true when built with {@code audio(true)}
     */
    public boolean hasAudio() {
        return audioFrames > 0;
    }

    /**
     * The exact size of the file, known without rendering it.
     *
     * @return bytes
     */
    public long fileSize() {
        return fileSize;
    }

    /**
     * Renders the video to a stream.
     *
     * @param out where; not closed
     * @throws IOException when writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(header());
        byte[] silence = Aac.silence();
        for (int i = 0; i < audioFrames; i++) {
            out.write(silence);
        }
        Glyphs glyphs = new Glyphs();
        int[] rgb = new int[H264.MB * H264.MB];
        int[] frame = new int[1];
        H264.Samples samples = (mbx, mby, yuv) -> {
            scene.rgb(frame[0], mbx, mby, glyphs, rgb);
            Scene.toYuv(rgb, yuv);
        };
        Bits bits = Bits.writer(64 * 1024);
        Scene.Macroblocks changed = new Scene.Macroblocks();
        for (int f = 0; f < sampleSizes.length; f++) {
            frame[0] = f;
            encode(f, changed, samples, bits);
            byte[] nal = H264.nal(bits);
            if (Mp4.NAL_LENGTH_BYTES + nal.length != sampleSizes[f]) {
                throw new IllegalStateException("frame " + f + " came out at " + (Mp4.NAL_LENGTH_BYTES + nal.length)
                        + " bytes where its layout counted " + sampleSizes[f] + " (a bug in kling-testkit)");
            }
            out.write(ByteBuffer.allocate(4).putInt(nal.length).array());
            out.write(nal);
        }
    }

    /**
     * Renders the video to a file.
     *
     * @param file the file (replaced)
     * @return the file
     * @throws UncheckedIOException when it cannot be written
     */
    public Path write(Path file) {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Renders the video in memory.
     *
     * @return the file's bytes
     */
    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, fileSize));
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The scene, for the tests' decoder to compare with. */
    Scene scene() {
        return scene;
    }

    /** Each sample's size, counted by running the encoder without pixels. */
    private int[] layOut() {
        int[] sizes = new int[Mp4.frames(durationMillis)];
        Bits counter = Bits.counter();
        Scene.Macroblocks changed = new Scene.Macroblocks();
        for (int f = 0; f < sizes.length; f++) {
            encode(f, changed, null, counter);
            sizes[f] = Mp4.NAL_LENGTH_BYTES + counter.byteCount();
        }
        return sizes;
    }

    private void encode(int f, Scene.Macroblocks changed, H264.Samples samples, Bits out) {
        out.reset();
        if (f == 0) {
            BitSet pcm = new BitSet(h264.mbs);
            scene.idrMacroblocks(pcm);
            h264.idr(pcm, samples, out);
        } else {
            scene.changedMacroblocks(f, changed);
            h264.p(f, changed.addresses, changed.count, samples, out);
        }
    }

    private byte[] header() {
        return Mp4.header(scene.width, scene.height, durationMillis, sampleSizes, h264.sps(), h264.pps(), audioFrames);
    }

    /** Builds a {@link TestVideo}. Not thread-safe. */
    public static final class Builder {
        private final int width;
        private final int height;
        private final Duration duration;
        private final List<String> captions = new ArrayList<>();
        private String prompt;
        private final List<String> shotPrompts = new ArrayList<>();
        private final List<Duration> shotLengths = new ArrayList<>();
        private boolean audio;

        private Builder(int width, int height, Duration duration) {
            this.width = width;
            this.height = height;
            this.duration = Objects.requireNonNull(duration, "duration");
        }

        /**
         * Adds a small line at the top (wrapped to the width), e.g. a model or a request id.
         *
         * @param line the text
         * @return this
         */
        public Builder caption(String line) {
            captions.add(Objects.requireNonNull(line, "caption"));
            return this;
        }

        /**
         * The prompt, shown in large type for the whole video (at most about 300 characters, then "...").
         *
         * @param prompt the text
         * @return this
         */
        public Builder prompt(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /**
         * Adds a storyboard shot: its prompt is shown, with "shot n/N", from the end of the previous shot for
         * {@code length} (the last shot lasts to the end).
         *
         * @param prompt the shot's prompt
         * @param length how long it lasts, more than zero
         * @return this
         */
        public Builder shot(String prompt, Duration length) {
            Objects.requireNonNull(length, "length");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("shot length must be more than zero, was " + length);
            }
            shotPrompts.add(Objects.requireNonNull(prompt, "prompt"));
            shotLengths.add(length);
            return this;
        }

        /**
         * Whether to add a silent AAC-LC audio track. Default: none.
         *
         * @param audio true for a track
         * @return this
         */
        public Builder audio(boolean audio) {
            this.audio = audio;
            return this;
        }

        /**
         * Lays the video out (cheap: no pixel is drawn until it is written).
         *
         * @return the video
         * @throws IllegalArgumentException when the size or duration is out of range, or both a prompt and
         *     shots were given
         */
        public TestVideo build() {
            List<String> problems = new ArrayList<>();
            for (int[] side : new int[][] {{width, 'w'}, {height, 'h'}}) {
                String name = side[1] == 'w' ? "width" : "height";
                if (side[0] < 16 || side[0] > MAX_SIDE || side[0] % 2 != 0) {
                    problems.add(name + " must be even and from 16 to " + MAX_SIDE + " (H.264 4:2:0), was " + side[0]);
                }
            }
            if (duration.toMillis() < 1 || duration.compareTo(MAX_DURATION) > 0) {
                problems.add("duration must be from 1 ms to 1 hour, was " + duration);
            }
            if (prompt != null && !shotPrompts.isEmpty()) {
                problems.add("prompt and shot are exclusive: give one prompt, or the storyboard's shots");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid test video: " + String.join("; ", problems));
            }
            long millis = duration.toMillis();
            int frames = Mp4.frames(millis);
            List<Scene.Shot> shots = new ArrayList<>();
            if (shotPrompts.isEmpty()) {
                shots.add(new Scene.Shot(prompt == null ? "" : prompt, 0));
            } else {
                long startMillis = 0;
                for (int i = 0; i < shotPrompts.size(); i++) {
                    shots.add(
                            new Scene.Shot(shotPrompts.get(i), (int) Math.min(frames, startMillis * H264.FPS / 1000)));
                    startMillis += shotLengths.get(i).toMillis();
                }
            }
            return new TestVideo(
                    Scene.of(width, height, frames, captions, shots, !shotPrompts.isEmpty()), millis, audio);
        }
    }
}
