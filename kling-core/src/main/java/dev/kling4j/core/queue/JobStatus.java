package dev.kling4j.core.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.JsonValue;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One status report of a job: from a status call, a status-stream event or a poll. Immutable.
 *
 * <p>{@code COMPLETED} is also the final state of failed and cancelled jobs: check {@link #isFailed()}.
 * Fields kling4j does not know are kept in {@link #additionalProperties()}; an unknown status string is kept
 * in {@link #status()} and treated as not finished.
 */
public final class JobStatus {
    private static final Set<String> KNOWN = Set.of(
            "status",
            "queue_position",
            "logs",
            "metrics",
            "error",
            "error_type",
            "request_id",
            "response_url",
            "status_url",
            "cancel_url");

    private final String requestId;
    private final Status status;
    private final Integer queuePosition;
    private final List<LogEntry> logs;
    private final Map<String, JsonValue> metrics;
    private final String error;
    private final String errorType;
    private final Map<String, JsonValue> additionalProperties;

    private JobStatus(
            String requestId,
            Status status,
            Integer queuePosition,
            List<LogEntry> logs,
            Map<String, JsonValue> metrics,
            String error,
            String errorType,
            Map<String, JsonValue> additional) {
        this.requestId = requestId;
        this.status = status;
        this.queuePosition = queuePosition;
        this.logs = List.copyOf(logs);
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.error = error;
        this.errorType = errorType;
        this.additionalProperties = Collections.unmodifiableMap(new LinkedHashMap<>(additional));
    }

    /**
     * Parses a status body. Never fails on unknown fields or values.
     *
     * @param requestId the request the status belongs to (fal's body may omit it)
     * @param json the body
     * @return the status
     * @throws UnexpectedResponseException if the text is not a JSON object
     */
    public static JobStatus parse(String requestId, String json) {
        try {
            return fromNode(requestId, Json.mapper().readTree(json));
        } catch (IOException e) {
            throw HttpErrors.unexpected(
                    "Unreadable status for request " + requestId + ": " + e.getMessage()
                            + "; fal or a proxy in between sent something else",
                    200,
                    Map.of(),
                    json,
                    requestId,
                    e);
        }
    }

    static JobStatus fromNode(String requestId, JsonNode node) {
        if (node == null || !node.isObject()) {
            String text = String.valueOf(node);
            throw HttpErrors.unexpected(
                    "Status for request " + requestId + " is not a JSON object: " + HttpErrors.abbreviate(text)
                            + "; fal or a proxy in between sent something else",
                    200,
                    Map.of(),
                    text,
                    requestId,
                    null);
        }
        String id = node.path("request_id").isTextual() ? node.get("request_id").textValue() : requestId;
        Status status = Status.of(node.path("status").asText("UNKNOWN"));
        Integer position = node.path("queue_position").isNumber()
                ? node.get("queue_position").intValue()
                : null;
        List<LogEntry> logs = new ArrayList<>();
        for (JsonNode l : node.path("logs")) {
            if (l.isObject()) {
                logs.add(new LogEntry(
                        text(l.get("message")),
                        l.path("level").isTextual() ? LogLevel.of(l.get("level").textValue()) : null,
                        text(l.get("source")),
                        text(l.get("timestamp"))));
            }
        }
        Map<String, JsonValue> metrics = new LinkedHashMap<>();
        node.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), JsonValue.of(e.getValue())));
        String error = text(node.get("error"));
        String errorType = text(node.get("error_type"));
        Map<String, JsonValue> additional = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!KNOWN.contains(e.getKey())) {
                additional.put(e.getKey(), JsonValue.of(e.getValue()));
            }
        }
        return new JobStatus(id, status, position, logs, metrics, error, errorType, additional);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return n.isTextual() ? n.textValue() : n.toString();
    }

    /**
     * The request this status belongs to.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The status (open enum).
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The position in the queue, while {@code IN_QUEUE} (0 is next).
     *
     * @return the position, or empty
     */
    public OptionalInt queuePosition() {
        return queuePosition == null ? OptionalInt.empty() : OptionalInt.of(queuePosition);
    }

    /**
     * The log lines fal sent (only when logs were asked for).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<LogEntry> logs() {
        return logs;
    }

    /**
     * Metrics of a completed job, such as {@code inference_time} in seconds.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, JsonValue> metrics() {
        return metrics;
    }

    /**
     * fal's error for a failed job.
     *
     * @return the error text, or empty
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * fal's error type for a failed job.
     *
     * @return the error type, or empty
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * Fields fal sent that kling4j does not model.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, JsonValue> additionalProperties() {
        return additionalProperties;
    }

    /**
     * Whether the job is finished (status {@code COMPLETED}), successfully or not.
     *
     * @return true when terminal
     */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /**
     * Whether the job finished with an error.
     *
     * @return true for {@code COMPLETED} with {@code error}
     */
    public boolean isFailed() {
        return status.isTerminal() && error != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobStatus s
                && Objects.equals(s.requestId, requestId)
                && s.status.equals(status)
                && Objects.equals(s.queuePosition, queuePosition)
                && s.logs.equals(logs)
                && s.metrics.equals(metrics)
                && Objects.equals(s.error, error)
                && Objects.equals(s.errorType, errorType)
                && s.additionalProperties.equals(additionalProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, status, queuePosition, logs, metrics, error, errorType, additionalProperties);
    }

    @Override
    public String toString() {
        return "JobStatus{requestId=" + requestId + ", status=" + status
                + (queuePosition == null ? "" : ", queuePosition=" + queuePosition)
                + (logs.isEmpty() ? "" : ", logs=" + logs.size())
                + (metrics.isEmpty() ? "" : ", metrics=" + metrics)
                + (error == null ? "" : ", error=" + error) + (errorType == null ? "" : ", errorType=" + errorType)
                + "}";
    }
}
