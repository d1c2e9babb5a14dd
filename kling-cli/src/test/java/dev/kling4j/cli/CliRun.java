package dev.kling4j.cli;

import dev.kling4j.testkit.FalEmulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs one kling command line in-process, with its own environment, home and captured streams. */
record CliRun(int code, String out, String err) {

    /** The environment that points the CLI at an emulator (as FAL_KEY and FAL_*_URL would). */
    static Map<String, String> envFor(FalEmulator fal) {
        Map<String, String> env = new HashMap<>();
        env.put("FAL_KEY", CliTestSupport.KEY);
        env.put("FAL_QUEUE_URL", fal.queueUrl());
        env.put("FAL_REST_URL", fal.restUrl());
        env.put("FAL_API_URL", fal.apiUrl());
        return env;
    }

    static CliRun run(Map<String, String> env, Path home, Path workDir, String... args) {
        return with(env, home, workDir).run(args);
    }

    /** A run to configure further: a terminal, stdin, a clock, raw arguments. */
    static Setup with(Map<String, String> env, Path home, Path workDir) {
        return new Setup(env, home, workDir, UnaryOperator.identity());
    }

    /** A command line about to run, and how its context differs from the plain one. */
    record Setup(Map<String, String> env, Path home, Path workDir, UnaryOperator<CliContext> tweak) {
        Setup and(UnaryOperator<CliContext> more) {
            return new Setup(env, home, workDir, c -> more.apply(tweak.apply(c)));
        }

        /** stderr and stdout as terminals of this width. */
        Setup terminal(int columns, boolean colour) {
            return and(c -> c.withTerminal(true, true, columns, colour));
        }

        Setup stdin(String text) {
            return and(c -> c.withStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        }

        /** The command line's raw bytes as the JVM would have got them, decoded with a charset. */
        Setup rawArgs(List<byte[]> raw, Charset decodedWith) {
            return and(c -> c.withRawArgs(raw, decodedWith));
        }

        CliRun run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CliContext ctx = tweak.apply(
                    CliContext.of(env, home, workDir, new PrintWriter(out, true), new PrintWriter(err, true)));
            int code = Kling.run(ctx, args);
            return new CliRun(code, out.toString(), err.toString());
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
