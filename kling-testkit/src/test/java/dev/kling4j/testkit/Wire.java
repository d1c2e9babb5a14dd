package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small java.net.http client for the tests: the emulator is exercised over its real wire. */
final class Wire {
    static final String I2V = "fal-ai/kling-video/o3/pro/image-to-video";
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Wire() {}

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Key test-key")
                .header("Accept", "application/json");
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url) {
        return send(request(url).GET().build());
    }

    static HttpResponse<byte[]> getBytes(String url, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (range != null) {
            b.header("Range", range);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String url, String json) {
        return send(request(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static HttpResponse<String> put(String url) {
        return send(request(url).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static JsonNode submit(FalEmulator fal, String endpointId, String inputJson) {
        HttpResponse<String> r = post(fal.queueUrl() + "/" + endpointId, inputJson);
        if (r.statusCode() != 200) {
            throw new AssertionError("submit answered " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    /** Uploads bytes through fal's single-PUT storage flow and returns the file's URL. */
    static String upload(FalEmulator fal, String fileName, String contentType, byte[] bytes) {
        JsonNode init = json(post(
                fal.restUrl() + "/storage/upload/initiate?storage_type=fal-cdn-v3",
                "{\"content_type\":\"" + contentType + "\",\"file_name\":\"" + fileName + "\"}"));
        HttpResponse<String> put =
                send(HttpRequest.newBuilder(URI.create(init.get("upload_url").asText()))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build());
        if (put.statusCode() != 200) {
            throw new AssertionError("upload answered " + put.statusCode() + ": " + put.body());
        }
        return init.get("file_url").asText();
    }

    /** Submits, waits for COMPLETED and returns the result's {@code video} object. */
    static JsonNode generate(FalEmulator fal, String endpointId, String inputJson) {
        JsonNode submitted = submit(fal, endpointId, inputJson);
        awaitCompleted(submitted);
        HttpResponse<String> result = get(submitted.get("response_url").asText());
        if (result.statusCode() != 200) {
            throw new AssertionError("result answered " + result.statusCode() + ": " + result.body());
        }
        return json(result).get("video");
    }

    /** Reads a whole SSE status stream (until the server closes it) and returns its events' JSON. */
    static List<JsonNode> streamEvents(String statusUrl) {
        HttpResponse<InputStream> r;
        try {
            r = HTTP.send(
                    request(statusUrl + "/stream?logs=1")
                            .header("Accept", "text/event-stream")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events(r.body());
    }

    static List<JsonNode> events(InputStream body) {
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(Json.mapper().readTree(line.substring(6)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Waits for COMPLETED through the SSE stream (no sleeping) and returns the last event. */
    static JsonNode awaitCompleted(JsonNode submitted) {
        List<JsonNode> events = streamEvents(submitted.get("status_url").asText());
        JsonNode last = events.get(events.size() - 1);
        if (!last.get("status").asText().equals("COMPLETED")) {
            throw new AssertionError("stream ended without COMPLETED: " + events);
        }
        return last;
    }

    /** The test's own MP4 reader: duration (ms) from mvhd, width and height from the first tkhd. */
    static long[] mp4Header(byte[] mp4) {
        ByteBuffer moov = child(ByteBuffer.wrap(mp4), "moov");
        ByteBuffer mvhd = child(moov.duplicate(), "mvhd");
        long timescale = Integer.toUnsignedLong(mvhd.getInt(12));
        long duration = Integer.toUnsignedLong(mvhd.getInt(16));
        ByteBuffer tkhd = child(child(moov.duplicate(), "trak"), "tkhd");
        int w = tkhd.getInt(tkhd.limit() - 8) >>> 16;
        int h = tkhd.getInt(tkhd.limit() - 4) >>> 16;
        return new long[] {duration * 1000 / timescale, w, h};
    }

    private static ByteBuffer child(ByteBuffer b, String type) {
        while (b.remaining() >= 8) {
            int start = b.position();
            int size = b.getInt();
            byte[] t = new byte[4];
            b.get(t);
            if (new String(t, StandardCharsets.US_ASCII).equals(type)) {
                ByteBuffer payload = b.duplicate();
                payload.position(start + 8).limit(start + size);
                return payload.slice();
            }
            b.position(start + size);
        }
        throw new AssertionError("no " + type + " box");
    }
}
