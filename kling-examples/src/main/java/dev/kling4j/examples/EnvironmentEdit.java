package dev.kling4j.examples;

import dev.kling4j.core.VideoResult;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.v2v.VideoEdit;
import dev.kling4j.v2v.VideoEditRequest;
import java.time.Duration;

/**
 * The product spec's fourth use case: a street turned snowy, with a polar bear walking through; pro
 * video-to-video edit. On fal, set {@code KLING_STREET} (the source video), {@code KLING_SNOW} and
 * {@code KLING_POLAR_BEAR}.
 */
public final class EnvironmentEdit {
    private EnvironmentEdit() {}

    /**
     * Runs the example.
     *
     * @param backend fal or the emulator
     * @return the result
     */
    public static VideoResult run(Backend backend) {
        // tag::video-edit[]
        VideoEditRequest snow = VideoEditRequest.builder()
                .video(backend.video("KLING_STREET", Duration.ofSeconds(5)))
                .referenceImage(backend.image("KLING_SNOW", 1280, 720))
                .element(ImageElement.of(backend.image("KLING_POLAR_BEAR", 800, 600)))
                .prompt("Turn @Video1 into a snowy scene like @Image1 and add @Element1 walking across")
                .build();
        // end::video-edit[]
        return backend.generate(VideoEdit.PRO, snow, "environment-edit.mp4");
    }

    /**
     * Runs it on fal with {@code FAL_KEY}, else on the emulator.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (Backend backend = Backend.fromEnv(System.getenv(), System.out)) {
            run(backend);
        }
    }
}
