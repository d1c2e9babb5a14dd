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
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/standard/image-to-video\",\"unit_price\":0.07,\"unit\":\"second\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/4k/text-to-video\",\"unit_price\":0.42,\"unit\":\"seconds\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/video-to-video/edit\",\"unit_price\":\"0.168\",\"unit\":\"second\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/text-to-video\",\"unit_price\":1.12,\"unit\":\"video\",\"currency\":\"USD\"},"
            + "{\"endpoint_id\":\"fal-ai/flux/dev\",\"unit_price\":0.025,\"unit\":\"megapixel\",\"currency\":\"USD\"}"
            + "],\"next_cursor\":null,\"has_more\":false}";

    @Test
    void readsPerSecondPricesOfKlingEndpointsKeepingEachRowsShape() {
        List<PriceRow> rows = FalPricing.rows(ANSWER, PriceTable.standard(), TODAY);

        assertThat(rows)
                .extracting(PriceRow::endpoint)
                .containsExactly("kling_o3_standard_i2v", "kling_o3_4k_t2v", "kling_o3_pro_edit");
        assertThat(rows)
                .extracting(PriceRow::audioPricing)
                .containsExactly(AudioPricing.TIERED, AudioPricing.FLAT, AudioPricing.NONE);
        assertThat(rows.get(0).audioOffRate()).contains(new BigDecimal("0.07"));
        assertThat(rows.get(0).audioOnRate()).isEmpty();
        assertThat(rows.get(2).audioOffRate()).contains(new BigDecimal("0.168"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.date()).isEqualTo(TODAY);
            assertThat(r.source()).isEqualTo("fal's pricing API");
            assertThat(r.isLive()).isTrue();
            assertThat(r.basedOn())
                    .contains(PriceTable.standard()
                            .row(Catalog.standard().endpoint(r.endpoint()).orElseThrow())
                            .orElseThrow());
        });
    }

    @Test
    void aLiveRowPricesItsBaseRateAndLeavesTheAudioOnRateToTheTableSayingSo() {
        PriceTable fresh = PriceTable.standard().toBuilder()
                .putAll(FalPricing.rows(ANSWER, PriceTable.standard(), TODAY))
                .build();
        var endpoint = Catalog.standard().endpoint("kling_o3_standard_i2v").orElseThrow();

        CostEstimate off = fresh.estimate(endpoint, OptionalInt.of(10), false);
        CostEstimate on = fresh.estimate(endpoint, OptionalInt.of(10), true);

        assertThat(off.total()).contains(new BigDecimal("0.700"));
        assertThat(off.priceSource().orElseThrow()).isEqualTo(new PriceSource(true, TODAY, "fal's pricing API", true));
        assertThat(off.toString()).contains("[live price from fal's pricing API, fetched 2026-11-24]");
        assertThat(on.total()).contains(new BigDecimal("1.120")); // the table's 0.112
        assertThat(on.priceSource().orElseThrow().live()).isFalse();
        assertThat(on.toString()).contains("[table price of 2026-12-01, fal's model page]");
    }

    @Test
    void aLiveRowLeavesTheVideoInputRateToTheTable() {
        String answer = "{\"prices\":[{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/reference-to-video\","
                + "\"unit_price\":0.1,\"unit\":\"second\",\"currency\":\"USD\"}]}";
        PriceTable fresh = PriceTable.standard().toBuilder()
                .putAll(FalPricing.rows(answer, PriceTable.standard(), TODAY))
                .build();
        var endpoint = Catalog.standard().endpoint("kling_o3_pro_ref").orElseThrow();

        assertThat(fresh.estimate(endpoint, OptionalInt.of(10), false, false).total())
                .contains(new BigDecimal("1.000"));
        assertThat(fresh.estimate(endpoint, OptionalInt.of(10), false, true).total())
                .contains(new BigDecimal("1.680"));
    }

    @Test
    void refusesAnAnswerWithoutPrices() {
        assertThatThrownBy(() -> FalPricing.rows("{\"detail\":\"nope\"}", PriceTable.standard(), TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no \"prices\" array");
    }
}
