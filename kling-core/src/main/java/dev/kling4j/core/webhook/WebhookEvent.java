package dev.kling4j.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.webhook.WebhookVerificationException.Reason;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One webhook delivery from fal: which request finished, whether it succeeded, and its payload.
 *
 * <p>fal POSTs {@code {"request_id","gateway_request_id","status":"OK"|"ERROR","payload":{…},"error"?,
 * "payload_error"?}}. On {@code OK} the payload is the model's result; on {@code ERROR} it is the error
 * body. The payload is kept as raw JSON and read into a type on demand; fields this class does not know
 * are kept in {@link #additionalProperties()}. Immutable.
 *
 * <pre>{@code
 * WebhookEvent event = verifier.verifyAndParse(body, headers);
 * if (event.isOk()) {
 *     VideoResult result = event.payload(VideoResult.class);
 * } else {
 *     log.warn("request {} failed: {}", event.requestId(), event.error().orElse("no error message"));
 * }
 * }</pre>
 */
public final class WebhookEvent {
    private static final Set<String> KNOWN =
            Set.of("request_id", "gateway_request_id", "status", "payload", "error", "payload_error");

    private final String requestId;
    private final String gatewayRequestId;
    private final WebhookStatus status;
    private final String payloadJson;
    private final String error;
    private final String payloadError;
    private final Map<String, String> additionalProperties;

    private WebhookEvent(JsonNode root) {
        this.requestId = root.path("request_id").asText();
        this.gatewayRequestId = text(root.get("gateway_request_id"));
        this.status = WebhookStatus.of(root.path("status").asText());
        JsonNode payload = root.get("payload");
        this.payloadJson = payload == null || payload.isNull() ? null : payload.toString();
        this.error = text(root.get("error"));
        this.payloadError = text(root.get("payload_error"));
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!KNOWN.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue().toString());
            }
        }
        this.additionalProperties = Collections.unmodifiableMap(extra);
    }

    /**
     * Reads a delivery's body. Does not verify it: use {@link WebhookVerifier#verifyAndParse} for
     * deliveries from the network.
     *
     * @param body the raw body bytes
     * @return the event
     * @throws WebhookVerificationException with {@link Reason#MALFORMED_BODY} when the body is not a JSON
     *     object with a textual {@code request_id} and {@code status}
     */
    public static WebhookEvent parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw malformed("the body is not JSON", null, e);
        }
        if (root == null || !root.isObject()) {
            throw malformed("the body is not a JSON object", null, null);
        }
        JsonNode requestId = root.get("request_id");
        if (requestId == null || !requestId.isTextual() || requestId.asText().isEmpty()) {
            throw malformed("the body has no request_id", null, null);
        }
        JsonNode status = root.get("status");
        if (status == null || !status.isTextual()) {
            throw malformed("the body has no textual status", requestId.asText(), null);
        }
        return new WebhookEvent(root);
    }

    private static WebhookVerificationException malformed(String what, String requestId, Throwable cause) {
        return new WebhookVerificationException(
                Reason.MALFORMED_BODY,
                null,
                "webhook delivery unreadable: " + what + "; expected fal's {\"request_id\",\"status\",\"payload\",...}",
                requestId,
                cause);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    /**
     * fal's id of the request this delivery is about, the one {@code submit} returned.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * fal's gateway request id, when sent.
     *
     * @return the gateway request id, or empty
     */
    public Optional<String> gatewayRequestId() {
        return Optional.ofNullable(gatewayRequestId);
    }

    /**
     * Whether the request succeeded.
     *
     * @return the status; unknown values are kept as sent
     */
    public WebhookStatus status() {
        return status;
    }

    /**
     * Whether the status is {@link WebhookStatus#OK}.
     *
     * @return true when the request succeeded
     */
    public boolean isOk() {
        return WebhookStatus.OK.equals(status);
    }

    /**
     * The payload as raw JSON: the model's result on {@code OK}, the error body on {@code ERROR}.
     *
     * @return the JSON text, or empty when the payload is absent or null (see {@link #payloadError()})
     */
    public Optional<String> payloadJson() {
        return Optional.ofNullable(payloadJson);
    }

    /**
     * The payload read into a type, e.g. a model's result class. Unknown fields are ignored.
     *
     * @param type the class to read the payload into
     * @param <T> the type
     * @return the payload
     * @throws UnexpectedResponseException when there is no payload or it does not fit {@code type}; it carries
     *     the request id, by which the result can still be fetched from the queue
     */
    public <T> T payload(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (payloadJson == null) {
            throw HttpErrors.unexpected(
                    "the webhook for request " + requestId + " carries no payload"
                            + (payloadError == null ? "" : " (payload_error: " + payloadError + ")")
                            + "; fetch the result from the queue by its request id",
                    200,
                    Map.of(),
                    "",
                    requestId,
                    null);
        }
        try {
            return Json.mapper().readValue(payloadJson, type);
        } catch (IOException e) {
            throw HttpErrors.unexpected(
                    "the payload of the webhook for request " + requestId + " does not fit "
                            + type.getSimpleName() + ": " + e.getMessage()
                            + "; read it with payloadJson(), or fetch the"
                            + " result from the queue by its request id",
                    200,
                    Map.of(),
                    payloadJson,
                    requestId,
                    e);
        }
    }

    /**
     * The {@code error} field, when sent (usually with {@code ERROR}).
     *
     * @return the error text, or its raw JSON when it is not a string; empty when absent
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * The {@code payload_error} field: why fal could not include the payload, when sent.
     *
     * @return the text, or its raw JSON when it is not a string; empty when absent
     */
    public Optional<String> payloadError() {
        return Optional.ofNullable(payloadError);
    }

    /**
     * Fields of the delivery this class does not model, each as raw JSON, in the order sent.
     *
     * @return an unmodifiable map from field name to JSON text
     */
    public Map<String, String> additionalProperties() {
        return additionalProperties;
    }

    /**
     * The request id and status; never the payload.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "WebhookEvent{requestId=" + requestId + ", status=" + status + "}";
    }
}
