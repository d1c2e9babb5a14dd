/**
 * Benchmarks and the soak run of kling4j, on loopback against the kling-testkit emulator; not published and
 * not part of the default test run (a small smoke test keeps them working). Start with
 * {@link dev.kling4j.benchmarks.Soak}.
 */
package dev.kling4j.benchmarks;
