package dev.kling4j.core.error;

import dev.kling4j.core.pricing.CostEstimate;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A request refused by its budget before anything was uploaded or submitted: its estimated cost exceeds
 * the cap, or is unknown and the budget does not allow unknown costs. The message says what to change
 * (a shorter duration, no audio, a cheaper tier, or a higher {@code maxCost}).
 */
public class BudgetExceededException extends RequestNotSentException {
    private static final long serialVersionUID = 1L;

    private final transient CostEstimate estimate;
    /** The budget that was exceeded. */
    private final BigDecimal limit;

    /**
     * Creates the exception.
     *
     * @param estimate the refused estimate
     * @param limit the cap it was checked against
     */
    public BudgetExceededException(CostEstimate estimate, BigDecimal limit) {
        super(format(estimate, limit));
        this.estimate = estimate;
        this.limit = limit;
    }

    /**
     * The refused estimate, with its breakdown.
     *
     * @return the estimate
     */
    public CostEstimate estimate() {
        return estimate;
    }

    /**
     * The cap the estimate was checked against.
     *
     * @return the cap
     */
    public BigDecimal limit() {
        return limit;
    }

    private static String format(CostEstimate estimate, BigDecimal limit) {
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(limit, "limit");
        String cap = limit.toPlainString() + " " + estimate.currency();
        if (estimate.isKnown()) {
            return "estimated cost " + estimate.total().orElseThrow().toPlainString() + " " + estimate.currency()
                    + " exceeds the budget of " + cap + " (" + estimate
                    + "); shorten the duration, turn audio off, pick a cheaper tier or raise maxCost";
        }
        return "the cost cannot be estimated, so the budget of " + cap + " cannot be shown to hold ("
                + estimate.unknownReason().orElse("") + "); fix the estimate or use Budget.allowingUnknown()";
    }
}
