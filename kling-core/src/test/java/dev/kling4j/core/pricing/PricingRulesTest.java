package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.BudgetExceededException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The estimate, the price row and the budget check, on rows these tests state themselves, so that they hold
 * whatever prices the shipped table carries.
 */
class PricingRulesTest {
    static final EndpointSpec I2V =
            Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
    static final LocalDate DAY = LocalDate.parse("2026-06-01");

    static PriceRow.Builder row() {
        return PriceRow.builder(I2V.key()).date(DAY).source("a test");
    }

    static PriceTable table(PriceRow row) {
        return PriceTable.builder().put(row).build();
    }

    static CostEstimate estimate(PriceRow row, int seconds, boolean audio) {
        return table(row).estimate(I2V, OptionalInt.of(seconds), audio);
    }

    // ---------------------------------------------------------------- estimates

    @Test
    void aTieredRowPricesAudioOnAndOffApartAndSaysWhichItUsed() {
        PriceRow tiered = row().audioOff(new BigDecimal("0.2"))
                .audioOn(new BigDecimal("0.3"))
                .build();

        CostEstimate off = estimate(tiered, 5, false);
        CostEstimate on = estimate(tiered, 5, true);

        assertThat(off.total()).contains(new BigDecimal("1.000"));
        assertThat(off.audioTier()).contains(AudioTier.AUDIO_OFF);
        assertThat(off.rate()).contains(new BigDecimal("0.2"));
        assertThat(off.audioRequested()).isFalse();
        assertThat(on.total()).contains(new BigDecimal("1.500"));
        assertThat(on.audioTier()).contains(AudioTier.AUDIO_ON);
        assertThat(on.audioRequested()).isTrue();
        assertThat(on.billedSeconds()).hasValue(5);
        assertThat(on.endpoint()).isSameAs(I2V);
        assertThat(on.row()).contains(tiered);
        assertThat(on)
                .hasToString(
                        "kling_o3_pro_i2v: 5 s × 0.3 USD/s (audio on) = 1.500 USD [table price of 2026-06-01, unverified: a test]");
        assertThat(off.toString()).contains("(audio off) = 1.000 USD");
    }

    @Test
    void aFlatRowChargesTheSameWithOrWithoutAudio() {
        PriceRow flat = row().flat(new BigDecimal("0.42")).build();

        assertThat(flat.audioPricing()).isEqualTo(AudioPricing.FLAT);
        assertThat(flat.audioOnRate()).isEqualTo(flat.audioOffRate()).contains(new BigDecimal("0.42"));
        assertThat(estimate(flat, 10, true).total())
                .isEqualTo(estimate(flat, 10, false).total())
                .contains(new BigDecimal("4.200"));
        assertThat(estimate(flat, 10, true).audioTier()).contains(AudioTier.FLAT);
        assertThat(estimate(flat, 10, true).toString()).contains("(flat rate, audio on)");
        assertThat(estimate(flat, 10, false).toString()).contains("(flat rate, audio off)");
        assertThat(flat.toBuilder().build()).isEqualTo(flat);
        assertThat(flat.toBuilder().build().audioPricing()).isEqualTo(AudioPricing.FLAT);
    }

    @Test
    void aRowWithoutAnAudioTierIgnoresTheAudioFlag() {
        PriceRow none = row().noAudioTier(new BigDecimal("0.336")).build();

        CostEstimate e = estimate(none, 5, true);

        assertThat(e.total()).contains(new BigDecimal("1.680"));
        assertThat(e.audioTier()).contains(AudioTier.NO_AUDIO_TIER);
        assertThat(e.toString()).contains("(no audio tier)");
        assertThat(none.audioOnRate()).isEmpty();
        assertThat(none.toString()).contains("audio on n/a");
    }

    @Test
    void aMissingRateIsAnUnknownEstimateNamingTheTierNotAGuess() {
        PriceRow offOnly = row().audioOff(new BigDecimal("0.2")).build();

        CostEstimate on = estimate(offOnly, 5, true);

        assertThat(on.isKnown()).isFalse();
        assertThat(on.total()).isEmpty();
        assertThat(on.rate()).isEmpty();
        assertThat(on.audioTier()).contains(AudioTier.AUDIO_ON);
        assertThat(on.unknownReason())
                .contains("no published audio-on price for kling_o3_pro_i2v (a test); "
                        + "add a row with PriceTable.toBuilder() to price it");
        assertThat(on)
                .hasToString("kling_o3_pro_i2v: unknown cost: "
                        + on.unknownReason().orElseThrow() + " [table price of 2026-06-01, unverified: a test]");
        assertThat(estimate(row().audioOn(new BigDecimal("0.3")).build(), 5, false)
                        .unknownReason()
                        .orElseThrow())
                .startsWith("no published audio-off price");
        assertThat(estimate(offOnly, 5, false).isKnown()).isTrue();
        assertThat(offOnly.toString()).contains("audio on unknown");
    }

