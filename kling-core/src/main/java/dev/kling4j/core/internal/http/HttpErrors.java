package dev.kling4j.core.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.error.AuthenticationException;
import dev.kling4j.core.error.BadRequestException;
import dev.kling4j.core.error.FalServiceException;
import dev.kling4j.core.error.FalServiceException.ServiceErrorDetails;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.NotFoundException;
import dev.kling4j.core.error.PermissionDeniedException;
import dev.kling4j.core.error.RateLimitException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.error.UnprocessableEntityException.FieldError;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Response;

/** Maps an HTTP error response to the exception hierarchy. Not API. */
public final class HttpErrors {
    private static final long MAX_BODY = 64 * 1024;

    private HttpErrors() {}

    /**
     * Reads (at most 64 KiB of) the body, closes the response and builds the exception for its status.
     *
     * @param response an unsuccessful response; closed by this method
     * @param requestId the request the call concerned, used when fal sent no {@code x-fal-request-id}; may be null
     * @return the exception to throw
     */
    public static FalServiceException toException(Response response, String requestId) {
        String body;
        try (Response r = response) {
            body = r.peekBody(MAX_BODY).string();
        } catch (IOException e) {
            body = "";
        }
        return toException(
                response.code(),
                response.headers().toMultimap(),
                body,
                requestId,
                response.request().method() + " "
                        + response.request().url().newBuilder().query(null).build());
    }

    /**
     * Builds the exception for an error status from its parts.
     *
     * @param code the status
     * @param headers the headers, names lower-cased
     * @param body the body text
     * @param requestId the fallback request id, or null
     * @param what the call, for the message (method and URL without query)
     * @return the exception
     */
    public static FalServiceException toException(
            int code, Map<String, List<String>> headers, String body, String requestId, String what) {
        String falId = first(headers, "x-fal-request-id");
        String id = falId != null ? falId : requestId;
        JsonNode json = null;
        try {
            json = body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (IOException | RuntimeException e) {
            json = null;
        }
        String errorType = json != null && json.path("error_type").isTextual()
                ? json.get("error_type").textValue()
                : first(headers, "x-fal-error-type");
        String retryableHeader = first(headers, "x-fal-retryable");
        Boolean retryable = retryableHeader == null
                ? null
                : Boolean.valueOf(retryableHeader.trim().toLowerCase(Locale.ROOT));
        ServiceErrorDetails details = new ServiceErrorDetails(code, headers, body, id, errorType, retryable);
        List<FieldError> fields = fieldErrors(json);
        String detail = fields.isEmpty() ? abbreviate(body) : UnprocessableEntityException.summarize(fields);
        String message = "fal answered " + code + " to " + what + (id == null ? "" : " (request " + id + ")")
                + (errorType == null ? "" : " [" + errorType + "]") + (detail.isBlank() ? "" : ": " + detail);
        if (code == 422) {
            return new UnprocessableEntityException(
                    message + " (fix the fields fal names and submit again)", details, fields);
        }
        if (code == 400) {
            return new BadRequestException(message + " (check the endpoint id and the request)", details);
        }
        if (code == 401) {
            return new AuthenticationException(message + " (check FAL_KEY, or FAL_KEY_ID and FAL_KEY_SECRET)", details);
        }
        if (code == 403) {
            return new PermissionDeniedException(
                    message + " (the key may not use this endpoint or request, or the"
                            + " account's balance is used up: check the key and the fal dashboard)",
                    details);
        }
        if (code == 404) {
            return new NotFoundException(
                    message + " (unknown endpoint, request or file, or an expired result: fal"
                            + " keeps results 1 hour after completion, 6 minutes when 10 KB or more)",
                    details);
        }
        if (code == 429) {
            return new RateLimitException(
                    message + " (too many requests: slow down, or ask fal for a higher limit)", details);
        }
        if (code >= 500) {
            return new InternalServerException(message + " (a failure on fal's side: try again later)", details);
        }
        return new FalServiceException(message, details);
    }

    /**
     * Builds the exception for a success whose body kling4j cannot use, keeping (at most 64 KiB of) the body.
     *
     * @param message what arrived, what was missing and what to do
     * @param code the status of the answer
     * @param headers the answer's headers, or an empty map when they are gone
     * @param body the body text as it arrived
     * @param requestId the request the answer concerns, or null
     * @param cause the parse failure, or null
     * @return the exception to throw
     */
    public static UnexpectedResponseException unexpected(
            String message,
            int code,
            Map<String, List<String>> headers,
            String body,
            String requestId,
            Throwable cause) {
        String kept = body == null || body.length() <= MAX_BODY ? body : body.substring(0, (int) MAX_BODY);
        return new UnexpectedResponseException(
                message, new ServiceErrorDetails(code, headers, kept, requestId, null, null), cause);
    }

    /**
     * Builds the exception for a 2xx response whose body kling4j cannot use.
     *
     * @param message what arrived, what was missing and what to do
     * @param response the response (its body already read)
     * @param body the body text
     * @param requestId the request the answer concerns, or null
     * @param cause the parse failure, or null
     * @return the exception to throw
     */
    public static UnexpectedResponseException unexpected(
            String message, Response response, String body, String requestId, Throwable cause) {
        return unexpected(message, response.code(), response.headers().toMultimap(), body, requestId, cause);
    }

    /**
     * Abbreviates a body for a message: at most 300 characters.
     *
     * @param body the body text
     * @return the text, cut with an ellipsis when longer
     */
    public static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /**
     * Wraps a failure to read a response body.
     *
     * @param e the failure
     * @param requestId the request, or null
     * @return the exception
     */
    public static KlingConnectionException readFailure(IOException e, String requestId) {
        return new KlingConnectionException(
                "Failed to read the response" + (requestId == null ? "" : " for request " + requestId) + ": " + e,
                requestId,
                e);
    }

    private static List<FieldError> fieldErrors(JsonNode json) {
        List<FieldError> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        JsonNode detail = json.get("detail");
        if (detail == null || detail.isNull()) {
            return out;
        }
        if (detail.isTextual()) {
            out.add(new FieldError(List.of(), detail.textValue(), null));
        } else if (detail.isArray()) {
            for (JsonNode item : detail) {
                List<String> loc = new ArrayList<>();
                item.path("loc").forEach(n -> loc.add(n.asText()));
                String msg = item.path("msg").isTextual() ? item.get("msg").textValue() : item.toString();
                out.add(new FieldError(loc, msg, item.path("type").asText("")));
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
