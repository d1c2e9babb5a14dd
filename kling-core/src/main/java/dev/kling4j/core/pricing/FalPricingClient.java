package dev.kling4j.core.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.internal.ClientContext;
import dev.kling4j.core.internal.Urls;
import dev.kling4j.core.internal.http.HttpCall;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.internal.http.RetryMode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches live unit prices of the Kling O3 endpoints from fal's Platform API and refreshes a
 * {@link PriceTable} with them (see {@link FalPricing} for how an answer becomes rows).
 *
 * <pre>{@code
 * PriceTable fresh = client.pricingClient().refresh(PriceTable.standard(), LocalDate.now());
 * }</pre>
 */
public final class FalPricingClient {
    private static final int MAX_PAGES = 20; // a guard against a server that always says has_more
    private static final Logger LOG = LoggerFactory.getLogger("dev.kling4j.pricing");

    static {
        // KlingClient.pricingClient() makes one through this: the constructor takes the internal context.
        ClientAccess.registerFactory(FalPricingClient.class, FalPricingClient::new);
    }

    private final ClientContext context;

    private FalPricingClient(ClientContext context) {
        this.context = Objects.requireNonNull(context, "context");
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
        return apply(answers(), current, asOf);
    }

    /**
     * The table with fal's live prices in place of its own, read from a cache file when it is younger than
     * {@code maxAge} (and was fetched from this client's API URL), else fetched and written to that file.
     * Never throws for a fetch that fails: the table is then returned as it is, with a
     * {@linkplain PriceTable#notice() notice} saying why (logged once at WARN, since nothing is thrown).
     *
     * @param table the table the live rows replace rows of
     * @param cacheFile where fal's answers are kept between runs (its folder is created)
     * @param maxAge how long a cached answer stays good, e.g. 24 hours
     * @return the live table, or {@code table} with a notice
     */
    public PriceTable current(PriceTable table, Path cacheFile, Duration maxAge) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(cacheFile, "cacheFile");
        Objects.requireNonNull(maxAge, "maxAge");
        Instant now = context.clock().instant();
        Optional<Cached> cached = readCache(cacheFile);
        if (cached.isPresent()
                && cached.get().apiUrl().equals(Urls.text(context.apiUrl()))
                && Duration.between(cached.get().fetchedAt(), now).compareTo(maxAge) < 0
                && !cached.get().fetchedAt().isAfter(now)) {
            return apply(
                    cached.get().pages(),
                    table,
                    LocalDate.ofInstant(cached.get().fetchedAt(), ZoneOffset.UTC));
        }
        List<String> pages;
        try {
            pages = answers();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("fal's live prices could not be fetched ({}); estimating with the price table", why);
            return table.toBuilder()
                    .notice("fal's live prices could not be fetched (" + why + "); estimates use the price table")
                    .build();
        }
        writeCache(cacheFile, new Cached(Urls.text(context.apiUrl()), now, pages));
        return apply(pages, table, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    /** fal's answers as cached: where and when they were fetched. */
    private record Cached(String apiUrl, Instant fetchedAt, List<String> pages) {}

    private static Optional<Cached> readCache(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
            List<String> pages = new ArrayList<>();
            root.path("answers").forEach(a -> pages.add(a.asText()));
            return Optional.of(new Cached(
                    root.path("api_url").asText(),
                    Instant.parse(root.path("fetched_at").asText()),
                    List.copyOf(pages)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged cache is fetched again
        }
    }

    private static void writeCache(Path file, Cached cached) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            ObjectNode root = Json.mapper()
                    .createObjectNode()
                    .put("api_url", cached.apiUrl())
                    .put("fetched_at", cached.fetchedAt().toString());
            cached.pages().forEach(root.putArray("answers")::add);
            Path temp = Files.createTempFile(dir, ".prices", ".tmp");
            try {
                Files.write(temp, Json.mapper().writeValueAsBytes(root));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not cache fal's prices in {}: {}", file, e.toString()); // fetched again next run
        }
    }

    /** Every page of fal's answer for the endpoints of the table, as raw JSON. */
    List<String> answers() {
        String ids = Catalog.standard().endpoints().stream()
                .map(EndpointSpec::endpointId)
                .collect(Collectors.joining(","));
        List<String> pages = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            HttpUrl.Builder url = context.apiUrl()
                    .newBuilder()
                    .addPathSegments("models/pricing")
                    .addQueryParameter("endpoint_id", ids);
            if (cursor != null) {
                url.addQueryParameter("cursor", cursor);
            }
            String body;
            try (Response r = context.resources()
                    .transport()
                    .execute(HttpCall.of(
                            new Request.Builder().url(url.build()).get().build(), RetryMode.READ))) {
                if (!r.isSuccessful()) {
                    throw HttpErrors.toException(r, null);
                }
                body = r.body().string();
            } catch (IOException e) {
                throw HttpErrors.readFailure(e, null);
            }
            FalPricing.rows(body, PriceTable.standard(), LocalDate.EPOCH); // fails here on an unreadable page
            pages.add(body);
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
        return pages;
    }

    /** The table with the live rows of fal's answer pages in place of its own. */
    static PriceTable apply(List<String> pages, PriceTable current, LocalDate asOf) {
        List<PriceRow> rows = new ArrayList<>();
        for (String page : pages) {
            rows.addAll(FalPricing.rows(page, current, asOf));
        }
        return current.toBuilder().putAll(rows).build();
    }
}
