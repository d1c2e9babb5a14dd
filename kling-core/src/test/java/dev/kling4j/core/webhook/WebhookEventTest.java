package dev.kling4j.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    /** Stands in for a model's result type. */
    static final class VideoResult {
        @JsonProperty("video")
        Video video;

        static final class Video {
            @JsonProperty("url")
            String url;
        }
    }

    private static WebhookEvent parse(String json) {
        return WebhookEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSuccessfulDeliveryIsReadIntoTheResultType() {
        WebhookEvent event = parse("{\"request_id\":\"req-1\",\"gateway_request_id\":\"gw-1\",\"status\":\"OK\","
                + "\"payload\":{\"video\":{\"url\":\"https://v3.fal.media/files/x.mp4\",\"file_size\":123}}}");

        assertThat(event.requestId()).isEqualTo("req-1");
        assertThat(event.gatewayRequestId()).contains("gw-1");
        assertThat(event.status()).isEqualTo(WebhookStatus.OK);
        assertThat(event.isOk()).isTrue();
        assertThat(event.payload(VideoResult.class).video.url).isEqualTo("https://v3.fal.media/files/x.mp4");
        assertThat(event.payloadJson())
                .contains("{\"video\":{\"url\":\"https://v3.fal.media/files/x.mp4\",\"file_size\":123}}");
        assertThat(event.error()).isEmpty();
        assertThat(event.payloadError()).isEmpty();
        assertThat(event.additionalProperties()).isEmpty();
    }

    @Test
    void aFailedDeliveryKeepsTheErrorAndTheErrorBody() {
        WebhookEvent event = parse(
                "{\"request_id\":\"req-2\",\"status\":\"ERROR\",\"error\":\"Invalid status code: 422\","
                        + "\"payload\":{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"too long\",\"type\":\"value_error\"}]}}");

        assertThat(event.status()).isEqualTo(WebhookStatus.ERROR);
        assertThat(event.isOk()).isFalse();
        assertThat(event.error()).contains("Invalid status code: 422");
        assertThat(event.payloadJson().orElseThrow()).contains("\"msg\":\"too long\"");
        assertThat(event.gatewayRequestId()).isEmpty();
    }

    @Test
    void aMissingPayloadIsExplainedByPayloadError() {
        WebhookEvent event = parse("{\"request_id\":\"req-3\",\"status\":\"OK\",\"payload\":null,"
                + "\"payload_error\":\"Response payload is not JSON serializable\"}");

        assertThat(event.payloadJson()).isEmpty();
        assertThat(event.payloadError()).contains("Response payload is not JSON serializable");
        UnexpectedResponseException e =
                catchThrowableOfType(UnexpectedResponseException.class, () -> event.payload(VideoResult.class));
        assertThat(e)
                .hasMessage("the webhook for request req-3 carries no payload (payload_error: Response payload"
                        + " is not JSON serializable); fetch the result from the queue by its request id");
        assertThat(e.requestId()).contains("req-3");
        assertThat(e.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownStatusAndUnknownFieldsAreKept() {
        WebhookEvent event = parse("{\"request_id\":\"req-4\",\"status\":\"PARTIAL\",\"payload\":{},"
                + "\"logs\":[{\"message\":\"hi\"}],\"retry\":2}");

        assertThat(event.status().value()).isEqualTo("PARTIAL");
        assertThat(event.status().isKnown()).isFalse();
        assertThat(event.isOk()).isFalse();
        assertThat(event.additionalProperties()).containsOnlyKeys("logs", "retry");
        assertThat(event.additionalProperties().get("logs")).isEqualTo("[{\"message\":\"hi\"}]");
        assertThat(event.additionalProperties().get("retry")).isEqualTo("2");
    }

    @Test
    void anErrorThatIsAnObjectIsKeptAsJson() {
        WebhookEvent event =
                parse("{\"request_id\":\"r\",\"status\":\"ERROR\",\"error\":{\"type\":\"request_timeout\"}}");

        assertThat(event.error()).contains("{\"type\":\"request_timeout\"}");
    }

    @Test
    void aPayloadThatDoesNotFitTheTypeNamesTheRequest() {
        WebhookEvent event = parse("{\"request_id\":\"req-5\",\"status\":\"OK\",\"payload\":{\"video\":42}}");

        assertThatThrownBy(() -> event.payload(VideoResult.class))
                .isInstanceOfSatisfying(UnexpectedResponseException.class, e -> {
                    assertThat(e.requestId()).contains("req-5");
                    assertThat(e.body()).isEqualTo("{\"video\":42}");
                })
                .hasMessageStartingWith("the payload of the webhook for request req-5 does not fit VideoResult: ")
                .hasMessageEndingWith(
                        "; read it with payloadJson(), or fetch the result from the queue by its request id")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void bodiesThatAreNotWebhooksAreMalformed() {
        for (String body : new String[] {"not json", "[1,2]", "{\"status\":\"OK\"}", "{\"request_id\":\"r\"}"}) {
            WebhookVerificationException e =
                    catchThrowableOfType(WebhookVerificationException.class, () -> parse(body));
            assertThat(e).as(body).isNotNull();
            assertThat(e.reason()).as(body).isEqualTo(Reason.MALFORMED_BODY);
        }
    }

    @Test
    void toStringLeavesThePayloadOut() {
        WebhookEvent event = parse("{\"request_id\":\"req-6\",\"status\":\"OK\",\"payload\":{\"secret\":\"s3cr3t\"}}");

        assertThat(event.toString()).contains("req-6").contains("OK").doesNotContain("s3cr3t");
    }

    @Test
    void knownStatusValuesAreTheConstants() {
        assertThat(WebhookStatus.of("OK")).isSameAs(WebhookStatus.OK);
        assertThat(WebhookStatus.of("ERROR")).isSameAs(WebhookStatus.ERROR);
        assertThat(WebhookStatus.of("LATER"))
                .isEqualTo(WebhookStatus.of("LATER"))
                .hasToString("LATER");
    }
}
