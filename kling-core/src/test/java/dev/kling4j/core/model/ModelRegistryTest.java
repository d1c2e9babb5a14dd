package dev.kling4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.error.UnknownModelException;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
    static ModelRegistry allThirteen() {
        ModelRegistry.Builder b = ModelRegistry.builder();
        for (EndpointSpec e : Catalog.standard().endpoints()) {
            b.add(new AnyModel(e));
        }
        return b.build();
    }

    @Test
    void findsModelsByKeyOrEndpointIdAndListsThemByCategoryAndTier() {
        ModelRegistry registry = allThirteen();

        assertThat(registry.all()).hasSize(13);
        assertThat(registry.get("kling_o3_pro_i2v").endpointId()).isEqualTo("fal-ai/kling-video/o3/pro/image-to-video");
        assertThat(registry.find("fal-ai/kling-video/o3/standard/video-to-video/edit"))
                .get()
                .extracting(BaseVideoModel::key)
                .isEqualTo("kling_o3_standard_edit");
        assertThat(registry.byTier(Tier.FOUR_K))
                .extracting(BaseVideoModel::key)
                .containsExactly("kling_o3_4k_i2v", "kling_o3_4k_t2v", "kling_o3_4k_ref");
        assertThat(registry.byCategory(Category.VIDEO_TO_VIDEO_REFERENCE))
                .extracting(BaseVideoModel::key)
                .containsExactly("kling_o3_standard_v2v_ref", "kling_o3_pro_v2v_ref");
    }

    @Test
    void anUnknownKeyFailsWithTheCloseMatches() {
        assertThatThrownBy(() -> allThirteen().get("kling_o3_pro_i2"))
                .isInstanceOfSatisfying(UnknownModelException.class, e -> {
                    assertThat(e.closeMatches()).first().isEqualTo("kling_o3_pro_i2v");
                    assertThat(e.asked()).isEqualTo("kling_o3_pro_i2");
                })
                .hasMessageStartingWith("no model 'kling_o3_pro_i2'; did you mean kling_o3_pro_i2v");
    }

    @Test
    void anEmptyRegistrySaysWhichModulesToAdd() {
        assertThatThrownBy(() -> ModelRegistry.builder().build().get("kling_o3_pro_i2v"))
                .hasMessageContaining("add kling-image-to-video");
    }

    @Test
    void twoModelsWithOneKeyAreRefused() {
        assertThatThrownBy(() -> ModelRegistry.builder()
                        .add(AnyModel.of("kling_o3_pro_i2v"))
                        .add(AnyModel.of("kling_o3_pro_i2v")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kling_o3_pro_i2v");
    }

    @Test
    void theStandardRegistryOfKlingCoreAloneIsEmptyButLoads() {
        assertThat(ModelRegistry.load(ModelRegistryTest.class.getClassLoader()).all())
                .isEmpty();
    }
}
