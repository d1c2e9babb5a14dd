package dev.kling4j.core.pricing;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.internal.http.HttpCall;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.internal.http.RetryMode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches live unit prices of the Kling O3 endpoints from fal's Platform API and refreshes a
 * {@link PriceTable} with them (see {@link FalPricing} for how an answer becomes rows).
 *
 * <pre>{@code
 * PriceTable fresh = FalPricingClient.create(client).refresh(PriceTable.standard(), LocalDate.now());
 * }</pre>
 */
public final class FalPricingClient {
    private static final int MAX_PAGES = 20; // a guard against a server that always says has_more

    private final KlingClient client;

    private FalPricingClient(KlingClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * A pricing client over a kling4j client (its key, API URL, transport and retries).
     *
     * @param client the client
     * @return the pricing client
     */
    public static FalPricingClient create(KlingClient client) {
        return new FalPricingClient(client);
    }

    /**
     * Fetches the current prices of the 13 endpoints and puts them over a table.
     *
     * @param current the table to refresh; its rows for endpoints fal does not price per second stay
     * @param asOf the date to record on the fetched rows
     * @return the refreshed table
     * @throws dev.kling4j.core.error.KlingException when fal answers an error or cannot be reached
     */
    public PriceTable refresh(PriceTable current, LocalDate asOf) {
        String ids = Catalog.standard().endpoints().stream().map(EndpointSpec::endpointId)
                .collect(Collectors.joining(","));
        List<PriceRow> rows = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            HttpUrl.Builder url = HttpUrl.get(client.apiUrl()).newBuilder()
                    .addPathSegments("models/pricing")
                    .addQueryParameter("endpoint_id", ids);
            if (cursor != null) {
                url.addQueryParameter("cursor", cursor);
            }
            String body;
            try (Response r = client.resources().transport()
                    .execute(HttpCall.of(new Request.Builder().url(url.build()).get().build(), RetryMode.READ))) {
                if (!r.isSuccessful()) {
                    throw HttpErrors.toException(r, null);
                }
                body = r.body().string();
            } catch (IOException e) {
                throw HttpErrors.readFailure(e, null);
            }
            rows.addAll(FalPricing.rows(body, current, asOf));
            try {
                var root = Json.mapper().readTree(body);
                cursor = root.path("next_cursor").asText(null);
                if (!root.path("has_more").asBoolean(false) || cursor == null) {
                    break;
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreachable: FalPricing.rows parsed this body", e);
            }
        }
        return current.toBuilder().putAll(rows).build();
    }
}
