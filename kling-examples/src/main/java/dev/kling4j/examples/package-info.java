/**
 * Runnable examples of kling4j, one per use case of the product spec and a few more. Each runs against fal
 * when {@code FAL_KEY} is set and against an embedded emulator otherwise, and says which; the build runs
 * every one against the emulator. Start with {@link dev.kling4j.examples.Backend}.
 */
package dev.kling4j.examples;
