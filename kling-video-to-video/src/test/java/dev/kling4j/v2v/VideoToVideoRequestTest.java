package dev.kling4j.v2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.AspectRatio;
import dev.kling4j.core.model.ImageElement;
import dev.kling4j.core.model.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Video-to-video requests read back their source, elements, images and settings, and take them as paths. */
class VideoToVideoRequestTest {
    static final Path DIR = Path.of("/tmp/v2v");

    @Test
    void anEditReadsBackItsSourceElementsImagesAndAudio() {
        VideoEditRequest r = VideoEditRequest.builder()
                .video(DIR.resolve("street.mp4"))
                .referenceImage(DIR.resolve("snow.jpg"))
                .element(ImageElement.of(DIR.resolve("bear.png"), DIR.resolve("bear-side.png")))
                .keepAudio(false)
                .prompt("Cover @Video1 in snow like @Image1 and let @Element1 walk through it")
                .build();

        assertThat(r.video()).isEqualTo(Media.file(DIR.resolve("street.mp4")));
        assertThat(r.referenceImages()).containsExactly(Media.file(DIR.resolve("snow.jpg")));
        assertThat(r.elements())
                .containsExactly(
                        ImageElement.of(Media.file(DIR.resolve("bear.png")), Media.file(DIR.resolve("bear-side.png"))));
        assertThat(r.keepAudio()).contains(false);
        assertThat(r)
                .hasToString(
                        "VideoEditRequest{video_url=/tmp/v2v/street.mp4, image_urls=[/tmp/v2v/snow.jpg],"
                                + " elements=[ImageElement{frontal=/tmp/v2v/bear.png, references=[/tmp/v2v/bear-side.png]}],"
                                + " keep_audio=false, prompt=\"Cover @Video1 in snow like @Image1 and let @Element1 walk through it\"}");
    }

    @Test
    void aReferenceRequestReadsBackItsRatioAndDuration() {
        VideoReferenceRequest r = VideoReferenceRequest.builder()
                .video(Media.url("https://example.com/dance.mp4"))
                .prompt("Based on @Video1, a dancer in watercolor")
                .aspectRatio(AspectRatio.AUTO)
                .duration(6)
                .build();

        assertThat(r.aspectRatio()).containsSame(AspectRatio.AUTO);
        assertThat(r.duration()).hasValue(6);
        assertThat(r.keepAudio()).isEmpty();
        assertThat(r.elements()).isEmpty();
        assertThat(VideoReferenceRequest.builder()
                        .video(Media.url("https://example.com/dance.mp4"))
                        .prompt("x")
                        .build()
                        .duration())
                .isEmpty();
    }

    @Test
    void anIntelligentShotTypeIsRefusedByDefaultAndSentWithAWarningWhenLenient() {
        assertThatThrownBy(() -> VideoEditRequest.builder()
                        .video(Media.url("https://example.com/s.mp4"))
                        .prompt("x")
                        .shotType("intelligent")
                        .build())
                .hasMessageContaining(
                        "shot_type: 'intelligent' is not a choice video-to-video-edit takes (use one of customize)");

        VideoEditRequest r = VideoEditRequest.builder()
                .video(Media.url("https://example.com/s.mp4"))
                .prompt("x")
                .shotType("intelligent")
                .validation(Validation.LENIENT)
                .build();

        assertThat(r.warnings()).extracting(Problem::field).containsExactly("shot_type");
        assertThat(VideoEdit.PRO.toWire(r, m -> m.url().orElseThrow())).containsEntry("shot_type", "intelligent");
    }
}
