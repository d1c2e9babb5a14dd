package dev.kling4j.examples;

import dev.kling4j.core.VideoResult;
import dev.kling4j.core.model.Storyboard;
import dev.kling4j.t2v.TextToVideo;
import dev.kling4j.t2v.TextToVideoRequest;

/** Text-to-video with a two-shot storyboard, vertical, on pro. Needs no input files. */
public final class StoryboardTextToVideo {
    private StoryboardTextToVideo() {}

    /**
     * Runs the example.
     *
     * @param backend fal or the emulator
     * @return the result
     */
    public static VideoResult run(Backend backend) {
        // tag::text-to-video[]
        TextToVideoRequest fox = TextToVideoRequest.builder()
                .storyboard(Storyboard.builder()
                        .shot(3, "A red fox steps out of the forest into fresh snow")
                        .shot(5, "The fox leaps, snow bursting around it, slow motion")
                        .build())
                .duration(8)
                .aspectRatio("9:16")
                .build();
        // end::text-to-video[]
        return backend.generate(TextToVideo.PRO, fox, "storyboard.mp4");
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
