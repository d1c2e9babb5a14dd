package dev.kling4j.cli;

import dev.kling4j.testkit.FalEmulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test class whose commands run against a fresh emulator, in a work folder with the kling home inside. */
abstract class EmulatorTest {
    @TempDir
    Path work;

    FalEmulator fal;
    Path home;

    /** The emulator for each test; a class may start its own (with a clock, say). */
    FalEmulator startEmulator() {
        return CliTestSupport.emulator();
    }

    @BeforeEach
    void startIt() {
        fal = startEmulator();
        home = work.resolve("home");
    }

    @AfterEach
    void stopIt() {
        fal.close();
    }

    /** Runs a command line in-process, pointed at the emulator by the environment, as a user's shell would. */
    CliRun kling(String... args) {
        return CliRun.run(CliRun.envFor(fal), home, work, args);
    }
}
