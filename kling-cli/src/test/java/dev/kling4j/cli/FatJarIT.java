package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fat jar the {@code ./kling} launcher runs ({@code java -jar kling-cli/target/kling.jar}), on the class path
 * with the module descriptors left out: the merged {@code META-INF/services} still bring every model, and a whole
 * generation works. Runs after {@code package} (the build's {@code fat-jar} execution), when the jar exists.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FatJarIT extends EmulatorTest {
    @Test
    void theFatJarFindsEveryModelAndGenerates() throws Exception {
        Path jar = RuntimeModules.target().resolve("kling.jar");
        assertThat(jar).as("built by package").isRegularFile();
        List<String> launch = List.of("-jar", jar.toString());

        ChildJvm.assertListsEveryCategory(ChildJvm.runToSuccess(work, fal, launch, "models"));

        String out = ChildJvm.runToSuccess(work, fal, launch, "generate", "--prompt", "a fox", "--output", "fox.mp4");
        assertThat(out).contains("video written to " + work.resolve("fox.mp4"));
        assertThat(Files.readString(work.resolve("err.txt"))).doesNotContain("SLF4J");
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }
}
