/**
 * The kling command-line tool.
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.cli;
