package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.RequestNotSentException;
import java.math.BigDecimal;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private final EndpointSpec proI2v =
            Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
    private final EndpointSpec proEdit =
            Catalog.standard().endpoint("kling_o3_pro_edit").orElseThrow();

    @Test
    void letsThroughAnEstimateEqualToTheCap() {
        CostEstimate estimate = PriceTable.standard().estimate(proI2v, OptionalInt.of(10), true); // 1.400

        assertThatCode(() -> Budget.maxCost(new BigDecimal("1.40")).check(estimate))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnEstimateOverTheCapWithEstimateAndLimitInTheMessage() {
        CostEstimate estimate = PriceTable.standard().estimate(proI2v, OptionalInt.of(10), true); // 1.400

        assertThatThrownBy(() -> Budget.maxCost(new BigDecimal("1.39")).check(estimate))
                .isInstanceOf(BudgetExceededException.class)
                .isInstanceOf(RequestNotSentException.class)
                .hasMessageContaining("estimated cost 1.400 USD exceeds the budget of 1.39 USD")
                .hasMessageContaining("10 s × 0.14 USD/s (audio on)")
                .satisfies(e -> {
                    BudgetExceededException b = (BudgetExceededException) e;
                    assertThat(b.limit()).isEqualByComparingTo("1.39");
                    assertThat(b.estimate()).isSameAs(estimate);
                    assertThat(b.requestId()).isEmpty();
                });
    }

    @Test
    void refusesAnUnknownEstimateUnlessTheBudgetAllowsIt() {
        CostEstimate unknown = PriceTable.standard().estimate(proEdit, OptionalInt.empty(), false);
        Budget budget = Budget.maxCost(new BigDecimal("5"));

        assertThatThrownBy(() -> budget.check(unknown))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("cannot be estimated")
                .hasMessageContaining("Budget.allowingUnknown()");
        assertThatCode(() -> budget.allowingUnknown().check(unknown)).doesNotThrowAnyException();
        assertThat(budget.allowsUnknown()).isFalse();
    }

    @Test
    void refusesANegativeCap() {
        assertThatThrownBy(() -> Budget.maxCost(new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be negative");
    }
}
