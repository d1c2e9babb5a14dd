package dev.kling4j.core.queue;

import dev.kling4j.core.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a request in fal's queue: the id and the URLs fal returned on submit (or built by
 * {@link QueueClient#attach}). Keep the request id: it finds the job again after a crash, and fal keeps a
 * result only 1 hour (6 minutes when it is 10 KB or more).
 */
public final class RequestRef {
    private final String endpointId;
    private final String requestId;
    private final String statusUrl;
    private final String responseUrl;
    private final String cancelUrl;
    private final String gatewayRequestId;
    private final Map<String, JsonValue> additionalProperties;

    RequestRef(
            String endpointId,
            String requestId,
            String statusUrl,
            String responseUrl,
            String cancelUrl,
            String gatewayRequestId,
            Map<String, JsonValue> additional) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.statusUrl = Objects.requireNonNull(statusUrl, "statusUrl");
        this.responseUrl = Objects.requireNonNull(responseUrl, "responseUrl");
        this.cancelUrl = Objects.requireNonNull(cancelUrl, "cancelUrl");
        this.gatewayRequestId = gatewayRequestId;
        this.additionalProperties = Collections.unmodifiableMap(new LinkedHashMap<>(additional));
    }

    /**
     * The endpoint id the request was submitted to, such as {@code fal-ai/kling-video/o3/pro/text-to-video}.
     *
     * @return the endpoint id
     */
    public String endpointId() {
        return endpointId;
    }

    /**
     * fal's request id.
     *
     * @return the id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The status URL ({@code …/requests/{id}/status}).
     *
     * @return the URL
     */
    public String statusUrl() {
        return statusUrl;
    }

    /**
     * The result URL ({@code …/requests/{id}}).
     *
     * @return the URL
     */
    public String responseUrl() {
        return responseUrl;
    }

    /**
     * The cancel URL ({@code …/requests/{id}/cancel}).
     *
     * @return the URL
     */
    public String cancelUrl() {
        return cancelUrl;
    }

    /**
     * The gateway request id fal adds for webhook submits.
     *
     * @return the id, or empty
     */
    public Optional<String> gatewayRequestId() {
        return Optional.ofNullable(gatewayRequestId);
    }

    /**
     * Other fields of the submit response (for example {@code status} and {@code queue_position}).
     *
     * @return an unmodifiable map
     */
    public Map<String, JsonValue> additionalProperties() {
        return additionalProperties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestRef r
                && r.endpointId.equals(endpointId)
                && r.requestId.equals(requestId)
                && r.statusUrl.equals(statusUrl)
                && r.responseUrl.equals(responseUrl)
                && r.cancelUrl.equals(cancelUrl)
                && Objects.equals(r.gatewayRequestId, gatewayRequestId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpointId, requestId, statusUrl, responseUrl, cancelUrl, gatewayRequestId);
    }

    @Override
    public String toString() {
        return "RequestRef{endpointId=" + endpointId + ", requestId=" + requestId + "}";
    }
}
