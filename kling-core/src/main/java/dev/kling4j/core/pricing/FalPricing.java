package dev.kling4j.core.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.internal.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an answer of fal's Platform pricing API ({@code GET https://api.fal.ai/v1/models/pricing?endpoint_id=…})
 * into price rows, to refresh a {@link PriceTable}.
 *
 * <p>fal serves one {@code unit_price} per endpoint, without an audio tier. kling4j reads it as the audio-off
 * rate (the base rate); the shape of the current row is kept: a flat row stays flat, a row without an audio
 * tier stays so. The rows are live ({@link PriceRow#isLive()}) and keep the table row they replace, whose
 * audio-on and video-input rates estimates then use, saying so in their {@link CostEstimate#priceSource()}.
 * Prices in any unit but seconds, and endpoints kling4j does not serve, are left out.
 *
 * <pre>{@code
 * PriceTable fresh = PriceTable.standard().toBuilder()
 *         .putAll(FalPricing.rows(json, PriceTable.standard(), LocalDate.now()))
 *         .build();
 * }</pre>
 */
public final class FalPricing {
    private static final Set<String> SECONDS = Set.of("second", "seconds", "sec", "s", "per second", "video seconds");

    private FalPricing() {}

    /**
     * Reads the rows of one page of fal's answer.
     *
     * @param json the response body: {@code {"prices":[{"endpoint_id","unit_price","unit","currency"}],…}}
     * @param current the table whose row shapes (tiered, flat, no audio tier) to keep
     * @param asOf the date the answer was fetched
     * @return one row per Kling O3 endpoint priced per second, in the answer's order
     * @throws IllegalArgumentException when the body is not such an answer
     */
    public static List<PriceRow> rows(String json, PriceTable current, LocalDate asOf) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(asOf, "asOf");
        JsonNode root;
        try {
            root = Json.mapper().readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fal's pricing answer is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode prices = root == null ? null : root.get("prices");
        if (prices == null || !prices.isArray()) {
            throw new IllegalArgumentException("fal's pricing answer has no \"prices\" array");
        }
        List<PriceRow> rows = new ArrayList<>();
        for (JsonNode p : prices) {
            Optional<EndpointSpec> endpoint =
                    Catalog.standard().endpoint(p.path("endpoint_id").asText(""));
            String unit = p.path("unit").asText("").trim().toLowerCase(Locale.ROOT);
            JsonNode price = p.get("unit_price");
            BigDecimal rate = price == null ? null : decimal(price.asText());
            if (endpoint.isEmpty() || !SECONDS.contains(unit) || rate == null || rate.signum() < 0) {
                continue;
            }
            PriceRow table = current.row(endpoint.get()).orElse(null);
            AudioPricing shape = table == null ? AudioPricing.TIERED : table.audioPricing();
            PriceRow.Builder row = PriceRow.builder(endpoint.get().key())
                    .currency(p.path("currency").asText("USD"))
                    .date(asOf)
                    .source("fal's pricing API")
                    .verified(true)
                    .basedOn(table == null ? placeholder(endpoint.get(), asOf) : table)
                    .notes("fal serves one unit price per endpoint, without an audio tier: read as the base rate; "
                            + "an audio-on or video-input rate is the table's");
            switch (shape) {
                case FLAT:
                    row.flat(rate);
                    break;
                case NONE:
                    row.noAudioTier(rate);
                    break;
                default:
                    row.audioOff(rate);
            }
            rows.add(row.build());
        }
        return List.copyOf(rows);
    }

    /** The table row of an endpoint the table does not price: no rate beyond the live one. */
    private static PriceRow placeholder(EndpointSpec endpoint, LocalDate asOf) {
        return PriceRow.builder(endpoint.key())
                .date(asOf)
                .source("no table row")
                .build();
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null; // not a price: left out like an unknown unit
        }
    }
}
