package dev.kling4j.cli;

import dev.kling4j.core.webhook.WebhookEvent;
import dev.kling4j.core.webhook.WebhookVerificationException;
import dev.kling4j.core.webhook.WebhookVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kling webhook verify}: check a captured fal webhook delivery's signature. */
final class WebhookCommands {
    private WebhookCommands() {}

    @Command(name = "webhook", description = "Webhook tools (see `kling webhook verify --help`).")
    static final class Webhook implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(
                    spec.commandLine(), "give a subcommand: kling webhook verify --body FILE --header 'Name: value' …");
        }
    }

    @Command(
            name = "verify",
            description = {
                "Verify a captured webhook delivery: the raw body and fal's X-Fal-Webhook-* headers.",
                "Exits 0 when the signature holds, 4 when the delivery is rejected (the reason is printed)."
            },
            footerHeading = "%nExample:%n",
            footer = {
                "  kling webhook verify --body delivery.json \\",
                "      --header 'X-Fal-Webhook-Request-Id: 3f1c…' --header 'X-Fal-Webhook-User-Id: …' \\",
                "      --header 'X-Fal-Webhook-Timestamp: 1767225600' --header 'X-Fal-Webhook-Signature: 9a…'"
            })
    static final class Verify implements Callable<Integer> {
        private final CliContext ctx;

        @Option(
                names = "--body",
                required = true,
                paramLabel = "FILE",
                description = "The raw request body, byte for byte.")
        Path body;

        @Option(names = "--header", paramLabel = "'Name: value'", description = "A request header, repeatable.")
        List<String> headers = new ArrayList<>();

        @Option(
                names = "--jwks-url",
                paramLabel = "URL",
                description = "Where fal's public keys are (default: fal's JWKS URL).")
        String jwksUrl;

        Verify(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw CliException.usage("--header '" + h + "': write it as 'Name: value'");
                }
                map.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
            byte[] bytes;
            Path file = ctx.resolve(body.toString());
            if (Files.isDirectory(file)) {
                throw CliException.usage(
                        "--body " + body + ": is a folder, not a file; give the file holding the raw body");
            }
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw CliException.usage("--body " + body + ": no such file");
            }
            WebhookVerifier.Builder b = WebhookVerifier.builder();
            if (jwksUrl != null) {
                b.jwksUrl(jwksUrl);
            }
            WebhookEvent event;
            try {
                event = b.build().verifyAndParse(bytes, map);
            } catch (WebhookVerificationException e) {
                throw new CliException(ExitCodes.JOB_FAILED, "rejected (" + e.reason() + "): " + e.getMessage());
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("verified", true);
            d.put("request_id", event.requestId());
            d.put("status", String.valueOf(event.status()));
            d.put("error", event.error().orElse(null));
            ctx.out()
                    .println("verified: request " + event.requestId() + ", status " + event.status()
                            + event.error().map(e -> ", error: " + e).orElse(""));
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }
}
