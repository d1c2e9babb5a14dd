package dev.kling4j.cli;

import dev.kling4j.testkit.FalEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.of(env, home, workDir, new PrintWriter(out, true), new PrintWriter(err, true));
        int code = Kling.run(ctx, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
