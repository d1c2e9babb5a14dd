package dev.kling4j.cli;

import dev.kling4j.testkit.FalEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
}
