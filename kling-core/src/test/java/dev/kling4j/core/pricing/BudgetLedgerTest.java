package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.BudgetExceededException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {
    static final EndpointSpec PRO_T2V =
            Catalog.standard().endpoint("kling_o3_pro_t2v").orElseThrow();

    /** 5 s of pro text-to-video on the shipped table: 0.560. */
    static CostEstimate fiveSeconds() {
        return PriceTable.standard().estimate(PRO_T2V, OptionalInt.of(5), false);
    }

    static CostEstimate unknown() {
        return PriceTable.standard().estimate(PRO_T2V, OptionalInt.empty(), false);
    }

    @Test
    void reservationsThatFitAreHeldAndOneThatWouldPassTheTotalIsRefusedWithWhatIsLeft() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("1.20"));

        ledger.reserve(fiveSeconds()).commit("a");
        ledger.reserve(fiveSeconds()).commit("b");

        assertThatThrownBy(() -> ledger.reserve(fiveSeconds()))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.limit()).isEqualByComparingTo("0.080");
                    assertThat(e.estimate().total()).contains(new BigDecimal("0.560"));
                })
                .hasMessageContaining("exceeds the budget of 0.080 USD");
        assertThat(ledger.toString()).contains("spent 0, held 1.120");
    }

    @Test
    void aReservationOfExactlyWhatIsLeftFits() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("0.560"));

        ledger.reserve(fiveSeconds()).commit("a");

        assertThat(ledger.toString()).contains("held 0.560");
    }

    @Test
    void settlingReplacesTheHeldEstimateWithWhatFalBilledAndKeepsTheEstimateWhenFalDidNotSay() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("2.00"));
        ledger.reserve(fiveSeconds()).commit("a");
        ledger.reserve(fiveSeconds()).commit("b");

        ledger.settle("a", Optional.of(new BigDecimal("0.448")));
        ledger.settle("b", Optional.empty());

        assertThat(ledger.toString()).contains("spent 1.008, held 0");
        ledger.reserve(PriceTable.standard().estimate(PRO_T2V, OptionalInt.of(8), false))
                .commit("c"); // 0.896 fits 0.992
        assertThatThrownBy(() -> ledger.reserve(fiveSeconds())).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void aRefundOrAReleaseGivesTheAmountBackAndOnlyOnce() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("0.60"));
        ledger.reserve(fiveSeconds()).commit("a");
        ledger.refund("a");
        ledger.refund("a");
        BudgetLedger.Reservation r = ledger.reserve(fiveSeconds());
        r.release();
        r.release();
        r.commit("late"); // a released reservation holds nothing any more

        assertThat(ledger.toString()).contains("spent 0, held 0");
        ledger.reserve(fiveSeconds()).commit("b");
        ledger.settle("unknown-id", Optional.of(BigDecimal.TEN)); // not committed here: ignored
        assertThat(ledger.toString()).contains("spent 0, held 0.560");
    }

    @Test
    void anUnknownEstimateIsRefusedSinceItCannotBeShownToFit() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("100"));

        assertThatThrownBy(() -> ledger.reserve(unknown()))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("cannot be estimated");
    }

    @Test
    void theUnlimitedLedgerLetsEverythingThroughAndRecordsNothing() {
        BudgetLedger ledger = BudgetLedger.unlimited();
        BudgetLedger.Reservation r = ledger.reserve(unknown());
        r.commit("a");
        r.release();
        ledger.settle("a", Optional.of(BigDecimal.ONE));
        ledger.refund("a");

        assertThat(ledger).isSameAs(BudgetLedger.unlimited());
        assertThat(ledger.toString()).isEqualTo("BudgetLedger.unlimited()");
    }

    @Test
    void aNegativeTotalIsRefused() {
        assertThatThrownBy(() -> BudgetLedger.inMemory(new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
