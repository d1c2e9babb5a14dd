package dev.kling4j.core.pricing;

import dev.kling4j.core.error.BudgetExceededException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A cost cap checked before anything is uploaded or submitted.
 *
 * <p>By default an estimate whose total is unknown is refused too: a cap that cannot be shown to hold is
 * not a cap. {@link #allowingUnknown()} lets such requests through.
 *
 * <pre>{@code
 * Budget budget = Budget.maxCost(new BigDecimal("2.00"));
 * budget.check(estimate); // throws BudgetExceededException above 2.00 USD
 * }</pre>
 */
public final class Budget {
    private final BigDecimal maxCost;
    private final boolean allowUnknown;

    private Budget(BigDecimal maxCost, boolean allowUnknown) {
        this.maxCost = maxCost;
        this.allowUnknown = allowUnknown;
    }

    /**
     * A cap on the estimated cost of one request, in the price table's currency (USD).
     *
     * @param maxCost the most one request may cost; not negative
     * @return a budget that also refuses unknown estimates
     * @throws IllegalArgumentException when maxCost is negative
     */
    public static Budget maxCost(BigDecimal maxCost) {
        Objects.requireNonNull(maxCost, "maxCost");
        if (maxCost.signum() < 0) {
            throw new IllegalArgumentException("maxCost cannot be negative: " + maxCost.toPlainString());
        }
        return new Budget(maxCost, false);
    }

    /**
     * This budget, letting through estimates whose total is unknown.
     *
     * @return a new budget
     */
    public Budget allowingUnknown() {
        return new Budget(maxCost, true);
    }

    /**
     * The cap.
     *
     * @return the most one request may cost
     */
    public BigDecimal maxCost() {
        return maxCost;
    }

    /**
     * Whether estimates with an unknown total pass.
     *
     * @return true after {@link #allowingUnknown()}
     */
    public boolean allowsUnknown() {
        return allowUnknown;
    }

    /**
     * Refuses an estimate over the cap (or unknown, unless allowed).
     *
     * @param estimate the estimate of the request about to run
     * @throws BudgetExceededException when the total exceeds the cap, or is unknown and unknowns are not
     *     allowed
     */
    public void check(CostEstimate estimate) {
        Objects.requireNonNull(estimate, "estimate");
        if (estimate.isKnown()) {
            if (estimate.total().orElseThrow().compareTo(maxCost) > 0) {
                throw new BudgetExceededException(estimate, maxCost);
            }
        } else if (!allowUnknown) {
            throw new BudgetExceededException(estimate, maxCost);
        }
    }

    @Override
    public String toString() {
        return "Budget{maxCost=" + maxCost.toPlainString() + (allowUnknown ? ", allowing unknown" : "") + "}";
    }
}
