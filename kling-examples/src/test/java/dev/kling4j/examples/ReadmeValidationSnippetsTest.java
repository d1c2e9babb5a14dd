package dev.kling4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.AspectRatio;
import dev.kling4j.core.model.Validation;
import dev.kling4j.i2v.ImageToVideoRequest;
import dev.kling4j.t2v.TextToVideo;
import dev.kling4j.t2v.TextToVideoRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's snippets on open values, lenient validation, a newer endpoint table and reading a request back. */
class ReadmeValidationSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void openValues() {
        // tag::open-values[]
        TextToVideoRequest portrait = TextToVideoRequest.builder()
                .prompt("A red fox runs along the shore")
                .aspectRatio(AspectRatio.PORTRAIT_9_16) // or .aspectRatio("9:16")
                .build();
        AspectRatio ratio = portrait.aspectRatio().orElse(AspectRatio.LANDSCAPE_16_9); // fal's default
        boolean portraitMode = ratio.equals(AspectRatio.PORTRAIT_9_16);
        // end::open-values[]
        assertThat(portraitMode).isTrue();
    }

    @Test
    void lenientValidation() {
        // tag::lenient[]
        TextToVideoRequest wide = TextToVideoRequest.builder()
                .prompt("A red fox runs along the shore")
                .aspectRatio("21:9") // not in the endpoint table
                .duration(20) // past its 3–15 s
                .validation(Validation.LENIENT) // sent as they are, with warnings
                .build();
        for (Problem warning : wide.warnings()) {
            System.out.println("warning: " + warning);
        }
        // end::lenient[]
        assertThat(wide.warnings())
                .extracting(Problem::toString)
                .containsExactly(
                        "aspect_ratio: '21:9' is not a choice text-to-video takes; sent as it is (lenient validation)"
                                + " (use one of 16:9, 9:16, 1:1)",
                        "duration: is 20 s, outside 3–15 s; sent as it is (lenient validation)"
                                + " (use a whole number of seconds from 3 to 15)");
        assertThat(TextToVideo.PRO.toWire(wide, m -> m.url().orElseThrow()))
                .containsEntry("aspect_ratio", "21:9")
                .containsEntry("duration", "20");
        assertThat(TextToVideo.PRO
                        .request(Map.of("prompt", "x", "duration", 20), Validation.LENIENT)
                        .warnings())
                .hasSize(1);
    }

    @Test
    void aNewerEndpointTable() throws IOException {
        String shipped;
        try (InputStream in = Catalog.class.getResourceAsStream("kling-o3-endpoints.json")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = Files.writeString(
                dir.resolve("kling-o3-endpoints.json"),
                shipped.replace("\"duration_max\": 15", "\"duration_max\": 20"));
        // tag::endpoint-table[]
        Catalog newer = Catalog.load(file); // a copy of the shipped table, "duration_max": 20
        TextToVideoRequest twenty = TextToVideoRequest.builder()
                .prompt("A red fox runs along the shore")
                .duration(20)
                .catalog(newer) // strict still, against the newer table
                .build();
        // end::endpoint-table[]
        assertThat(twenty.warnings()).isEmpty();
        assertThat(twenty.catalog()).isSameAs(newer);
    }

    @Test
    void readingARequestBack() {
        // tag::read-back[]
        ImageToVideoRequest walk = ImageToVideoRequest.builder()
                .image(Path.of("hero.png")) // a local file, uploaded when the request runs
                .prompt("The hero walks towards the camera")
                .duration(10)
                .build();
        Media start = walk.image();
        int seconds = walk.duration().orElse(5); // empty: fal's default
        System.out.println(
                walk); // ImageToVideoRequest{image_url=/…/hero.png, prompt="The hero walks towards the camera",
        // duration=10}
        // end::read-back[]
        assertThat(start.fileName()).contains("hero.png");
        assertThat(seconds).isEqualTo(10);
        assertThat(walk.toString())
                .startsWith("ImageToVideoRequest{image_url=/")
                .endsWith("hero.png, prompt=\"The hero walks towards the camera\", duration=10}");
        assertThat(walk.storyboard()).isEmpty();
        assertThat(List.of(walk.audio(), walk.endFrame()))
                .allSatisfy(o -> assertThat(o).isEmpty());
    }
}