    @Test
    void withoutARowTheEstimateIsUnknownAndSaysHowToAddOne() {
        CostEstimate e = PriceTable.builder().build().estimate(I2V, OptionalInt.of(5), true);

        assertThat(e.isKnown()).isFalse();
        assertThat(e.row()).isEmpty();
        assertThat(e.audioTier()).isEmpty();
        assertThat(e.currency()).isEqualTo("USD");
        assertThat(e.billedSeconds()).hasValue(5);
        assertThat(e)
                .hasToString("kling_o3_pro_i2v: unknown cost: the price table has no row for kling_o3_pro_i2v; "
                        + "add one with PriceTable.toBuilder()");
    }

    @Test
    void zeroSecondsCostNothingAndNegativeSecondsAreRefused() {
        PriceRow tiered = row().audioOff(new BigDecimal("0.2"))
                .audioOn(new BigDecimal("0.3"))
                .build();

        assertThat(estimate(tiered, 0, true).total()).contains(new BigDecimal("0.000"));
        assertThatThrownBy(() -> estimate(tiered, -1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("billed seconds cannot be negative: -1");
    }

    @Test
    void aRateWithMoreDecimalsIsRoundedHalfUpToATenthOfACent() {
        assertThat(estimate(row().audioOff(new BigDecimal("0.1245")).build(), 1, false)
                        .total())
                .contains(new BigDecimal("0.125"));
        assertThat(estimate(row().audioOff(new BigDecimal("0.0005")).build(), 1, false)
                        .total())
                .contains(new BigDecimal("0.001"));
        assertThat(CostEstimate.SCALE).isEqualTo(3);
    }

    @Test
    void theCurrencyIsTheRowsOwn() {
        CostEstimate e =
                estimate(row().currency("EUR").audioOff(new BigDecimal("1")).build(), 2, false);

        assertThat(e.currency()).isEqualTo("EUR");
        assertThat(e.toString()).contains("2 s × 1 EUR/s (audio off) = 2.000 EUR");
    }

    @Test
    void aRowIsFoundByModelKeyBeforeEndpointId() {
        PriceRow byId = PriceRow.builder(I2V.endpointId())
                .date(DAY)
                .source("by id")
                .audioOff(BigDecimal.ONE)
                .build();
        PriceRow byKey = row().audioOff(BigDecimal.TEN).build();

        assertThat(PriceTable.builder().put(byId).build().row(I2V)).contains(byId);
        assertThat(PriceTable.builder().put(byId).put(byKey).build().row(I2V)).contains(byKey);
    }

    // ---------------------------------------------------------------- price rows

    @Test
    void aRowNeedsItsTextFieldsADateAndNonNegativeRates() {
        assertThatThrownBy(() -> PriceRow.builder(" ").date(DAY).source("s").build())
                .hasMessage("a price row needs a non-blank endpoint");
        assertThatThrownBy(() -> PriceRow.builder(null).date(DAY).source("s").build())
                .hasMessage("a price row needs a non-blank endpoint");
        assertThatThrownBy(() -> row().source("").build()).hasMessage("a price row needs a non-blank source");
        assertThatThrownBy(() -> row().currency(" ").build()).hasMessage("a price row needs a non-blank currency");
        assertThatThrownBy(() -> row().date(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("needs a date");
        assertThatThrownBy(() -> row().unit("minute").build()).hasMessageContaining("unit 'minute' is not supported");
        assertThatThrownBy(() -> row().audioOff(new BigDecimal("-0.001")))
                .hasMessage("a rate cannot be negative: -0.001");
        assertThatThrownBy(() -> row().flat(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row().noAudioTier(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row().audioOn(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(row().audioOff(BigDecimal.ZERO).build().audioOffRate()).contains(BigDecimal.ZERO);
    }

    @Test
    void aRowComparesByEveryFieldAndRoundTripsThroughItsBuilder() {
        PriceRow r = row().audioOff(new BigDecimal("0.2"))
                .audioOn(new BigDecimal("0.3"))
                .notes("n")
                .build();

        assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(r)
                .isNotEqualTo(r.toBuilder().audioOff(new BigDecimal("0.21")).build())
                .isNotEqualTo(r.toBuilder().audioOn(new BigDecimal("0.31")).build())
                .isNotEqualTo(r.toBuilder().flat(new BigDecimal("0.2")).build())
                .isNotEqualTo(r.toBuilder().currency("EUR").build())
                .isNotEqualTo(r.toBuilder().date(DAY.plusDays(1)).build())
                .isNotEqualTo(r.toBuilder().source("another").build())
                .isNotEqualTo(r.toBuilder().notes("m").build())
                .isNotEqualTo(PriceRow.builder(I2V.endpointId())
                        .date(DAY)
                        .source("a test")
                        .audioOff(new BigDecimal("0.2"))
                        .audioOn(new BigDecimal("0.3"))
                        .notes("n")
                        .build())
                .isNotEqualTo("a row");
        assertThat(r.hashCode()).isNotEqualTo(r.toBuilder().notes("m").build().hashCode());
        assertThat(row().build().notes()).isEmpty();
        assertThat(r)
                .hasToString(
                        "PriceRow{kling_o3_pro_i2v, audio off 0.2, audio on 0.3 USD/second, 2026-06-01, a test, unverified}");
    }

    @Test
    void tablesCompareByTheirRows() {
        PriceRow r = row().audioOff(BigDecimal.ONE).build();

        assertThat(table(r))
                .isEqualTo(table(r))
                .hasSameHashCodeAs(table(r))
                .isNotEqualTo(PriceTable.builder().build())
                .isNotEqualTo("a table");
        assertThat(table(r).hashCode())
                .isNotEqualTo(PriceTable.builder().build().hashCode());
        assertThat(table(r).toString()).startsWith("PriceTable[PriceRow{kling_o3_pro_i2v");
    }

    // ---------------------------------------------------------------- the budget check

    @Test
    void theBudgetLetsThroughTheCapExactlyAndRefusesATenthOfACentMore() {
        CostEstimate twoEighty = estimate(
                row().audioOn(new BigDecimal("0.28")).audioOff(BigDecimal.ONE).build(), 10, true);

        assertThatCode(() -> Budget.maxCost(new BigDecimal("2.800")).check(twoEighty))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Budget.maxCost(new BigDecimal("2.799")).check(twoEighty))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.estimate()).isSameAs(twoEighty);
                    assertThat(e.limit()).isEqualByComparingTo("2.799");
                })
                .hasMessage("estimated cost 2.800 USD exceeds the budget of 2.799 USD (" + twoEighty
                        + "); shorten the duration, turn audio off, pick a cheaper tier or raise maxCost");
    }

    @Test
    void aBudgetCheckOnAnEndpointWithNoPriceRowRefusesItWithTheReason() {
        CostEstimate noRow = PriceTable.builder().build().estimate(I2V, OptionalInt.of(5), false);

        assertThatThrownBy(() -> Budget.maxCost(new BigDecimal("5")).check(noRow))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("the cost cannot be estimated, so the budget of 5 USD cannot be shown to hold (the price "
                        + "table has no row for kling_o3_pro_i2v; add one with PriceTable.toBuilder()); fix the "
                        + "estimate or use Budget.allowingUnknown()");
        assertThatCode(() ->
                        Budget.maxCost(new BigDecimal("5")).allowingUnknown().check(noRow))
                .doesNotThrowAnyException();
    }

    @Test
    void aZeroBudgetIsAllowedAndPassesOnlyFreeRequests() {
        Budget zero = Budget.maxCost(BigDecimal.ZERO);
        PriceRow r = row().audioOff(new BigDecimal("0.2")).build();

        assertThat(zero.maxCost()).isEqualByComparingTo("0");
        assertThatCode(() -> zero.check(estimate(r, 0, false))).doesNotThrowAnyException();
        assertThatThrownBy(() -> zero.check(estimate(r, 1, false))).isInstanceOf(BudgetExceededException.class);
        assertThatThrownBy(() -> Budget.maxCost(new BigDecimal("-0.001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCost cannot be negative: -0.001");
        assertThatThrownBy(() -> zero.check(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBudgetSaysWhatItAllows() {
        Budget b = Budget.maxCost(new BigDecimal("2.00"));

        assertThat(b.allowsUnknown()).isFalse();
        assertThat(b.allowingUnknown().allowsUnknown()).isTrue();
        assertThat(b.allowingUnknown().maxCost()).isEqualTo(new BigDecimal("2.00"));
        assertThat(b).hasToString("Budget{maxCost=2.00}");
        assertThat(b.allowingUnknown()).hasToString("Budget{maxCost=2.00, allowing unknown}");
    }
}
