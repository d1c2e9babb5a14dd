package dev.kling4j.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = Catalog.standard();

    @Test
    void listsAllThirteenEndpointsWithUniqueKeysAndIds() {
        assertThat(catalog.endpoints()).hasSize(13);
        assertThat(catalog.endpoints().stream().map(EndpointSpec::key).collect(Collectors.toSet()))
                .hasSize(13);
        assertThat(catalog.endpoints().stream().map(EndpointSpec::endpointId).collect(Collectors.toSet()))
                .hasSize(13);
    }

    @Test
    void everyEndpointIdNamesItsTierAndCategory() {
        for (EndpointSpec e : catalog.endpoints()) {
            assertThat(e.endpointId())
                    .startsWith("fal-ai/kling-video/o3/" + e.tier().id() + "/");
            String path = e.category().id().replace("video-to-video-", "video-to-video/");
            assertThat(e.endpointId()).endsWith("/" + path);
        }
    }

    @Test
    void findsEndpointsByKeyOrByEndpointId() {
        assertThat(catalog.endpoint("kling_o3_pro_i2v"))
                .get()
                .extracting(EndpointSpec::endpointId)
                .isEqualTo("fal-ai/kling-video/o3/pro/image-to-video");
        assertThat(catalog.endpoint("fal-ai/kling-video/o3/4k/reference-to-video"))
                .get()
                .extracting(EndpointSpec::tier)
                .isEqualTo(Tier.FOUR_K);
        assertThat(catalog.endpoint("kling_o3_pro_i2")).isEmpty();
    }

    @Test
    void onlyReferenceAndVideoToVideoTakeElements() {
        assertThat(catalog.categoriesTaking("elements"))
                .containsExactly(
                        Category.REFERENCE_TO_VIDEO, Category.VIDEO_TO_VIDEO_EDIT, Category.VIDEO_TO_VIDEO_REFERENCE);
        assertThat(catalog.category(Category.IMAGE_TO_VIDEO).refusalHint("elements"))
                .get()
                .asString()
                .contains("reference-to-video");
    }

    @Test
    void durationsAreStringsWithDefaultFiveExceptOnVideoToVideo() {
        assertThat(catalog.category(Category.IMAGE_TO_VIDEO).field("duration"))
                .get()
                .extracting(FieldSpec::defaultValue)
                .isEqualTo("5");
        assertThat(catalog.category(Category.VIDEO_TO_VIDEO_EDIT).takes("duration"))
                .isFalse();
        assertThat(catalog.category(Category.VIDEO_TO_VIDEO_REFERENCE).field("duration"))
                .get()
                .extracting(FieldSpec::defaultValue)
                .isNull();
    }

    @Test
    void videoToVideoKeepsAudioByDefaultAndReferencesTheSourceVideo() {
        Set<Category> v2v = EnumSet.of(Category.VIDEO_TO_VIDEO_EDIT, Category.VIDEO_TO_VIDEO_REFERENCE);
        for (Category c : v2v) {
            assertThat(catalog.category(c).field("keep_audio"))
                    .get()
                    .extracting(FieldSpec::defaultValue)
                    .isEqualTo(true);
            assertThat(catalog.category(c).references()).contains(ReferenceKind.VIDEO);
            assertThat(catalog.category(c).promptRule()).isEqualTo(PromptRule.REQUIRED);
        }
        assertThat(catalog.category(Category.REFERENCE_TO_VIDEO).references()).doesNotContain(ReferenceKind.VIDEO);
    }

    @Test
    void limitsFollowTheReference() {
        Limits limits = catalog.limits();
        assertThat(limits.durationMin()).isEqualTo(3);
        assertThat(limits.durationMax()).isEqualTo(15);
        assertThat(limits.promptMaxLength()).isEqualTo(2500);
        assertThat(limits.imageFormats()).contains("png", "avif");
        assertThat(catalog.category(Category.REFERENCE_TO_VIDEO).maxElementsPlusImagesWithVideo())
                .hasValue(4);
        assertThat(catalog.category(Category.VIDEO_TO_VIDEO_EDIT).maxElementsPlusImages())
                .hasValue(4);
    }
}
