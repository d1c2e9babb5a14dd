package dev.kling4j.core.pricing;

import dev.kling4j.core.error.BudgetExceededException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The shipped {@link BudgetLedger}s. */
final class Ledgers {
    private Ledgers() {}

    static final BudgetLedger UNLIMITED = new BudgetLedger() {
        @Override
        public Reservation reserve(CostEstimate estimate) {
            return NOTHING;
        }

        @Override
        public void settle(String requestId, Optional<BigDecimal> billedCost) {
            // nothing is recorded
        }

        @Override
        public void refund(String requestId) {
            // nothing is recorded
        }

        @Override
        public String toString() {
            return "BudgetLedger.unlimited()";
        }
    };

    private static final BudgetLedger.Reservation NOTHING = new BudgetLedger.Reservation() {
        @Override
        public void commit(String requestId) {
            // nothing is held
        }

        @Override
        public void release() {
            // nothing is held
        }
    };

    /** One process's total: spent (settled) plus held (reserved or committed) never passes it. */
    static final class InMemory implements BudgetLedger {
        private final BigDecimal total;
        private BigDecimal spent = BigDecimal.ZERO;
        private BigDecimal held = BigDecimal.ZERO;
        private final Map<String, BigDecimal> committed = new HashMap<>();

        InMemory(BigDecimal total) {
            this.total = total;
        }

        @Override
        public synchronized Reservation reserve(CostEstimate estimate) {
            BigDecimal amount = estimate.total().orElse(null);
            BigDecimal left = total.subtract(spent).subtract(held);
            if (amount == null || amount.compareTo(left) > 0) {
                // "the budget" is what is left of the total: spent and held amounts are gone from it
                throw new BudgetExceededException(estimate, left);
            }
            held = held.add(amount);
            return new Held(amount);
        }

        @Override
        public synchronized void settle(String requestId, Optional<BigDecimal> billedCost) {
            BigDecimal reserved = committed.remove(requestId);
            if (reserved != null) {
                held = held.subtract(reserved);
                spent = spent.add(billedCost.orElse(reserved));
            }
        }

        @Override
        public synchronized void refund(String requestId) {
            BigDecimal reserved = committed.remove(requestId);
            if (reserved != null) {
                held = held.subtract(reserved);
            }
        }

        synchronized BigDecimal spent() {
            return spent;
        }

        @Override
        public synchronized String toString() {
            return "BudgetLedger.inMemory(" + total.toPlainString() + "; spent " + spent.toPlainString() + ", held "
                    + held.toPlainString() + ")";
        }

        /** An amount held until committed or released. */
        private final class Held implements Reservation {
            private final BigDecimal amount;
            private boolean open = true;

            Held(BigDecimal amount) {
                this.amount = amount;
            }

            @Override
            public void commit(String requestId) {
                synchronized (InMemory.this) {
                    if (open) {
                        open = false;
                        committed.put(requestId, amount);
                    }
                }
            }

            @Override
            public void release() {
                synchronized (InMemory.this) {
                    if (open) {
                        open = false;
                        held = held.subtract(amount);
                    }
                }
            }
        }
    }
}
