package dev.kling4j.core.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-second prices of the Kling O3 endpoints, each row dated and sourced, and the cost estimates made
 * from them.
 *
 * <p>Prices change without notice (fal halved many Kling prices during 2026), so they are data, never
 * constants: {@link #standard()} reads the table shipped in
 * {@code dev/kling4j/core/pricing/kling-o3-prices.json}; {@link #load(Path)} reads a file of the same
 * format; {@link #toBuilder()} overrides rows. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.standard().toBuilder()
 *         .put(PriceRow.builder("kling_o3_standard_i2v")
 *                 .audioOff(new BigDecimal("0.084"))
 *                 .audioOn(new BigDecimal("0.112"))
 *                 .date(LocalDate.of(2026, 8, 1))
 *                 .source("fal model page")
 *                 .build())
 *         .build();
 * EndpointSpec endpoint = Catalog.standard().endpoint("kling_o3_standard_i2v").orElseThrow();
 * CostEstimate estimate = prices.estimate(endpoint, OptionalInt.of(10), true);
 * estimate.total(); // Optional[1.120]
 * }</pre>
 *
 * <p>File format: a JSON object with a {@code prices} array; each row has {@code endpoint} (model key or
 * endpoint id), {@code audio_off} (a decimal string or {@code "unknown"}), {@code audio_on} (a decimal
 * string, {@code "flat"}, {@code "n/a"} or {@code "unknown"}), optional {@code video_input} (the rate when an
 * element carries a video: a decimal string, {@code "unknown"} or {@code "n/a"}, the default),
 * {@code currency}, {@code unit} ({@code second}), {@code date} ({@code YYYY-MM-DD}), {@code source},
 * optional {@code verified} ({@code true} when checked in a primary source; default false) and optional
 * {@code notes}.
 */
public final class PriceTable {
    /** The only unit kling4j prices in: one second of output video. */
    public static final String UNIT = "second";

    private static final String RESOURCE = "kling-o3-prices.json";
    private static final PriceTable STANDARD = loadStandard();

    private final Map<String, PriceRow> rows;
    private final String notice;

    private PriceTable(Map<String, PriceRow> rows, String notice) {
        this.rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        this.notice = notice;
    }

    /**
     * The table shipped with this version of kling4j: the figures known in December 2026, each row with
     * its date, source and whether it was verified; see the rows' notes.
     *
     * @return the shared, immutable table
     */
    public static PriceTable standard() {
        return STANDARD;
    }

    /**
     * Reads a table from a JSON file in the format of the shipped one (see the class documentation).
     *
     * @param file the file
     * @return the table
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when the file is not a valid price table; the message names the row
     *     and field
     */
    public static PriceTable load(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price table " + file, e);
        }
    }

    /**
     * Starts an empty table.
     *
     * @return a builder with no rows
     */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /**
     * A builder holding this table's rows, to override or add some.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(rows).notice(notice);
    }

    /**
     * A remark every estimate of this table carries, e.g. that fal's live prices could not be fetched and
     * the shipped table was used instead.
     *
     * @return the remark, or empty
     */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /**
     * Every row, in the table's order.
     *
     * @return an immutable list
     */
    public List<PriceRow> rows() {
        return List.copyOf(rows.values());
    }

    /**
     * Finds the row of an endpoint: the row keyed by its model key, else the row keyed by its endpoint id.
     *
     * @param endpoint the endpoint
     * @return the row, or empty when the table does not price the endpoint
     */
    public Optional<PriceRow> row(EndpointSpec endpoint) {
        PriceRow byKey = rows.get(endpoint.key());
        return Optional.ofNullable(byKey != null ? byKey : rows.get(endpoint.endpointId()));
    }

    /**
     * Estimates what one successful output costs: billed seconds × the rate of the audio tier.
     *
     * @param endpoint the endpoint
     * @param billedSeconds the requested duration, or the input video's length in whole seconds
     *     (video-to-video), or empty when not known
     * @param audio whether {@code generate_audio} is on
     * @return the estimate
     * @throws IllegalArgumentException when billedSeconds is negative
     * @see #estimate(EndpointSpec, OptionalInt, boolean, boolean)
     */
    public CostEstimate estimate(EndpointSpec endpoint, OptionalInt billedSeconds, boolean audio) {
        return estimate(endpoint, billedSeconds, audio, false);
    }

    /**
     * Estimates what one successful output costs: billed seconds × the rate that applies: the video-input
     * rate when an element carries a video, else the rate of the audio tier.
     *
     * <p>The estimate is unknown (never guessed) when the billed seconds are not known (e.g. a
     * video-to-video edit of a remote video), when the table has no row for the endpoint, or when the rate
     * needed is unknown. For an endpoint without an audio tier, {@code audio} is ignored. A live row (fal's
     * pricing API) gives one rate per endpoint; the audio-on and video-input rates then come from the table
     * row it replaced, and the estimate's {@link CostEstimate#priceSource()} says so.
     *
     * @param endpoint the endpoint
     * @param billedSeconds the requested duration (image-, text-, reference-to-video) or the input video's
     *     length in whole seconds (video-to-video), or empty when not known
     * @param audio whether {@code generate_audio} is on
     * @param videoInput whether an element of the request carries a video (reference-to-video)
     * @return the estimate
     * @throws IllegalArgumentException when billedSeconds is negative
     */
    public CostEstimate estimate(EndpointSpec endpoint, OptionalInt billedSeconds, boolean audio, boolean videoInput) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(billedSeconds, "billedSeconds");
        if (billedSeconds.isPresent() && billedSeconds.getAsInt() < 0) {
            throw new IllegalArgumentException("billed seconds cannot be negative: " + billedSeconds.getAsInt());
        }
        Optional<PriceRow> found = row(endpoint);
        if (found.isEmpty()) {
            return CostEstimate.unknown(
                    endpoint,
                    billedSeconds,
                    audio,
                    null,
                    null,
                    "the price table has no row for " + endpoint.key() + "; add one with PriceTable.toBuilder()",
                    notice);
        }
        AudioTier tier = tier(found.get(), audio, videoInput);
        // fal's live price is the base rate only: the other rates stay the table's, and say so.
        PriceRow row = found.get().isLive() && (tier == AudioTier.AUDIO_ON || tier == AudioTier.VIDEO_INPUT)
                ? found.get().basedOn().orElseThrow()
                : found.get();
        Optional<BigDecimal> rate = switch (tier) {
            case AUDIO_ON -> row.audioOnRate();
            case VIDEO_INPUT -> row.videoInputRate();
            default -> row.audioOffRate();
        };
        if (rate.isEmpty()) {
            return CostEstimate.unknown(
                    endpoint,
                    billedSeconds,
                    audio,
                    row,
                    tier,
                    "no published " + describe(tier) + " price for " + endpoint.key() + " (" + row.source()
                            + "); add a row with PriceTable.toBuilder() to price it",
                    notice);
        }
        if (billedSeconds.isEmpty()) {
            return CostEstimate.unknown(
                    endpoint,
                    billedSeconds,
                    audio,
                    row,
                    tier,
                    "the billed seconds are not known before the run (the input video's length could not be "
                            + "read: pass a local MP4/MOV file or set a duration)",
                    notice);
        }
        return CostEstimate.known(endpoint, billedSeconds.getAsInt(), audio, row, tier, rate.get(), notice);
    }

    private static AudioTier tier(PriceRow row, boolean audio, boolean videoInput) {
        if (row.audioPricing() == AudioPricing.NONE) {
            return AudioTier.NO_AUDIO_TIER; // video-to-video: its one rate is already the video-input rate
        }
        if (videoInput) {
            return AudioTier.VIDEO_INPUT;
        }
        if (row.audioPricing() == AudioPricing.FLAT) {
            return AudioTier.FLAT;
        }
        return audio ? AudioTier.AUDIO_ON : AudioTier.AUDIO_OFF;
    }

    private static String describe(AudioTier tier) {
        switch (tier) {
            case AUDIO_ON:
                return "audio-on";
            case AUDIO_OFF:
                return "audio-off";
            case VIDEO_INPUT:
                return "video-input";
            default:
                return "";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceTable t && rows.equals(t.rows) && Objects.equals(notice, t.notice);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, notice);
    }

    @Override
    public String toString() {
        return "PriceTable" + rows.values();
    }

    private static PriceTable loadStandard() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kling4j is missing its price table " + RESOURCE);
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kling4j's price table " + RESOURCE, e);
        }
    }

    private static PriceTable parse(InputStream in, String origin) throws IOException {
        JsonNode root = Json.mapper().readTree(in);
        JsonNode prices = root == null ? null : root.get("prices");
        if (prices == null || !prices.isArray()) {
            throw new IllegalArgumentException(origin + ": a price table is a JSON object with a \"prices\" array");
        }
        Builder table = builder();
        int i = 0;
        for (JsonNode r : prices) {
            String where = origin + ": prices[" + i++ + "]";
            try {
                table.put(parseRow(r));
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return table.build();
    }

    private static PriceRow parseRow(JsonNode r) {
        PriceRow.Builder b = PriceRow.builder(text(r, "endpoint"));
        String off = text(r, "audio_off");
        String on = text(r, "audio_on");
        BigDecimal offRate = off.equals("unknown") ? null : decimal(off, "audio_off");
        switch (on) {
            case "flat":
                b.flat(Objects.requireNonNull(offRate, "a flat row needs a known audio_off rate"));
                break;
            case "n/a":
                b.noAudioTier(
                        Objects.requireNonNull(offRate, "a row without an audio tier needs a known audio_off rate"));
                break;
            case "unknown":
                if (offRate != null) {
                    b.audioOff(offRate);
                }
                break;
            default:
                if (offRate != null) {
                    b.audioOff(offRate);
                }
                b.audioOn(decimal(on, "audio_on"));
        }
        String video = r.path("video_input").asText("n/a").trim();
        if (!video.equals("n/a") && !video.equals("unknown")) {
            b.videoInput(decimal(video, "video_input"));
        }
        JsonNode verified = r.get("verified");
        if (verified != null && !verified.isBoolean()) {
            throw new IllegalArgumentException("\"verified\" is " + verified + "; write true or false");
        }
        b.verified(verified != null && verified.booleanValue());
        String notes = r.path("notes").asText("");
        return b.currency(text(r, "currency"))
                .unit(text(r, "unit"))
                .date(LocalDate.parse(text(r, "date")))
                .source(text(r, "source"))
                .notes(notes)
                .build();
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v.asText().trim();
    }

    private static BigDecimal decimal(String value, String field) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "\"" + field + "\" is '" + value + "'; write a decimal string such as \"0.224\"", e);
        }
    }

    /** Builds a {@link PriceTable}; a row put for an endpoint replaces the row it had. */
    public static final class Builder {
        private final Map<String, PriceRow> rows;
        private String notice;

        private Builder(Map<String, PriceRow> rows) {
            this.rows = new LinkedHashMap<>(rows);
        }

        /**
         * Sets the remark every estimate of the table carries; {@code null} clears it.
         *
         * @param notice e.g. why fal's live prices were not used
         * @return this builder
         */
        public Builder notice(String notice) {
            this.notice = notice;
            return this;
        }

        /**
         * Adds a row, replacing the row of the same endpoint if there is one.
         *
         * @param row the row
         * @return this builder
         */
        public Builder put(PriceRow row) {
            Objects.requireNonNull(row, "row");
            // A row written with an endpoint id replaces the row written with its model key, and back.
            String key = Catalog.standard()
                    .endpoint(row.endpoint())
                    .map(EndpointSpec::key)
                    .orElse(row.endpoint());
            rows.put(key, row);
            return this;
        }

        /**
         * Adds every row of another table, replacing rows of the same endpoints (e.g. overrides read with
         * {@link PriceTable#load(Path)}).
         *
         * @param overrides the rows to add
         * @return this builder
         */
        public Builder putAll(PriceTable overrides) {
            return putAll(overrides.rows.values());
        }

        /**
         * Adds rows, replacing rows of the same endpoints.
         *
         * @param overrides the rows to add
         * @return this builder
         */
        public Builder putAll(Collection<PriceRow> overrides) {
            new ArrayList<>(overrides).forEach(this::put);
            return this;
        }

        /**
         * Removes the row of an endpoint, so that its estimates say the price is unknown.
         *
         * @param endpoint a model key or endpoint id
         * @return this builder
         */
        public Builder remove(String endpoint) {
            rows.remove(
                    Catalog.standard().endpoint(endpoint).map(EndpointSpec::key).orElse(endpoint));
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         */
        public PriceTable build() {
            return new PriceTable(rows, notice);
        }
    }
}
