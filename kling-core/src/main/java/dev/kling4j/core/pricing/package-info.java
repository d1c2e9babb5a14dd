/**
 * Prices and cost estimates: the dated {@link dev.kling4j.core.pricing.PriceTable}, the
 * {@link dev.kling4j.core.pricing.CostEstimate} with its breakdown, and the
 * {@link dev.kling4j.core.pricing.Budget} checked before anything is spent. Money is {@code BigDecimal}.
 */
package dev.kling4j.core.pricing;
