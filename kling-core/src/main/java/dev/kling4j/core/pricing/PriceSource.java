package dev.kling4j.core.pricing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where the rate of a {@link CostEstimate} comes from: fal's live pricing API or a price table, the date of
 * the figure, its source and whether it was verified.
 *
 * @param live true when the rate is fal's live unit price (its pricing API), false for a table's figure
 * @param date when a live price was fetched, or the date of the table's figure
 * @param source where the figure comes from, e.g. {@code fal model page}
 * @param verified whether the figure was verified in a primary source; a live price always is
 */
public record PriceSource(boolean live, LocalDate date, String source, boolean verified) {

    /**
     * Validates the components.
     *
     * @param live true when the rate is fal's live unit price (its pricing API), false for a table's figure
     * @param date when a live price was fetched, or the date of the table's figure
     * @param source where the figure comes from, e.g. {@code fal model page}
     * @param verified whether the figure was verified in a primary source; a live price always is
     */
    public PriceSource {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(source, "source");
    }

    static PriceSource of(PriceRow row) {
        return new PriceSource(row.isLive(), row.date(), row.source(), row.isLive() || row.verified());
    }

    /**
     * The source as a phrase, e.g. {@code live price from fal's pricing API, fetched 2026-12-02} or
     * {@code table price of 2026-12-01, unverified: Kling's rate for O3 Pro as relayed by resellers}.
     *
     * @return the phrase
     */
    @Override
    public String toString() {
        if (live) {
            return "live price from " + source + ", fetched " + date;
        }
        return "table price of " + date + (verified ? ", " : ", unverified: ") + source;
    }
}
