package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTableTest {
    private final PriceTable prices = PriceTable.standard();

    private static EndpointSpec endpoint(String key) {
        return Catalog.standard().endpoint(key).orElseThrow();
    }

    @ParameterizedTest(name = "{0}, {1} s, audio {2} costs {3}")
    @CsvSource({
        "kling_o3_standard_i2v,     10, false, 0.840, AUDIO_OFF, 0.084",
        "kling_o3_standard_i2v,     10, true,  1.120, AUDIO_ON,  0.112",
        "kling_o3_pro_i2v,           5, false, 0.560, AUDIO_OFF, 0.112",
        "kling_o3_pro_i2v,           5, true,  0.700, AUDIO_ON,  0.14",
        "kling_o3_4k_i2v,            5, false, 2.100, FLAT,      0.42",
        "kling_o3_4k_i2v,            5, true,  2.100, FLAT,      0.42",
        "kling_o3_standard_t2v,      6, false, 0.504, AUDIO_OFF, 0.084",
        "kling_o3_standard_t2v,      6, true,  0.672, AUDIO_ON,  0.112",
        "kling_o3_pro_t2v,          15, false, 1.680, AUDIO_OFF, 0.112",
        "kling_o3_pro_t2v,          15, true,  2.100, AUDIO_ON,  0.14",
        "kling_o3_4k_t2v,            3, true,  1.260, FLAT,      0.42",
        "kling_o3_standard_ref,      7, false, 0.588, AUDIO_OFF, 0.084",
        "kling_o3_standard_ref,      7, true,  0.784, AUDIO_ON,  0.112",
        "kling_o3_pro_ref,           4, false, 0.448, AUDIO_OFF, 0.112",
        "kling_o3_pro_ref,           4, true,  0.560, AUDIO_ON,  0.14",
        "kling_o3_4k_ref,           12, false, 5.040, FLAT,      0.42",
        "kling_o3_standard_edit,     8, false, 1.008, NO_AUDIO_TIER, 0.126",
        "kling_o3_standard_edit,     8, true,  1.008, NO_AUDIO_TIER, 0.126",
        "kling_o3_pro_edit,          3, false, 0.504, NO_AUDIO_TIER, 0.168",
        "kling_o3_standard_v2v_ref, 10, false, 1.260, NO_AUDIO_TIER, 0.126",
        "kling_o3_pro_v2v_ref,      15, true,  2.520, NO_AUDIO_TIER, 0.168",
    })
    void estimatesEverySpecRowAsSecondsTimesTheRateOfItsAudioTier(
            String key, int seconds, boolean audio, String total, AudioTier tier, String rate) {
        CostEstimate estimate = prices.estimate(endpoint(key), OptionalInt.of(seconds), audio);

        assertThat(estimate.isKnown()).isTrue();
        assertThat(estimate.total()).contains(new BigDecimal(total));
        assertThat(estimate.total().orElseThrow().scale()).isEqualTo(3);
        assertThat(estimate.audioTier()).contains(tier);
        assertThat(estimate.rate()).contains(new BigDecimal(rate));
        assertThat(estimate.billedSeconds()).hasValue(seconds);
        assertThat(estimate.row().orElseThrow().endpoint()).isEqualTo(key);
        assertThat(estimate.currency()).isEqualTo("USD");
        assertThat(estimate.unknownReason()).isEmpty();
    }

    @Test
    void hasADatedSourcedRowForEachOfTheThirteenEndpoints() {
        for (EndpointSpec e : Catalog.standard().endpoints()) {
            PriceRow row = prices.row(e).orElseThrow(() -> new AssertionError("no row for " + e.key()));
            assertThat(row.source()).isNotBlank();
            assertThat(row.date()).isAfterOrEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(row.currency()).isEqualTo("USD");
            assertThat(row.unit()).isEqualTo("second");
        }
        assertThat(prices.rows()).hasSize(13);
    }

    @CsvSource({
        "kling_o3_standard_ref, 5, 0.630, 0.126",
        "kling_o3_pro_ref,      8, 1.344, 0.168",
    })
    void aVideoElementMovesReferenceToVideoIntoTheVideoInputRate(String key, int seconds, String total, String rate) {
        CostEstimate estimate = prices.estimate(endpoint(key), OptionalInt.of(seconds), false, true);

        assertThat(estimate.audioTier()).contains(AudioTier.VIDEO_INPUT);
        assertThat(estimate.rate()).contains(new BigDecimal(rate));
        assertThat(estimate.total()).contains(new BigDecimal(total));
        assertThat(estimate.toString()).contains("(video input)");
    }

    @Test
    void aVideoElementOn4kHasNoKnownRateSoItsEstimateIsUnknownNotTheFlatRate() {
        CostEstimate estimate = prices.estimate(endpoint("kling_o3_4k_ref"), OptionalInt.of(5), false, true);

        assertThat(estimate.isKnown()).isFalse();
        assertThat(estimate.unknownReason().orElseThrow()).contains("no published video-input price");
    }

    @Test
    void theVideoInputFlagDoesNotChangeEndpointsWithoutThatTier() {
        assertThat(prices.estimate(endpoint("kling_o3_pro_edit"), OptionalInt.of(5), false, true)
                        .total())
                .isEqualTo(prices.estimate(endpoint("kling_o3_pro_edit"), OptionalInt.of(5), false, false)
                        .total());
    }

    @Test
    void everyRowSaysWhetherItWasVerifiedAndEstimatesFromUnverifiedRowsSaySo() {
        CostEstimate verified = prices.estimate(endpoint("kling_o3_standard_i2v"), OptionalInt.of(5), false);
        CostEstimate unverified = prices.estimate(endpoint("kling_o3_pro_i2v"), OptionalInt.of(5), false);

        assertThat(verified.isVerified()).isTrue();
        assertThat(verified.toString()).contains("[table price of 2026-12-01, fal's model page]");
        assertThat(unverified.isVerified()).isFalse();
        assertThat(unverified.priceSource().orElseThrow().live()).isFalse();
        assertThat(unverified.toString()).contains("[table price of 2026-12-01, unverified: Kling's rate for O3 Pro");
        assertThat(prices.rows())
                .filteredOn(PriceRow::verified)
                .extracting(PriceRow::endpoint)
                .containsExactlyInAnyOrder(
                        "kling_o3_standard_i2v", "kling_o3_4k_i2v", "kling_o3_4k_t2v", "kling_o3_4k_ref");
    }

    @Test
    void keepsTheProductSpecsOlderFigureInTheNotesOfTheRowFalHalved() {
        PriceRow row = prices.row(endpoint("kling_o3_standard_i2v")).orElseThrow();

        assertThat(row.audioOffRate()).contains(new BigDecimal("0.084"));
        assertThat(row.notes()).contains("0.168 / 0.224");
    }

    @Test
    void saysAnEditOfAVideoOfUnknownLengthCostsAnUnknownAmount() {
        CostEstimate estimate = prices.estimate(endpoint("kling_o3_pro_edit"), OptionalInt.empty(), false);

        assertThat(estimate.isKnown()).isFalse();
        assertThat(estimate.rate()).isEmpty();
        assertThat(estimate.audioTier()).contains(AudioTier.NO_AUDIO_TIER);
        assertThat(estimate.unknownReason().orElseThrow()).contains("billed seconds are not known");
    }

    @Test
    void saysTheCostIsUnknownWhenTheTableHasNoRow() {
        PriceTable without = prices.toBuilder().remove("kling_o3_pro_i2v").build();

        CostEstimate estimate = without.estimate(endpoint("kling_o3_pro_i2v"), OptionalInt.of(5), false);

        assertThat(estimate.isKnown()).isFalse();
        assertThat(estimate.row()).isEmpty();
        assertThat(estimate.unknownReason().orElseThrow()).contains("no row for kling_o3_pro_i2v");
        assertThat(prices.row(endpoint("kling_o3_pro_i2v"))).isPresent();
    }

    @Test
    void breaksAnEstimateDownInItsText() {
        CostEstimate estimate = prices.estimate(endpoint("kling_o3_pro_i2v"), OptionalInt.of(10), true);

        assertThat(estimate)
                .hasToString("kling_o3_pro_i2v: 10 s × 0.14 USD/s (audio on) = 1.400 USD "
                        + "[table price of 2026-12-01, unverified: Kling's rate for O3 Pro as relayed by resellers]");
    }

    @Test
    void overridesARowThroughTheBuilderWhetherKeyedByModelKeyOrEndpointId() {
        PriceTable overridden = prices.toBuilder()
                .put(PriceRow.builder("fal-ai/kling-video/o3/standard/image-to-video")
                        .audioOff(new BigDecimal("0.084"))
                        .audioOn(new BigDecimal("0.112"))
                        .date(LocalDate.of(2026, 8, 1))
                        .source("fal model page")
                        .build())
                .build();

        CostEstimate estimate = overridden.estimate(endpoint("kling_o3_standard_i2v"), OptionalInt.of(10), true);

        assertThat(estimate.total()).contains(new BigDecimal("1.120"));
        assertThat(estimate.row().orElseThrow().source()).isEqualTo("fal model page");
        assertThat(overridden.rows()).hasSize(13);
    }

    @Test
    void aUserRowReplacesTheShippedOneAndRoundsHalfUp() {
        PriceTable priced = prices.toBuilder()
                .put(PriceRow.builder("kling_o3_standard_t2v")
                        .audioOff(new BigDecimal("0.0845"))
                        .audioOn(new BigDecimal("0.112"))
                        .date(LocalDate.of(2026, 11, 1))
                        .source("my invoice")
                        .build())
                .build();

        CostEstimate estimate = priced.estimate(endpoint("kling_o3_standard_t2v"), OptionalInt.of(5), false);

        assertThat(estimate.total()).contains(new BigDecimal("0.423")); // 0.4225 rounded half up
    }

    @Test
    void loadsAUserFileAndMergesItOverTheShippedTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(
                file,
                "{\"prices\":[{\"endpoint\":\"kling_o3_pro_edit\",\"audio_off\":\"0.17\","
                        + "\"audio_on\":\"n/a\",\"currency\":\"USD\",\"unit\":\"second\",\"date\":\"2026-10-01\","
                        + "\"source\":\"fal pricing API\"}]}",
                StandardCharsets.UTF_8);

        PriceTable merged = prices.toBuilder().putAll(PriceTable.load(file)).build();

        CostEstimate estimate = merged.estimate(endpoint("kling_o3_pro_edit"), OptionalInt.of(10), false);
        assertThat(estimate.total()).contains(new BigDecimal("1.700"));
        assertThat(estimate.row().orElseThrow().date()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(estimate.isVerified()).isFalse(); // the file did not say "verified": true
        assertThat(merged.estimate(endpoint("kling_o3_pro_i2v"), OptionalInt.of(10), false)
                        .total())
                .contains(new BigDecimal("1.120"));
    }

    @Test
    void refusesAUserFileWithABadRateNamingTheRowAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(
                file,
                "{\"prices\":[{\"endpoint\":\"kling_o3_pro_edit\",\"audio_off\":\"cheap\","
                        + "\"audio_on\":\"n/a\",\"currency\":\"USD\",\"unit\":\"second\",\"date\":\"2026-10-01\","
                        + "\"source\":\"x\"}]}",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PriceTable.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prices[0]")
                .hasMessageContaining("\"audio_off\" is 'cheap'");
    }

    @Test
    void refusesARowPricedPerAnythingButASecond() {
        assertThatThrownBy(() -> PriceRow.builder("kling_o3_pro_i2v")
                        .audioOff(BigDecimal.ONE)
                        .unit("minute")
                        .date(LocalDate.of(2026, 1, 1))
                        .source("x")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit 'minute' is not supported");
    }
}
