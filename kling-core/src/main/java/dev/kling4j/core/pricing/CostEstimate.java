package dev.kling4j.core.pricing;

import dev.kling4j.core.catalog.EndpointSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one successful output is expected to cost, with its breakdown: billed seconds × the rate of the
 * audio tier used, from which price row, of which date and source.
 *
 * <p>An estimate is either known, with a {@link #total()}, or unknown, with a {@link #unknownReason()}:
 * kling4j never guesses a price. fal charges only successful outputs; queue time and failures are free.
 *
 * <p>Rounding: the total has scale 3 (a tenth of a cent). With the shipped rates (at most 3 decimals) and
 * whole seconds the product is exact; a user rate with more decimals is rounded {@link RoundingMode#HALF_UP}.
 */
public final class CostEstimate {
    /** The scale of {@link #total()}: three decimals. */
    public static final int SCALE = 3;

    private final EndpointSpec endpoint;
    private final OptionalInt billedSeconds;
    private final boolean audio;
    private final PriceRow row;
    private final AudioTier audioTier;
    private final BigDecimal rate;
    private final BigDecimal total;
    private final String unknownReason;
    private final String notice;

    private CostEstimate(
            EndpointSpec endpoint,
            OptionalInt billedSeconds,
            boolean audio,
            PriceRow row,
            AudioTier audioTier,
            BigDecimal rate,
            BigDecimal total,
            String unknownReason,
            String notice) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.billedSeconds = billedSeconds;
        this.audio = audio;
        this.row = row;
        this.audioTier = audioTier;
        this.rate = rate;
        this.total = total;
        this.unknownReason = unknownReason;
        this.notice = notice;
    }

    static CostEstimate known(
            EndpointSpec endpoint,
            int seconds,
            boolean audio,
            PriceRow row,
            AudioTier tier,
            BigDecimal rate,
            String notice) {
        return new CostEstimate(
                endpoint, OptionalInt.of(seconds), audio, row, tier, rate, cost(rate, seconds), null, notice);
    }

    static CostEstimate unknown(
            EndpointSpec endpoint,
            OptionalInt seconds,
            boolean audio,
            PriceRow row,
            AudioTier tier,
            String reason,
            String notice) {
        return new CostEstimate(endpoint, seconds, audio, row, tier, null, null, reason, notice);
    }

    /** Money for a quantity at a rate, at the scale of every total. */
    static BigDecimal cost(BigDecimal rate, BigDecimal quantity) {
        return rate.multiply(quantity).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal cost(BigDecimal rate, int seconds) {
        return cost(rate, BigDecimal.valueOf(seconds));
    }

    /**
     * Whether the estimate has a total.
     *
     * @return true when the price and the billed seconds are both known
     */
    public boolean isKnown() {
        return total != null;
    }

    /**
     * The estimated cost in {@link #currency()}, scale {@value #SCALE}.
     *
     * @return the total, or empty when unknown
     */
    public Optional<BigDecimal> total() {
        return Optional.ofNullable(total);
    }

    /**
     * Why the estimate has no total.
     *
     * @return the reason, or empty when the estimate is known
     */
    public Optional<String> unknownReason() {
        return Optional.ofNullable(unknownReason);
    }

    /**
     * The endpoint estimated.
     *
     * @return the endpoint
     */
    public EndpointSpec endpoint() {
        return endpoint;
    }

    /**
     * The seconds billed: the requested duration, or the input video's length for video-to-video.
     *
     * @return the seconds, or empty when not known
     */
    public OptionalInt billedSeconds() {
        return billedSeconds;
    }

    /**
     * Whether audio generation was asked for.
     *
     * @return the flag as given to {@link PriceTable#estimate}
     */
    public boolean audioRequested() {
        return audio;
    }

    /**
     * Which rate of the row applies.
     *
     * @return the tier, or empty when the table has no row for the endpoint
     */
    public Optional<AudioTier> audioTier() {
        return Optional.ofNullable(audioTier);
    }

    /**
     * The rate per second used.
     *
     * @return the rate, or empty when unknown
     */
    public Optional<BigDecimal> rate() {
        return Optional.ofNullable(rate);
    }

    /**
     * The price row used, with its date and source.
     *
     * @return the row, or empty when the table has none for the endpoint
     */
    public Optional<PriceRow> row() {
        return Optional.ofNullable(row);
    }

    /**
     * Where the rate comes from: fal's live pricing API or a table, with the date, the source and whether
     * the figure was verified.
     *
     * @return the source, or empty when the table has no row for the endpoint
     */
    public Optional<PriceSource> priceSource() {
        return Optional.ofNullable(row).map(PriceSource::of);
    }

    /**
     * Whether the rate was verified in a primary source (fal's page or pricing API).
     *
     * @return false when the rate comes from an unverified row, or there is no row
     */
    public boolean isVerified() {
        return priceSource().map(PriceSource::verified).orElse(false);
    }

    /**
     * A remark on how the prices were chosen, such as why fal's live prices could not be used.
     *
     * @return the remark, or empty
     */
    public Optional<String> priceNotice() {
        return Optional.ofNullable(notice);
    }

    /**
     * The cost of what fal says it billed, at this estimate's rate: units × rate.
     *
     * @param billedUnits the quantity fal billed ({@code x-fal-billable-units}: seconds of output here)
     * @return the cost, scale {@value #SCALE}, or empty when this estimate has no rate
     */
    public Optional<BigDecimal> costOf(BigDecimal billedUnits) {
        Objects.requireNonNull(billedUnits, "billedUnits");
        return rate().map(r -> cost(r, billedUnits));
    }

    /**
     * The currency of the total.
     *
     * @return the row's currency, {@code USD} when there is no row
     */
    public String currency() {
        return row == null ? "USD" : row.currency();
    }

    /**
     * The estimate as one line, e.g.
     * {@code kling_o3_standard_i2v: 10 s × 0.112 USD/s (audio on) = 1.120 USD [table price of 2026-12-01, fal model page]}.
     *
     * @return the breakdown
     */
    @Override
    public String toString() {
        String dated = priceSource().map(s -> " [" + s + "]").orElse("");
        if (total == null) {
            return endpoint.key() + ": unknown cost: " + unknownReason + dated;
        }
        return endpoint.key() + ": " + billedSeconds.getAsInt() + " s × " + rate.toPlainString() + " " + currency()
                + "/s (" + tierName() + ") = " + total.toPlainString() + " " + currency() + dated;
    }

    private String tierName() {
        switch (audioTier) {
            case AUDIO_ON:
                return "audio on";
            case AUDIO_OFF:
                return "audio off";
            case FLAT:
                return "flat rate, audio " + (audio ? "on" : "off");
            case VIDEO_INPUT:
                return "video input";
            default:
                return "no audio tier";
        }
    }
}
