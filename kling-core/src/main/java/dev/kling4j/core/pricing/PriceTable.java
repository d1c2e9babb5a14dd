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
 * string, {@code "flat"}, {@code "n/a"} or {@code "unknown"}), {@code currency}, {@code unit}
 * ({@code second}), {@code date} ({@code YYYY-MM-DD}), {@code source} and optional {@code notes}.
 */
public final class PriceTable {
    /** The only unit kling4j prices in: one second of output video. */
    public static final String UNIT = "second";

    private static final String RESOURCE = "kling-o3-prices.json";
    private static final PriceTable STANDARD = loadStandard();

    private final Map<String, PriceRow> rows;

    private PriceTable(Map<String, PriceRow> rows) {
        this.rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /**
     * The table shipped with this version of kling4j: the product spec's figures (early 2026) and fal's
     * 4k flat rate; see each row's date, source and notes.
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
        return new Builder(rows);
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
     * <p>The estimate is unknown (never guessed) when the billed seconds are not known (e.g. a
     * video-to-video edit of a remote video), when the table has no row for the endpoint, or when the rate
     * needed is unknown. For an endpoint without an audio tier, {@code audio} is ignored.
     *
     * @param endpoint the endpoint
     * @param billedSeconds the requested duration (image-, text-, reference-to-video) or the input video's
     *     length in whole seconds (video-to-video), or empty when not known
     * @param audio whether {@code generate_audio} is on
     * @return the estimate
     * @throws IllegalArgumentException when billedSeconds is negative
     */
    public CostEstimate estimate(EndpointSpec endpoint, OptionalInt billedSeconds, boolean audio) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(billedSeconds, "billedSeconds");
        if (billedSeconds.isPresent() && billedSeconds.getAsInt() < 0) {
            throw new IllegalArgumentException("billed seconds cannot be negative: " + billedSeconds.getAsInt());
        }
        Optional<PriceRow> found = row(endpoint);
        if (found.isEmpty()) {
            return CostEstimate.unknown(endpoint, billedSeconds, audio, null, null,
                    "the price table has no row for " + endpoint.key() + "; add one with PriceTable.toBuilder()");
        }
        PriceRow row = found.get();
        AudioTier tier;
        Optional<BigDecimal> rate;
        switch (row.audioPricing()) {
            case FLAT:
                tier = AudioTier.FLAT;
                rate = row.audioOffRate();
                break;
            case NONE:
                tier = AudioTier.NO_AUDIO_TIER;
                rate = row.audioOffRate();
                break;
            default:
                tier = audio ? AudioTier.AUDIO_ON : AudioTier.AUDIO_OFF;
                rate = audio ? row.audioOnRate() : row.audioOffRate();
        }
        if (rate.isEmpty()) {
            return CostEstimate.unknown(endpoint, billedSeconds, audio, row, tier,
                    "no published " + describe(tier) + " price for " + endpoint.key() + " (" + row.source()
                            + "); add a row with PriceTable.toBuilder() to price it");
        }
        if (billedSeconds.isEmpty()) {
            return CostEstimate.unknown(endpoint, billedSeconds, audio, row, tier,
                    "the billed seconds are not known before the run (the input video's length could not be "
                            + "read: pass a local MP4/MOV file or set a duration)");
        }
        return CostEstimate.known(endpoint, billedSeconds.getAsInt(), audio, row, tier, rate.get());
    }

    private static String describe(AudioTier tier) {
        switch (tier) {
            case AUDIO_ON:
                return "audio-on";
            case AUDIO_OFF:
                return "audio-off";
            default:
                return "";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceTable && rows.equals(((PriceTable) o).rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
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
                b.noAudioTier(Objects.requireNonNull(offRate, "a row without an audio tier needs a known audio_off rate"));
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
            throw new IllegalArgumentException("\"" + field + "\" is '" + value
                    + "'; write a decimal string such as \"0.224\"", e);
        }
    }

    /** Builds a {@link PriceTable}; a row put for an endpoint replaces the row it had. */
    public static final class Builder {
        private final Map<String, PriceRow> rows;

        private Builder(Map<String, PriceRow> rows) {
            this.rows = new LinkedHashMap<>(rows);
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
            String key = Catalog.standard().endpoint(row.endpoint()).map(EndpointSpec::key).orElse(row.endpoint());
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
            rows.remove(Catalog.standard().endpoint(endpoint).map(EndpointSpec::key).orElse(endpoint));
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         */
        public PriceTable build() {
            return new PriceTable(rows);
        }
    }
}
