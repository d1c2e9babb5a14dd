/**
 * Prompts' {@code @}-references: {@link dev.kling4j.core.prompt.References} finds them with their
 * positions, {@link dev.kling4j.core.prompt.ReferenceLinter} checks them against a request.
 */
package dev.kling4j.core.prompt;
