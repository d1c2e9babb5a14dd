package dev.kling4j.examples;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.webhook.JwksSource;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.SampleMedia;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where an example runs: on fal with {@code FAL_KEY}, or on an embedded emulator with sample inputs.
 *
 * <p>On fal, each input comes from an environment variable naming a local file or URL (the example says which
 * it needs); on the emulator, valid sample files are made in a temporary directory. Close it to stop the
 * emulator and the client.
 */
public final class Backend implements AutoCloseable {
    private final KlingClient client;
    private final FalEmulator emulator;
    private final Map<String, String> env;
    private final Path work;
    private final PrintStream out;

    private Backend(KlingClient client, FalEmulator emulator, Map<String, String> env, Path work, PrintStream out) {
        this.client = client;
        this.emulator = emulator;
        this.env = env;
        this.work = work;
        this.out = out;
    }

    /**
     * Fal when the environment has a key, otherwise an embedded emulator; says which on {@code out}.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @param out where to report
     * @return the backend
     */
    public static Backend fromEnv(Map<String, String> env, PrintStream out) {
        KlingClient fromEnv = KlingClient.fromEnv(env);
        if (fromEnv.hasCredentials()) {
            out.println("backend: fal.ai (FAL_KEY is set): this costs money");
            return new Backend(fromEnv, null, env, Path.of("."), out);
        }
        fromEnv.close();
        out.println("backend: an embedded offline fal emulator (no FAL_KEY): no key, no cost");
        return emulator(out);
    }

    /**
     * Always the embedded emulator, with sample inputs: what the build's tests use.
     *
     * @param out where to report
     * @return the backend
     */
    public static Backend emulator(PrintStream out) {
        try {
            return emulator(out, Files.createTempDirectory("kling4j-example"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The embedded emulator, writing sample inputs and videos into a directory of the caller's (a test's
     * temporary directory, which the test framework deletes).
     *
     * @param out where to report
     * @param work where inputs and videos go
     * @return the backend
     */
    public static Backend emulator(PrintStream out, Path work) {
        FalEmulator emulator = FalEmulator.start();
        return new Backend(emulator.newClient(), emulator, Map.of(), Objects.requireNonNull(work, "work"), out);
    }

    /**
     * The client to generate with.
     *
     * @return the client
     */
    public KlingClient client() {
        return client;
    }

    /**
     * Whether this runs on the emulator.
     *
     * @return true on the emulator
     */
    public boolean isEmulator() {
        return emulator != null;
    }

    /**
     * Where examples write their videos.
     *
     * @return a directory
     */
    public Path outputDir() {
        return work;
    }

    /**
     * Prints a line of the example's report.
     *
     * @param line the line
     */
    public void say(String line) {
        out.println(line);
    }

    /**
     * An input image: on fal the file or URL in environment variable {@code variable}; on the emulator a
     * sample PNG of the given size.
     *
     * @param variable e.g. {@code KLING_CHARACTER}
     * @param width sample width
     * @param height sample height
     * @return the media
     * @throws IllegalStateException on fal when the variable is not set
     */
    public Media image(String variable, int width, int height) {
        if (isEmulator()) {
            return Media.file(SampleMedia.writePng(work.resolve(variable.toLowerCase() + ".png"), width, height));
        }
        return fromVariable(variable);
    }

    /**
     * An input video: on fal the file or URL in environment variable {@code variable}; on the emulator a
     * sample MP4 of the given length.
     *
     * @param variable e.g. {@code KLING_SOURCE_VIDEO}
     * @param length sample length
     * @return the media
     * @throws IllegalStateException on fal when the variable is not set
     */
    public Media video(String variable, Duration length) {
        if (isEmulator()) {
            return Media.file(SampleMedia.writeMp4(work.resolve(variable.toLowerCase() + ".mp4"), length, 1280, 720));
        }
        return fromVariable(variable);
    }

    /**
     * Prints the estimate, generates, downloads the video into {@link #outputDir()} and prints where.
     *
     * @param model the model
     * @param request the request
     * @param fileName the video's file name
     * @param <R> the model's request type
     * @return the result
     */
    public <R extends VideoRequest> VideoResult generate(BaseVideoModel<R> model, R request, String fileName) {
        say("estimate: " + client.estimate(model, request));
        // tag::generate-and-download[]
        VideoResult result = client.generate(model, request);
        Path video = result.downloadTo(outputDir().resolve(fileName));
        // end::generate-and-download[]
        say("request " + result.requestId() + ": video written to " + video);
        return result;
    }

    /**
     * The JWKS that verifies webhook deliveries: the emulator's, or fal's.
     *
     * @return the URL
     */
    public String jwksUrl() {
        return isEmulator() ? emulator.jwksUrl() : JwksSource.FAL_JWKS_URL;
    }

    private Media fromVariable(String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("set " + variable + " to a local file or an https URL of the input");
        }
        return Media.parse(value);
    }

    @Override
    public void close() {
        client.close();
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public String toString() {
        return "Backend{" + (isEmulator() ? "emulator" : "fal") + ", " + Objects.toString(work) + "}";
    }
}
