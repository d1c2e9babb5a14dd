package dev.kling4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoJob;
import dev.kling4j.core.webhook.DeliveryDeduplicator;
import dev.kling4j.core.webhook.WebhookEvent;
import dev.kling4j.core.webhook.WebhookVerificationException;
import dev.kling4j.core.webhook.WebhookVerifier;
import dev.kling4j.t2v.TextToVideo;
import dev.kling4j.t2v.TextToVideoRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on the JDK's HTTP server: verifies each delivery's signature, handles each request id
 * once (fal retries deliveries), and keeps the results. Its {@code main} submits one job with a webhook to
 * the emulator and shows the verified delivery; on fal the receiver must be reachable from the internet
 * (set {@code KLING_WEBHOOK_URL} to its public URL, e.g. through a tunnel).
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final WebhookVerifier verifier;
    private final DeliveryDeduplicator once = DeliveryDeduplicator.create();
    private final Map<String, CompletableFuture<WebhookEvent>> results = new ConcurrentHashMap<>();

    private WebhookReceiver(WebhookVerifier verifier) {
        this.verifier = verifier;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/fal/webhook", this::deliver);
        server.start();
    }

    /**
     * Starts a receiver on a free loopback port.
     *
     * @param verifier checks the signatures
     * @return the running receiver; close it
     */
    public static WebhookReceiver start(WebhookVerifier verifier) {
        return new WebhookReceiver(verifier);
    }

    /**
     * The receiver's URL, to submit as the webhook.
     *
     * @return e.g. {@code http://127.0.0.1:41234/fal/webhook}
     */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fal/webhook";
    }

    /**
     * Waits for the verified delivery of a request.
     *
     * @param requestId fal's request id
     * @param timeout the longest wait
     * @return the event
     * @throws Exception when none arrives in time
     */
    public WebhookEvent await(String requestId, Duration timeout) throws Exception {
        return result(requestId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<WebhookEvent> result(String requestId) {
        return results.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    private void deliver(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        try {
            WebhookEvent event = verifier.verifyAndParse(body, exchange.getRequestHeaders());
            DeliveryDeduplicator.Outcome outcome =
                    once.handleOnce(event, e -> result(e.requestId()).complete(e));
            status = outcome == DeliveryDeduplicator.Outcome.IN_PROGRESS ? 503 : 200; // 503: fal delivers again
        } catch (WebhookVerificationException e) {
            status = e.reason().httpStatus(); // 400, 401 or 503
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Submits one job with this receiver as its webhook and waits for the verified delivery.
     *
     * @param backend fal or the emulator
     * @param publicUrl the URL fal should post to; {@code null} for the receiver's own (emulator only)
     * @return the delivered event
     * @throws Exception when no delivery arrives in time
     */
    public static WebhookEvent run(Backend backend, String publicUrl) throws Exception {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .client(backend.client())
                .jwksUrl(backend.jwksUrl())
                .build();
        try (WebhookReceiver receiver = start(verifier)) {
            TextToVideoRequest request = TextToVideoRequest.builder()
                    .prompt("A kite over a windy beach")
                    .build();
            VideoJob job = backend.client()
                    .submit(
                            TextToVideo.PRO,
                            request,
                            RequestOptions.builder()
                                    .webhookUrl(publicUrl != null ? publicUrl : receiver.url())
                                    .build());
            backend.say("submitted " + job.requestId() + " with webhook; waiting for the delivery");
            WebhookEvent event = receiver.await(job.requestId(), Duration.ofMinutes(backend.isEmulator() ? 1 : 30));
            backend.say("verified delivery for " + event.requestId() + ": " + event.status());
            return event;
        }
    }

    /**
     * Runs it on the emulator, or on fal with {@code FAL_KEY} and {@code KLING_WEBHOOK_URL}.
     *
     * @param args none
     * @throws Exception when no delivery arrives in time
     */
    public static void main(String[] args) throws Exception {
        try (Backend backend = Backend.fromEnv(System.getenv(), System.out)) {
            String publicUrl = System.getenv("KLING_WEBHOOK_URL");
            if (!backend.isEmulator() && publicUrl == null) {
                backend.say("set KLING_WEBHOOK_URL to a public URL that forwards to this receiver");
                return;
            }
            run(backend, publicUrl);
        }
    }
}
