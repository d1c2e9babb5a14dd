/**
 * An offline fal emulator for tests: queue, storage, webhooks, scripted faults.
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.testkit;
