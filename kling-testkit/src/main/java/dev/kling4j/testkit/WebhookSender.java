package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * Delivers webhooks as fal does: {@code {request_id, gateway_request_id, status, payload, error?}} signed
 * with Ed25519 over {@code request_id \n user_id \n timestamp \n hex(sha256(body))}.
 */
final class WebhookSender {
    private final WebhookKeys keys;
    private final String userId;
    private final Clock clock;
    private final ExecutorService pool;

    WebhookSender(WebhookKeys keys, String userId, Clock clock, ExecutorService pool) {
        this.keys = keys;
        this.userId = userId;
        this.clock = clock;
        this.pool = pool;
    }

    /** Posts the job's outcome to its webhook URL, once, on the sender's pool. */
    void deliver(Job job, Http.Reply result) {
        ObjectNode body =
                Json.mapper().createObjectNode().put("request_id", job.id).put("gateway_request_id", job.id);
        JsonNode payload = Http.parse(result.body()).orElse(Json.mapper().nullNode());
        if (result.status() == 200) {
            body.put("status", "OK").set("payload", payload);
        } else {
            body.put("status", "ERROR")
                    .put("error", "Invalid status code: " + result.status())
                    .set("payload", payload);
        }
        byte[] bytes = Http.bytes(body);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String message = job.id + "\n" + userId + "\n" + timestamp + "\n" + Http.hex(sha256(bytes));
        String signature = keys.sign(message.getBytes(StandardCharsets.UTF_8));
        URI target = URI.create(job.webhookUrl);
        // One delivery, no retries: a test that wants retries scripts its receiver instead. HttpURLConnection
        // on the emulator's own pool, because a java.net.http client keeps a thread until it is collected.
        pool.execute(() -> {
            try {
                HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
                c.setConnectTimeout(5_000);
                c.setReadTimeout(10_000);
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(bytes.length);
                c.setRequestProperty("Content-Type", "application/json");
                c.setRequestProperty("X-Fal-Webhook-Request-Id", job.id);
                c.setRequestProperty("X-Fal-Webhook-User-Id", userId);
                c.setRequestProperty("X-Fal-Webhook-Timestamp", timestamp);
                c.setRequestProperty("X-Fal-Webhook-Signature", signature);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
                c.getResponseCode();
                c.disconnect();
            } catch (IOException e) {
                // The receiver is gone or refused: fal would retry later; the emulator delivers once.
            }
        });
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
