package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FalPricingTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private static final String ANSWER = "{\"prices\":["
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/standard/image-to-video\",\"unit_price\":0.084,\"unit\":\"second\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/4k/text-to-video\",\"unit_price\":0.42,\"unit\":\"seconds\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/video-to-video/edit\",\"unit_price\":\"0.168\",\"unit\":\"second\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/text-to-video\",\"unit_price\":1.12,\"unit\":\"video\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/flux/dev\",\"unit_price\":0.025,\"unit\":\"megapixel\",\"currency\":\"USD\"}"
            + "],\"next_cursor\":null,\"has_more\":false}";

    @Test
    void readsPerSecondPricesOfKlingEndpointsKeepingEachRowsShape() {
        List<PriceRow> rows = FalPricing.rows(ANSWER, PriceTable.standard(), TODAY);

        assertThat(rows).extracting(PriceRow::endpoint)
                .containsExactly("kling_o3_standard_i2v", "kling_o3_4k_t2v", "kling_o3_pro_edit");
        assertThat(rows).extracting(PriceRow::audioPricing)
                .containsExactly(AudioPricing.TIERED, AudioPricing.FLAT, AudioPricing.NONE);
        assertThat(rows.get(0).audioOffRate()).contains(new BigDecimal("0.084"));
        assertThat(rows.get(0).audioOnRate()).isEmpty();
        assertThat(rows.get(2).audioOffRate()).contains(new BigDecimal("0.168"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.date()).isEqualTo(TODAY);
            assertThat(r.source()).isEqualTo("fal Platform pricing API");
        });
    }

    @Test
    void refreshesATableSoThatAudioOnEstimatesOfATieredRowBecomeUnknown() {
        PriceTable fresh = PriceTable.standard().toBuilder()
                .putAll(FalPricing.rows(ANSWER, PriceTable.standard(), TODAY)).build();
        var endpoint = Catalog.standard().endpoint("kling_o3_standard_i2v").orElseThrow();

        assertThat(fresh.estimate(endpoint, OptionalInt.of(10), false).total()).contains(new BigDecimal("0.840"));
        assertThat(fresh.estimate(endpoint, OptionalInt.of(10), true).unknownReason().orElseThrow())
                .contains("no published audio-on price");
    }

    @Test
    void refusesAnAnswerWithoutPrices() {
        assertThatThrownBy(() -> FalPricing.rows("{\"detail\":\"nope\"}", PriceTable.standard(), TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no \"prices\" array");
    }
}
