package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.testing.FakeSleeper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FalPricingClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    KlingClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void fetchesEveryPageOfPricesForTheThirteenEndpointsAndRefreshesTheTable() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"prices\":[{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/image-to-video\",\"unit_price\":0.1,"
                        + "\"unit\":\"second\",\"currency\":\"USD\"}],\"next_cursor\":\"c2\",\"has_more\":true}")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(
                        "{\"prices\":[{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/video-to-video/edit\",\"unit_price\":0.15,"
                                + "\"unit\":\"second\",\"currency\":\"USD\"}],\"next_cursor\":null,\"has_more\":false}")
                .build());
        client = KlingClient.builder()
                .apiKey("test-key")
                .apiUrl(server.url("/v1").toString())
                .sleeper(new FakeSleeper())
                .build();

        PriceTable fresh = client.pricingClient().refresh(PriceTable.standard(), LocalDate.of(2026, 11, 24));

        RecordedRequest first = server.takeRequest();
        assertThat(first.getMethod()).isEqualTo("GET");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/models/pricing");
        assertThat(first.getUrl().queryParameter("endpoint_id").split(",")).hasSize(13);
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Key test-key");
        assertThat(server.takeRequest().getUrl().queryParameter("cursor")).isEqualTo("c2");
        var proI2v = Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
        var proEdit = Catalog.standard().endpoint("kling_o3_pro_edit").orElseThrow();
        assertThat(fresh.estimate(proI2v, OptionalInt.of(10), false).total()).contains(new BigDecimal("1.000"));
        assertThat(fresh.estimate(proEdit, OptionalInt.of(10), false).total()).contains(new BigDecimal("1.500"));
        assertThat(fresh.row(proEdit).orElseThrow().date()).isEqualTo(LocalDate.of(2026, 11, 24));
    }
}
