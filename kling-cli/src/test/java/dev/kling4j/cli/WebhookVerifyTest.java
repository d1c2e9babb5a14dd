package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kling4j.testkit.FalEmulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kling webhook verify` on a delivery the emulator signed, captured by a loopback receiver. */
class WebhookVerifyTest {
    @TempDir
    Path work;

    FalEmulator fal;
    HttpServer receiver;
    final CompletableFuture<Delivery> delivered = new CompletableFuture<>();

    record Delivery(byte[] body, List<String> headers) {}

    @BeforeEach
    void start() throws Exception {
        fal = CliTestSupport.emulator();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<String> headers = new ArrayList<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.toLowerCase().startsWith("x-fal-webhook-")) {
                    values.forEach(v -> headers.add(name + ": " + v));
                }
            });
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            delivered.complete(new Delivery(body, headers));
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        fal.close();
    }

    CliRun verify(byte[] body, List<String> headers) throws Exception {
        Files.write(work.resolve("body.json"), body);
        List<String> args =
                new ArrayList<>(List.of("webhook", "verify", "--body", "body.json", "--jwks-url", fal.jwksUrl()));
        headers.forEach(h -> args.addAll(List.of("--header", h)));
        return CliRun.run(Map.of(), work.resolve("home"), work, args.toArray(String[]::new));
    }

    @Test
    void aGenuineDeliveryVerifiesAndATamperedOneIsRejectedWithItsReason() throws Exception {
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        CliRun submitted = CliRun.run(
                CliRun.envFor(fal), work.resolve("home"), work, "generate", "--prompt", "a fox", "--webhook", hook);
        assertThat(submitted.code()).as(submitted.toString()).isZero();
        Delivery d = delivered.get(20, TimeUnit.SECONDS);
        assertThat(d.headers()).isNotEmpty();

        CliRun ok = verify(d.body(), d.headers());
        byte[] tampered = (new String(d.body(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        CliRun bad = verify(tampered, d.headers());

        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("verified: request ");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(4);
        assertThat(bad.err()).contains("rejected (");
    }
}
