package dev.kling4j.examples;

import dev.kling4j.core.VideoResult;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.v2v.VideoReference;
import dev.kling4j.v2v.VideoReferenceRequest;
import java.time.Duration;

/**
 * The product spec's third use case: a dancer repainted in watercolor, moving like a source video; pro
 * video-to-video reference with one element. On fal, set {@code KLING_DANCE} (the source video),
 * {@code KLING_WATERCOLOR} and {@code KLING_DANCER}.
 */
public final class StyleTransfer {
    private StyleTransfer() {}

    /**
     * Runs the example.
     *
     * @param backend fal or the emulator
     * @return the result
     */
    public static VideoResult run(Backend backend) {
        // tag::video-reference[]
        VideoReferenceRequest watercolor = VideoReferenceRequest.builder()
                .video(backend.video("KLING_DANCE", Duration.ofSeconds(6)))
                .referenceImage(backend.image("KLING_WATERCOLOR", 1024, 1024))
                .element(ImageElement.of(backend.image("KLING_DANCER", 600, 900)))
                .prompt("Based on @Video1, @Element1 dances, painted in the watercolor style of @Image1")
                .build();
        // end::video-reference[]
        return backend.generate(VideoReference.PRO, watercolor, "style-transfer.mp4");
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
