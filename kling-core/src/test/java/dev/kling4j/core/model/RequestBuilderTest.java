package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.media.Media;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder plumbing every category module builds on, through a request of reference-to-video's shape: the
 * {@code Has…} getters and setters, the mode and table a builder checks with, and {@code toBuilder}.
 */
class RequestBuilderTest {
    /** What a category module declares: its request, its builder, and which fields it takes. */
    static final class SceneRequest extends GenerationRequest
            implements HasAspectRatio, HasElements<Element>, HasReferenceImages, HasEndFrame {
        SceneRequest(ValidatedInput validated) {
            super(validated);
        }

        static Builder builder() {
            return new Builder(null);
        }

        Builder toBuilder() {
            return new Builder(this);
        }

        static final class Builder extends GenerationRequestBuilder<Builder, SceneRequest>
                implements HasAspectRatio.Setter<Builder>,
                        HasElements.Setter<Builder, Element>,
                        HasReferenceImages.Setter<Builder>,
                        HasEndFrame.Setter<Builder> {
            Builder(SceneRequest from) {
                super(Category.REFERENCE_TO_VIDEO, SceneRequest::new, from);
            }
        }
    }

    static final AnyModel REF = AnyModel.of("kling_o3_pro_ref");

    @TempDir
    Path dir;

    @Test
    void theSharedSettersAndGettersMeetOnTheSameFields() {
        Element hero = Element.builder()
                .frontalImage(Media.url("https://example.com/hero.png"))
                .referenceImage(Media.url("https://example.com/hero-side.png"))
                .build();
        SceneRequest r = SceneRequest.builder()
                .element(hero)
                .referenceImage(Path.of("hall.png"))
                .referenceImage(Media.url("https://example.com/garden.png"))
                .set("start_image_url", Media.url("https://example.com/first.png"))
                .endFrame(Path.of("last.png"))
                .aspectRatio("1:1")
                .duration(8)
                .audio(false)
                .shotType("customize")
                .prompt("@Element1 walks from @Image1 to @Image2")
                .build();

        assertThat(r.elements()).containsExactly(hero);
        assertThat(r.referenceImages())
                .containsExactly(Media.file(Path.of("hall.png")), Media.url("https://example.com/garden.png"));
        assertThat(r.endFrame()).contains(Media.file(Path.of("last.png")));
        assertThat(r.aspectRatio()).containsSame(AspectRatio.SQUARE_1_1);
        assertThat(r.duration()).hasValue(8);
        assertThat(r.audio()).contains(false);
        assertThat(r.shotType()).containsSame(ShotType.CUSTOMIZE);
        assertThat(r.storyboard()).isEmpty();
        assertThat(REF.request(Map.of(
                                "prompt",
                                "@Element1 walks from @Image1 to @Image2",
                                "elements",
                                java.util.List.of(hero),
                                "image_urls",
                                java.util.List.of("hall.png", "https://example.com/garden.png"),
                                "start_image_url",
                                "https://example.com/first.png",
                                "end_image_url",
                                "last.png",
                                "aspect_ratio",
                                "1:1",
                                "duration",
                                8,
                                "generate_audio",
                                false,
                                "shot_type",
                                "customize"))
                        .input())
                .isEqualTo(r.input());
    }

    @Test
    void settersRefuseNullRatherThanTakeItForADefault() {
        SceneRequest.Builder b = SceneRequest.builder();

        assertThatThrownBy(() -> b.aspectRatio((AspectRatio) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.endFrame((Media) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.shotType((ShotType) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.storyboard(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.validation(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.catalog(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBuilderChecksAgainstTheTableItIsGivenAndToBuilderKeepsTableAndMode() throws IOException {
        ObjectNode root;
        try (InputStream in = Catalog.class.getResourceAsStream("kling-o3-endpoints.json")) {
            root = (ObjectNode) Json.mapper().readTree(in);
        }
        ((ObjectNode) root.get("limits")).put("duration_max", 20);
        for (var c : root.get("categories")) {
            if (c.path("id").asText().equals("reference-to-video")) {
                ((ArrayNode) c.get("fields"))
                        .addObject()
                        .put("name", "negative_prompt")
                        .put("type", "prompt");
            }
        }
        Catalog newer = Catalog.load(Files.writeString(dir.resolve("table.json"), root.toString()));

        SceneRequest r = SceneRequest.builder()
                .prompt("A castle")
                .duration(20)
                .set("negative_prompt", "blur")
                .catalog(newer)
                .build();

        assertThat(r.warnings()).isEmpty();
        assertThat(r.catalog()).isSameAs(newer);
        assertThat(r.toBuilder().duration(19).build().catalog()).isSameAs(newer);
        assertThatThrownBy(() -> r.toBuilder().catalog(Catalog.standard()).build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactly("duration", "negative_prompt"));
        SceneRequest lenient = r.toBuilder()
                .catalog(Catalog.standard())
                .set("negative_prompt", null)
                .validation(Validation.LENIENT)
                .build();
        assertThat(lenient.toBuilder().build().validation()).isEqualTo(Validation.LENIENT);
        assertThat(lenient.toBuilder().build().warnings())
                .extracting(Problem::field)
                .containsExactly("duration");
    }
}
