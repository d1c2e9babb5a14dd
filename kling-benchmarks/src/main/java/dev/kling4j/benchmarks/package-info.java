/**
 * Benchmarks of kling4j against the wire and fal's Java client (not published).
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.benchmarks;
