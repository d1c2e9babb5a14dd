/**
 * Runnable examples of the kling4j SDK.
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.examples;
