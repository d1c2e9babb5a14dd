package dev.kling4j.core.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a {@link PriceTable}: the per-second rates of one endpoint, with the date and source of the
 * figures and whether they were verified in a primary source.
 *
 * <p>A rate may be unknown (no published figure): estimates that need it then say so instead of guessing.
 * Besides the audio tiers, a reference-to-video row may have a {@linkplain #videoInputRate() video-input
 * rate}, billed when an element carries a video.
 *
 * <pre>{@code
 * PriceRow row = PriceRow.builder("kling_o3_standard_i2v")
 *         .audioOff(new BigDecimal("0.084"))
 *         .audioOn(new BigDecimal("0.112"))
 *         .date(LocalDate.of(2026, 8, 1))
 *         .source("fal model page")
 *         .build();
 * }</pre>
 */
public final class PriceRow {
    private final String endpoint;
    private final AudioPricing audioPricing;
    private final BigDecimal audioOff;
    private final BigDecimal audioOn;
    private final BigDecimal videoInput;
    private final boolean verified;
    private final PriceRow basedOn;
    private final String currency;
    private final String unit;
    private final LocalDate date;
    private final String source;
    private final String notes;

    private PriceRow(Builder b) {
        this.endpoint = requireText(b.endpoint, "endpoint");
        this.audioPricing = b.audioPricing;
        this.audioOff = b.audioOff;
        this.audioOn = b.audioPricing == AudioPricing.FLAT ? b.audioOff : b.audioOn;
        this.videoInput = b.videoInput;
        this.verified = b.verified;
        this.basedOn = b.basedOn;
        this.currency = requireText(b.currency, "currency");
        this.unit = requireText(b.unit, "unit");
        if (!unit.equals(PriceTable.UNIT)) {
            throw new IllegalArgumentException("price row " + endpoint + ": unit '" + unit
                    + "' is not supported; kling4j prices per " + PriceTable.UNIT + " of output");
        }
        this.date = Objects.requireNonNull(b.date, "price row " + endpoint + " needs a date");
        this.source = requireText(b.source, "source");
        this.notes = b.notes == null ? "" : b.notes;
    }

    /**
     * Starts a row for an endpoint.
     *
     * @param endpoint a model key ({@code kling_o3_pro_i2v}) or a fal endpoint id
     * @return a builder with currency {@code USD}, unit {@code second}, {@link AudioPricing#TIERED} and
     *     both rates unknown
     */
    public static Builder builder(String endpoint) {
        return new Builder(endpoint);
    }

    /**
     * A builder holding this row's values, to change some of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(endpoint);
        b.audioPricing = audioPricing;
        b.audioOff = audioOff;
        b.audioOn = audioPricing == AudioPricing.FLAT ? null : audioOn;
        b.videoInput = videoInput;
        b.verified = verified;
        b.basedOn = basedOn;
        b.currency = currency;
        b.unit = unit;
        b.date = date;
        b.source = source;
        b.notes = notes;
        return b;
    }

    /**
     * The endpoint this row prices.
     *
     * @return a model key or a fal endpoint id
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * How the row treats audio.
     *
     * @return tiered, flat or none
     */
    public AudioPricing audioPricing() {
        return audioPricing;
    }

    /**
     * The rate per second with audio off (also the flat rate, and the only rate without an audio tier).
     *
     * @return the rate, or empty when unknown
     */
    public Optional<BigDecimal> audioOffRate() {
        return Optional.ofNullable(audioOff);
    }

    /**
     * The rate per second with audio on.
     *
     * @return the rate (equal to the audio-off rate when flat), or empty when unknown or when the endpoint
     *     has no audio tier
     */
    public Optional<BigDecimal> audioOnRate() {
        return Optional.ofNullable(audioOn);
    }

    /**
     * The rate when an element of a reference-to-video request carries a video (Kling's video-input tier,
     * in which sound is off).
     *
     * @return the rate, or empty when unknown or when the endpoint has no such tier
     */
    public Optional<BigDecimal> videoInputRate() {
        return Optional.ofNullable(videoInput);
    }

    /**
     * Whether the figures were verified in a primary source (fal's own page or API); estimates made from an
     * unverified row say so.
     *
     * @return true when verified
     */
    public boolean verified() {
        return verified;
    }

    /**
     * Whether this row holds fal's live unit price, fetched from its pricing API, rather than a table's
     * figure.
     *
     * @return true for a live row
     */
    public boolean isLive() {
        return basedOn != null;
    }

    /**
     * For a live row, the table row it replaced: fal's pricing API gives one rate per endpoint, so the
     * rates it does not give (audio on, video input) come from there.
     *
     * @return the table row, or empty for a table row
     */
    public Optional<PriceRow> basedOn() {
        return Optional.ofNullable(basedOn);
    }

    /**
     * The currency of the rates.
     *
     * @return an ISO code, {@code USD} for fal
     */
    public String currency() {
        return currency;
    }

    /**
     * What one rate pays for.
     *
     * @return always {@code second} (of output video)
     */
    public String unit() {
        return unit;
    }

    /**
     * When the figures were taken from their source.
     *
     * @return the date
     */
    public LocalDate date() {
        return date;
    }

