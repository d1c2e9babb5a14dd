/**
 * The {@code kling} command-line tool: generate, edit and restyle videos with fal's Kling O3 models, keep a
 * journal of paid requests, resume them, and try everything offline with {@code --emulator}.
 * {@link dev.kling4j.cli.Main} is the entry point; {@link dev.kling4j.cli.Kling#commandLine} builds the
 * picocli command tree for a {@link dev.kling4j.cli.CliContext} (which tests give their own environment).
 */
package dev.kling4j.cli;
