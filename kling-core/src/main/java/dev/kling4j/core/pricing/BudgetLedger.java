package dev.kling4j.core.pricing;

import dev.kling4j.core.error.BudgetExceededException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A budget shared by many requests (and, with a store of your own, by many processes): the client reserves
 * each request's estimate before anything is sent, commits it under the request id once fal has the job, and
 * settles it when the job ends: at what fal billed, or refunded when fal bills nothing (a failed or cancelled
 * job). A per-request cap is {@link dev.kling4j.core.RequestOptions.Builder#maxCost}; a ledger is for a total.
 *
 * <p>The default is {@link #unlimited()}. {@link #inMemory(BigDecimal)} holds one process's total; a shared
 * ledger (a PostgreSQL table behind many workers, say) implements the four methods, each of which must be
 * safe to call from several threads at once. A reservation that cannot be committed (the submit failed, or
 * was refused before it was sent) is released; one whose submit outcome is unknown stays reserved, since fal
 * may have the job.
 *
 * <pre>{@code
 * BudgetLedger monthly = BudgetLedger.inMemory(new BigDecimal("50.00"));
 * KlingClient client = KlingClient.builder().apiKey(key).budgetLedger(monthly).build();
 * }</pre>
 */
public interface BudgetLedger {

    /**
     * Reserves what a request is estimated to cost, before anything is uploaded or sent.
     *
     * @param estimate the request's estimate (its total may be unknown)
     * @return the reservation, to commit or release
     * @throws BudgetExceededException when the estimate does not fit, or is unknown and this ledger refuses
     *     unknown estimates
     */
    Reservation reserve(CostEstimate estimate);

    /**
     * A job ended with its video: what fal billed replaces what was reserved for it.
     *
     * @param requestId the job's request id, as committed
     * @param billedCost what fal billed, or empty when fal did not say (the reserved estimate then stands)
     */
    void settle(String requestId, Optional<BigDecimal> billedCost);

    /**
     * A job ended without a video (failed, cancelled): fal bills nothing, so its reservation is given back.
     *
     * @param requestId the job's request id, as committed
     */
    void refund(String requestId);

    /** An amount held for one request until fal has it (commit) or it is not sent (release). */
    interface Reservation {
        /**
         * fal has the job: the amount stays held under its request id until {@link #settle} or {@link #refund}.
         *
         * @param requestId fal's request id
         */
        void commit(String requestId);

        /** Nothing was sent (or fal refused it): the amount is free again. Releasing twice does nothing. */
        void release();
    }

    /**
     * A ledger that lets everything through and records nothing: the default.
     *
     * @return the ledger
     */
    static BudgetLedger unlimited() {
        return Ledgers.UNLIMITED;
    }

    /**
     * A ledger of one process: a total that reservations, held and settled amounts together may not pass.
     * Unknown estimates are refused, since they cannot be shown to fit.
     *
     * @param total the most all requests together may cost, in the estimates' currency (USD)
     * @return a new, thread-safe ledger
     */
    static BudgetLedger inMemory(BigDecimal total) {
        Objects.requireNonNull(total, "total");
        if (total.signum() < 0) {
            throw new IllegalArgumentException("a budget cannot be negative: " + total.toPlainString());
        }
        return new Ledgers.InMemory(total);
    }
}
