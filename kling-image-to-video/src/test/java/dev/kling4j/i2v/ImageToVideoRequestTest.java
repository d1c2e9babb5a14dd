package dev.kling4j.i2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.ShotType;
import dev.kling4j.core.model.Storyboard;
import dev.kling4j.core.model.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An image-to-video request reads back what was set, takes local files as paths, and shows itself. */
class ImageToVideoRequestTest {
    static final Media HERO = Media.url("https://example.com/hero.png");

    @Test
    void everyValueReadsBackThroughItsGetter() {
        Storyboard board = Storyboard.builder()
                .shot(4, "The hero looks up")
                .shot(6, "The hero walks away")
                .build();
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(HERO)
                .endFrame(Media.url("https://example.com/end.png"))
                .storyboard(board)
                .duration(10)
                .audio(true)
                .shotType(ShotType.INTELLIGENT)
                .extraBody("seed", 42)
                .build();

        assertThat(r.image()).isEqualTo(HERO);
        assertThat(r.endFrame()).contains(Media.url("https://example.com/end.png"));
        assertThat(r.storyboard()).contains(board);
        assertThat(r.prompt()).isEmpty();
        assertThat(r.duration()).hasValue(10);
        assertThat(r.audio()).contains(true);
        assertThat(r.shotType()).containsSame(ShotType.INTELLIGENT);
        assertThat(r.extraBody()).containsExactly(java.util.Map.entry("seed", 42));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.validation()).isEqualTo(Validation.STRICT);
        assertThat(r.catalog()).isSameAs(Catalog.standard());
    }

    @Test
    void whatWasNotSetReadsBackEmpty() {
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(HERO)
                .prompt("The hero waves")
                .build();

        assertThat(r.prompt()).contains("The hero waves");
        assertThat(r.endFrame()).isEmpty();
        assertThat(r.storyboard()).isEmpty();
        assertThat(r.duration()).isEmpty();
        assertThat(r.audio()).isEmpty();
        assertThat(r.shotType()).isEmpty();
    }

    @Test
    void localFilesCanBeGivenAsPaths() {
        Path start = Path.of("start.png");
        Path end = Path.of("end.png");

        ImageToVideoRequest byPath = ImageToVideoRequest.builder()
                .image(start)
                .endFrame(end)
                .prompt("x")
                .build();

        assertThat(byPath)
                .isEqualTo(ImageToVideoRequest.builder()
                        .image(Media.file(start))
                        .endFrame(Media.file(end))
                        .prompt("x")
                        .build());
        assertThat(byPath.image().path()).contains(start.toAbsolutePath());
    }

    @Test
    void toStringShowsTheValuesAndTheFileNames() {
        ImageToVideoRequest r = ImageToVideoRequest.builder()
                .image(Path.of("/tmp/shots/hero.png"))
                .prompt("The hero waves")
                .duration(10)
                .audio(true)
                .build();

        assertThat(r)
                .hasToString("ImageToVideoRequest{image_url=/tmp/shots/hero.png, prompt=\"The hero waves\","
                        + " duration=10, generate_audio=true}");
    }

    @Test
    void aLenientRequestKeepsItsModeAndWarningsThroughToBuilder() {
        ImageToVideoRequest twenty = ImageToVideoRequest.builder()
                .image(HERO)
                .prompt("x")
                .duration(20)
                .validation(Validation.LENIENT)
                .build();

        ImageToVideoRequest changed = twenty.toBuilder().prompt("The hero runs").build();

        assertThat(changed.validation()).isEqualTo(Validation.LENIENT);
        assertThat(changed.warnings()).extracting(Problem::field).containsExactly("duration");
        assertThat(changed.duration()).hasValue(20);
        assertThat(ImageToVideo.PRO.toWire(changed, m -> m.url().orElseThrow())).containsEntry("duration", "20");
        assertThatThrownBy(
                        () -> twenty.toBuilder().validation(Validation.STRICT).build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("duration: is 20 s, outside 3–15 s");
    }
}
