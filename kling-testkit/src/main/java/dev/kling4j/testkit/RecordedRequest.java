package dev.kling4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request the emulator received, kept for assertions.
 *
 * <p>{@link #path()} is the path the emulator served, which for a request sent through fal's proxy
 * convention is the path of its {@code X-Fal-Target-Url}. The {@code Authorization} header is recorded
 * with its credential replaced by {@code ***} (the emulator never stores a key), so a test can still assert
 * that {@code Key …} was sent. Bodies are kept up to {@value #BODY_LIMIT} bytes; {@link #bodySize()} always
 * counts every byte received.
 */
public final class RecordedRequest {
    /** How many body bytes are kept; larger bodies are counted, hashed and (uploads) streamed to disk. */
    public static final int BODY_LIMIT = 64 * 1024;

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final long bodySize;
    private final boolean bodyRead;

    RecordedRequest(
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            byte[] body,
            long bodySize,
            boolean bodyRead) {
        this.method = method;
        this.path = path;
        this.query = query == null ? "" : query;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = java.util.Collections.unmodifiableMap(copy);
        this.body = body.clone();
        this.bodySize = bodySize;
        this.bodyRead = bodyRead;
    }

    /**
     * The HTTP method.
     *
     * @return e.g. {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The path served, without the query.
     *
     * @return e.g. {@code /fal-ai/kling-video/requests/…/status}
     */
    public String path() {
        return path;
    }

    /**
     * The raw query string, without the {@code ?}.
     *
     * @return the query, empty when there was none
     */
    public String query() {
        return query;
    }

    /**
     * One query parameter, URL-decoded.
     *
     * @param name the parameter name
     * @return its first value, or empty when absent
     */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(Http.queryParams(query).get(name));
    }

    /**
     * All headers, names case-insensitive.
     *
     * @return an immutable map
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * One header's first value, case-insensitive.
     *
     * @param name the header name
     * @return the value, or empty when absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body's first {@value #BODY_LIMIT} bytes.
     *
     * @return a copy of the kept bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The kept body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The number of body bytes received.
     *
     * @return the count, 0 when the connection was dropped before the body was read
     */
    public long bodySize() {
        return bodySize;
    }

    /**
     * Whether the emulator read the body (false when a fault dropped the connection first).
     *
     * @return true when the body was read
     */
    public boolean bodyRead() {
        return bodyRead;
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " (" + bodySize + " bytes)";
    }
}