    /**
     * Where the figures come from.
     *
     * @return a short description of the source
     */
    public String source() {
        return source;
    }

    /**
     * Remarks on the figures, such as a known discrepancy with another source.
     *
     * @return the notes, possibly empty
     */
    public String notes() {
        return notes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PriceRow)) {
            return false;
        }
        PriceRow r = (PriceRow) o;
        return endpoint.equals(r.endpoint)
                && audioPricing == r.audioPricing
                && Objects.equals(audioOff, r.audioOff)
                && Objects.equals(audioOn, r.audioOn)
                && Objects.equals(videoInput, r.videoInput)
                && verified == r.verified
                && Objects.equals(basedOn, r.basedOn)
                && currency.equals(r.currency)
                && date.equals(r.date)
                && source.equals(r.source)
                && notes.equals(r.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                endpoint,
                audioPricing,
                audioOff,
                audioOn,
                videoInput,
                verified,
                basedOn,
                currency,
                date,
                source,
                notes);
    }

    @Override
    public String toString() {
        return "PriceRow{" + endpoint + ", audio off " + rate(audioOff) + ", audio on "
                + (audioPricing == AudioPricing.NONE ? "n/a" : rate(audioOn))
                + (videoInput == null ? "" : ", video input " + rate(videoInput)) + " " + currency + "/" + unit
                + ", " + date + ", " + source + (isLive() ? ", live" : verified ? ", verified" : ", unverified") + "}";
    }

    private static String rate(BigDecimal r) {
        return r == null ? "unknown" : r.toPlainString();
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a price row needs a non-blank " + name);
        }
        return value;
    }

    private static BigDecimal requireRate(BigDecimal rate) {
        Objects.requireNonNull(rate, "rate");
        if (rate.signum() < 0) {
            throw new IllegalArgumentException("a rate cannot be negative: " + rate.toPlainString());
        }
        return rate;
    }

    /** Builds a {@link PriceRow}. */
    public static final class Builder {
        private final String endpoint;
        private AudioPricing audioPricing = AudioPricing.TIERED;
        private BigDecimal audioOff;
        private BigDecimal audioOn;
        private BigDecimal videoInput;
        private boolean verified;
        private PriceRow basedOn;
        private String currency = "USD";
        private String unit = PriceTable.UNIT;
        private LocalDate date;
        private String source;
        private String notes;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * Sets the audio-off rate of a tiered row.
         *
         * @param rate per second, not negative
         * @return this builder
         */
        public Builder audioOff(BigDecimal rate) {
            this.audioOff = requireRate(rate);
            return this;
        }

        /**
         * Sets the audio-on rate of a tiered row.
         *
         * @param rate per second, not negative
         * @return this builder
         */
        public Builder audioOn(BigDecimal rate) {
            this.audioOn = requireRate(rate);
            this.audioPricing = AudioPricing.TIERED;
            return this;
        }

        /**
         * Makes this a flat row: one rate whether audio is on or off.
         *
         * @param rate per second, not negative
         * @return this builder
         */
        public Builder flat(BigDecimal rate) {
            this.audioOff = requireRate(rate);
            this.audioOn = null;
            this.audioPricing = AudioPricing.FLAT;
            return this;
        }

        /**
         * Makes this a row without an audio tier (video-to-video): only the audio-off rate exists.
         *
         * @param rate per second, not negative
         * @return this builder
         */
        public Builder noAudioTier(BigDecimal rate) {
            this.audioOff = requireRate(rate);
            this.audioOn = null;
            this.audioPricing = AudioPricing.NONE;
            return this;
        }

        /**
         * Sets the video-input rate: what a second costs when an element carries a video (reference-to-video).
         *
         * @param rate per second, not negative
         * @return this builder
         */
        public Builder videoInput(BigDecimal rate) {
            this.videoInput = requireRate(rate);
            return this;
        }

        /**
         * Says whether the figures were verified in a primary source (fal's page or API).
         *
         * @param verified true when verified; default false
         * @return this builder
         */
        public Builder verified(boolean verified) {
            this.verified = verified;
            return this;
        }

        /** Makes this a live row (fal's pricing API) that replaced a table row, or a table row when null. */
        Builder basedOn(PriceRow tableRow) {
            this.basedOn = tableRow;
            return this;
        }

        /**
         * Sets the currency.
         *
         * @param currency an ISO code; default {@code USD}
         * @return this builder
         */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /**
         * Sets the unit; only {@code second} is supported.
         *
         * @param unit the unit; default {@code second}
         * @return this builder
         */
        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        /**
         * Sets the date the figures were taken.
         *
         * @param date the date; required
         * @return this builder
         */
        public Builder date(LocalDate date) {
            this.date = date;
            return this;
        }

        /**
         * Sets where the figures come from.
         *
         * @param source e.g. {@code fal model page}; required
         * @return this builder
         */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * Sets remarks on the figures.
         *
         * @param notes free text; default empty
         * @return this builder
         */
        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /**
         * Builds the row.
         *
         * @return the row
         * @throws IllegalArgumentException when the endpoint, currency or source is blank or the unit is not
         *     {@code second}
         * @throws NullPointerException when the date is missing
         */
        public PriceRow build() {
            return new PriceRow(this);
        }
    }
}
