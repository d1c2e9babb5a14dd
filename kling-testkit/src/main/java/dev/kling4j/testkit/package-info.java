/**
 * An offline fal emulator for tests: queue, storage, webhooks, scripted faults.
 *
 * <p>Start one with {@link dev.kling4j.testkit.FalEmulator#start()} (or the JUnit 5
 * {@link dev.kling4j.testkit.FalEmulatorExtension}), point the SDK at its {@code queueUrl()},
 * {@code restUrl()} and {@code apiUrl()}, script timings and faults, and assert the requests it recorded.
 */
package dev.kling4j.testkit;
