/**
 * An offline fal emulator for tests: {@link dev.kling4j.testkit.FalEmulator} (queue, storage, webhooks, scripted
 * faults on loopback), {@link dev.kling4j.testkit.SampleMedia} and a JUnit 5 extension.
 */
module dev.kling4j.testkit {
    // FalEmulator hands out KlingClient builders pointed at itself.
    requires transitive dev.kling4j.core;
    requires com.fasterxml.jackson.databind;
    // The emulator's HTTP server.
    requires jdk.httpserver;
    // Java2D draws the prompt into the frames of the videos the emulator makes.
    requires java.desktop;
    // Only FalEmulatorExtension needs JUnit, and whoever uses the extension has JUnit already. Not transitive: the
    // CLI embeds the emulator without JUnit.
    requires static org.junit.jupiter.api;

    exports dev.kling4j.testkit;
}
