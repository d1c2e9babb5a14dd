package dev.kling4j.ref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.AspectRatio;
import dev.kling4j.core.model.Element;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A reference-to-video request reads back its elements, images and frames, and takes them as paths. */
class ReferenceToVideoRequestTest {

    @Test
    void elementsImagesAndFramesReadBackInOrder() {
        Element knight = Element.builder()
                .frontalImage(Media.url("https://example.com/knight.png"))
                .referenceImage(Media.url("https://example.com/knight-side.png"))
                .build();
        Element wizard = Element.builder()
                .video(Media.url("https://example.com/wizard.mp4"))
                .build();
        ReferenceToVideoRequest r = ReferenceToVideoRequest.builder()
                .element(knight)
                .element(wizard)
                .referenceImage(Media.url("https://example.com/hall.png"))
                .startFrame(Media.url("https://example.com/first.png"))
                .endFrame(Media.url("https://example.com/last.png"))
                .aspectRatio(AspectRatio.SQUARE_1_1)
                .prompt("@Element1 bows to @Element2 in @Image1")
                .build();

        assertThat(r.elements()).containsExactly(knight, wizard);
        assertThat(r.referenceImages()).containsExactly(Media.url("https://example.com/hall.png"));
        assertThat(r.startFrame()).contains(Media.url("https://example.com/first.png"));
        assertThat(r.endFrame()).contains(Media.url("https://example.com/last.png"));
        assertThat(r.aspectRatio()).containsSame(AspectRatio.SQUARE_1_1);
        assertThat(r.audio()).isEmpty();
    }

    @Test
    void withoutThemTheListsAreEmptyAndTheFramesAbsent() {
        ReferenceToVideoRequest r =
                ReferenceToVideoRequest.builder().prompt("A castle at dawn").build();

        assertThat(r.elements()).isEmpty();
        assertThat(r.referenceImages()).isEmpty();
        assertThat(r.startFrame()).isEmpty();
        assertThat(r.endFrame()).isEmpty();
        assertThat(r.aspectRatio()).isEmpty();
    }

    @Test
    void localFilesCanBeGivenAsPathsAndShowByName() {
        Path dir = Path.of("/tmp/cast");
        ReferenceToVideoRequest r = ReferenceToVideoRequest.builder()
                .element(Element.builder()
                        .frontalImage(dir.resolve("knight.png"))
                        .referenceImage(dir.resolve("side.png"))
                        .build())
                .referenceImage(dir.resolve("hall.png"))
                .startFrame(dir.resolve("first.png"))
                .endFrame(dir.resolve("last.png"))
                .prompt("@Element1 in @Image1")
                .build();

        assertThat(r.referenceImages()).containsExactly(Media.file(dir.resolve("hall.png")));
        assertThat(r.startFrame()).contains(Media.file(dir.resolve("first.png")));
        assertThat(r)
                .hasToString("ReferenceToVideoRequest{elements=[Element{frontal=/tmp/cast/knight.png,"
                        + " references=[/tmp/cast/side.png]}], image_urls=[/tmp/cast/hall.png],"
                        + " start_image_url=/tmp/cast/first.png, end_image_url=/tmp/cast/last.png,"
                        + " prompt=\"@Element1 in @Image1\"}");
    }
}
