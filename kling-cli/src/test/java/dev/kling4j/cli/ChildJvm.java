package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.testkit.FalEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the kling program in a child JVM, in a work folder, pointed at an emulator; stdout and stderr to files. */
final class ChildJvm {
    private ChildJvm() {}

    /** This JVM's java executable. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code java <launch> <args>} in {@code work}, with {@code out.txt} and {@code err.txt} there, the
     * emulator's environment and {@code work/home} as KLING_HOME.
     *
     * @param launch how the program is started, e.g. {@code -cp CP dev.kling4j.cli.Main} or {@code -jar kling.jar}
     */
    static Process start(Path work, FalEmulator fal, List<String> launch, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(launch);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("FAL_") || k.equals("KLING_HOME"));
        env.putAll(CliRun.envFor(fal));
        env.put("KLING_HOME", work.resolve("home").toString());
        return pb.start();
    }

    /**
     * Runs the program to its end, 30 s at most, and asserts that it exited with 0 (stderr describing a failure).
     *
     * @return what it wrote on stdout
     */
    static String runToSuccess(Path work, FalEmulator fal, List<String> launch, String... args) throws Exception {
        Process p = start(work, fal, launch, args);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("err.txt"))).isZero();
        return Files.readString(work.resolve("out.txt"));
    }

    /** Asserts that {@code kling models} listed a model of every category: each module's services were found. */
    static void assertListsEveryCategory(String modelsOutput) {
        assertThat(modelsOutput)
                .contains(
                        "kling_o3_pro_i2v",
                        "kling_o3_pro_t2v",
                        "kling_o3_pro_ref",
                        "kling_o3_pro_edit",
                        "kling_o3_pro_v2v_ref");
    }
}
