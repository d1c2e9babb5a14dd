package dev.kling4j.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client wires its services; no service depends on the client. The queue, the uploader, the downloader and
 * the pricing client are made of the client's internal context ({@code ClientAccess.make}), so none of them
 * imports {@code KlingClient}: the client's package depends on theirs and never the other way round through a
 * service. Webhook verification is built by the user from a client and wired by nobody, so it may take one.
 */
class ServiceDependenciesTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "kling4j", "core");
    private static final Pattern USES_CLIENT =
            Pattern.compile("^import dev\\.kling4j\\.core\\.(Async)?KlingClient;", Pattern.MULTILINE);

    static List<Path> sourcesOf(String... packages) {
        return Stream.of(packages)
                .flatMap(p -> {
                    try (Stream<Path> files = Files.walk(SOURCES.resolve(p))) {
                        return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    static boolean importsTheClient(Path file) {
        try {
            return USES_CLIENT
                    .matcher(Files.readString(file, StandardCharsets.UTF_8))
                    .find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noServiceTheClientWiresImportsTheClient() {
        List<Path> services =
                sourcesOf("queue", "media", "pricing", "journal", "catalog", "model", "prompt", "error", "internal");

        assertThat(services).hasSizeGreaterThan(50);
        assertThat(services)
                .filteredOn(ServiceDependenciesTest::importsTheClient)
                .as("only the accessor that hands out the client's context names the client")
                .extracting(p -> p.getFileName().toString())
                .containsExactly("ClientAccess.java");
    }

    @Test
    void theCheckFindsAnImportOfTheClient() {
        List<Path> webhook = sourcesOf("webhook");

        assertThat(webhook)
                .filteredOn(ServiceDependenciesTest::importsTheClient)
                .isNotEmpty();
    }
}
