package dev.kling4j.examples;

import dev.kling4j.core.VideoResult;
import dev.kling4j.i2v.ImageToVideo;
import dev.kling4j.i2v.ImageToVideoRequest;

/**
 * The product spec's first use case: a character walking, from one image; pro image-to-video, 10 s, with
 * audio. On fal, set {@code KLING_CHARACTER} to the character's image (a file or URL).
 */
public final class CharacterWalk {
    private CharacterWalk() {}

    /**
     * Runs the example.
     *
     * @param backend fal or the emulator
     * @return the result
     */
    public static VideoResult run(Backend backend) {
        // tag::image-to-video[]
        ImageToVideoRequest walk = ImageToVideoRequest.builder()
                .image(backend.image("KLING_CHARACTER", 768, 1024))
                .prompt("The character walks forward, arms swinging, the camera tracking alongside")
                .duration(10)
                .audio(true)
                .build();
        // end::image-to-video[]
        return backend.generate(ImageToVideo.PRO, walk, "character-walk.mp4");
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
