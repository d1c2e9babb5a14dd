package dev.kling4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "compiled and run" snippets are the tagged regions ({@code // tag::name[]} … {@code // end::name[]})
 * of this module's sources, word for word: a snippet changed in the code but not in the README, or the other
 * way round, fails here.
 */
class ReadmeTagsTest {
    private static final Pattern TAG =
            Pattern.compile("// tag::([\\w-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

    record Snippet(String name, Path file, String text) {}

    static List<Snippet> snippets() throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = TAG.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    out.add(new Snippet(m.group(1), file, m.group(2).stripIndent()));
                }
            }
        }
        return out;
    }

    @Test
    void everyTaggedSnippetStandsInTheReadmeAsItIsInTheCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<Snippet> snippets = snippets();

        assertThat(snippets)
                .extracting(Snippet::name)
                .contains("image-to-video", "async", "budgeted-batch", "generate-and-download");
        assertThat(snippets)
                .allSatisfy(s -> assertThat(readme)
                        .as("README.md holds the snippet '%s' of %s as it is", s.name(), s.file())
                        .contains("```java\n" + s.text().stripTrailing() + "\n```"));
    }
}
