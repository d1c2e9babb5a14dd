package dev.kling4j.examples;

import dev.kling4j.core.VideoResult;
import dev.kling4j.core.model.Element;
import dev.kling4j.ref.ReferenceToVideo;
import dev.kling4j.ref.ReferenceToVideoRequest;

/**
 * The product spec's second use case: two characters in one scene before a background; pro
 * reference-to-video, 8 s. On fal, set {@code KLING_KNIGHT}, {@code KLING_KNIGHT_SIDE}, {@code KLING_WIZARD},
 * {@code KLING_WIZARD_SIDE} and {@code KLING_HALL}.
 */
public final class MultiCharacterScene {
    private MultiCharacterScene() {}

    /**
     * Runs the example.
     *
     * @param backend fal or the emulator
     * @return the result
     */
    public static VideoResult run(Backend backend) {
        // tag::reference-to-video[]
        ReferenceToVideoRequest scene = ReferenceToVideoRequest.builder()
                .element(Element.builder()
                        .frontalImage(backend.image("KLING_KNIGHT", 600, 800))
                        .referenceImage(backend.image("KLING_KNIGHT_SIDE", 600, 800))
                        .build())
                .element(Element.builder()
                        .frontalImage(backend.image("KLING_WIZARD", 600, 800))
                        .referenceImage(backend.image("KLING_WIZARD_SIDE", 600, 800))
                        .build())
                .referenceImage(backend.image("KLING_HALL", 1280, 720))
                .prompt("@Element1 bows to @Element2 in the great hall of @Image1, candles flickering")
                .duration(8)
                .build();
        // end::reference-to-video[]
        return backend.generate(ReferenceToVideo.PRO, scene, "multi-character-scene.mp4");
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
