package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.testing.FakeSleeper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KlingClient#prices()}: fal's live unit prices, fetched once, cached a day, the table on failure. */
class LivePricesTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final EndpointSpec PRO_I2V =
            Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
    static final String ANSWER = "{\"prices\":[{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/image-to-video\","
            + "\"unit_price\":0.1,\"unit\":\"second\",\"currency\":\"USD\"}],\"has_more\":false}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path home;

    KlingClient client(Instant now) {
        return KlingClient.builder()
                .apiKey("test-key")
                .apiUrl(server.url("/v1").toString())
                .livePrices(true) // on loopback live prices are off unless asked for
                .home(home)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .sleeper(new FakeSleeper())
                .build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @Test
    void liveUnitPricesAreFetchedOnceCachedUnderTheHomeAndNamedAsTheEstimatesSource() {
        server.enqueue(json(200, ANSWER));

        try (KlingClient client = client(NOW)) {
            CostEstimate first = client.prices().estimate(PRO_I2V, OptionalInt.of(10), false);
            CostEstimate again = client.withOptions(b -> {}).prices().estimate(PRO_I2V, OptionalInt.of(10), false);

            assertThat(first.total()).contains(new BigDecimal("1.000"));
            assertThat(first.priceSource())
                    .contains(new PriceSource(true, LocalDate.of(2026, 12, 2), "fal's pricing API", true));
            assertThat(again.total()).isEqualTo(first.total());
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(home.resolve("cache/fal-prices.json")).exists();
        try (KlingClient nextRun = client(NOW.plus(Duration.ofHours(23)))) {
            assertThat(nextRun.prices()
                            .estimate(PRO_I2V, OptionalInt.of(10), false)
                            .total())
                    .contains(new BigDecimal("1.000"));
        }
        assertThat(server.getRequestCount())
                .as("a cache younger than 24 h is read, not fetched")
                .isEqualTo(1);
    }

    @Test
    void aCacheOlderThanADayIsFetchedAgain() {
        server.enqueue(json(200, ANSWER));
        server.enqueue(json(200, ANSWER.replace("0.1", "0.09")));
        try (KlingClient client = client(NOW)) {
            client.prices();
        }

        try (KlingClient dayLater = client(NOW.plus(Duration.ofHours(25)))) {
            assertThat(dayLater.prices()
                            .estimate(PRO_I2V, OptionalInt.of(10), false)
                            .total())
                    .contains(new BigDecimal("0.900"));
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aFailedFetchFallsBackToTheTableWithANoticeOnEveryEstimate() throws Exception {
        server.enqueue(json(401, "{\"detail\":\"Unauthorized\"}"));

        try (KlingClient client = client(NOW)) {
            CostEstimate estimate = client.prices().estimate(PRO_I2V, OptionalInt.of(10), false);

            assertThat(estimate.total()).contains(new BigDecimal("1.120")); // the table's 0.112
            assertThat(estimate.priceSource().orElseThrow().live()).isFalse();
            assertThat(estimate.priceNotice().orElseThrow())
                    .startsWith("fal's live prices could not be fetched (")
                    .endsWith("); estimates use the price table")
                    .doesNotContain("test-key");
            client.prices();
        }
        assertThat(server.getRequestCount())
                .as("the failure is not retried on every estimate")
                .isEqualTo(1);
        assertThat(Files.exists(home.resolve("cache/fal-prices.json"))).isFalse();
    }

    @Test
    void livePricesAreOnByDefaultOnlyWithAKeyAndAPricingApiThatIsNotOnLoopback() {
        try (KlingClient fal = KlingClient.builder().apiKey("k").build();
                KlingClient noKey = KlingClient.builder().build();
                KlingClient emulator = KlingClient.builder()
                        .apiKey("k")
                        .apiUrl(server.url("/v1").toString())
                        .build();
                KlingClient off =
                        KlingClient.builder().apiKey("k").livePrices(false).build()) {
            assertThat(fal.usesLivePrices()).isTrue();
            assertThat(noKey.usesLivePrices()).isFalse();
            assertThat(emulator.usesLivePrices()).isFalse();
            assertThat(off.usesLivePrices()).isFalse();
            assertThat(off.prices()).isSameAs(PriceTable.standard());
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theHomeComesFromKlingHomeInTheEnvironment() {
        try (KlingClient client = KlingClient.fromEnv(Map.of("FAL_KEY", "k", "KLING_HOME", home.toString()))) {
            assertThat(client.home()).isEqualTo(home);
        }
    }
}
