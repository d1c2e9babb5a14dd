package dev.kling4j.cli;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.model.ModelRegistry;
import dev.kling4j.testkit.FalEmulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command needs from the world: environment variables, the kling home directory, the working
 * directory, the two output streams, whether stderr is a terminal, and whether to install a Ctrl-C hook.
 * {@link #system()} reads the real process; tests build their own, so they never touch the user's home,
 * environment or terminal.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final Path home;
    private final Path workDir;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean interruptHook;

    private CliContext(Map<String, String> env, Path home, Path workDir, PrintWriter out, PrintWriter err,
            boolean terminal, boolean interruptHook) {
        this.env = Map.copyOf(env);
        this.home = Objects.requireNonNull(home, "home");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
        this.interruptHook = interruptHook;
    }

    /**
     * The real process: {@code System.getenv()}, {@code $KLING_HOME} (default {@code ~/.kling}), the current
     * directory, {@code System.out}/{@code System.err}, progress bars when there is a console.
     *
     * @return the context
     */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(env, homeOf(env, Path.of(System.getProperty("user.home"))), Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null, true);
    }

    /**
     * A context for tests and embedding: no terminal, no shutdown hook.
     *
     * @param env the environment variables the command sees ({@code FAL_KEY}, {@code FAL_QUEUE_URL} …)
     * @param home the kling home directory (the journal is in its {@code jobs} folder)
     * @param workDir where relative paths and default outputs go
     * @param out standard output
     * @param err standard error
     * @return the context
     */
    public static CliContext of(Map<String, String> env, Path home, Path workDir, PrintWriter out, PrintWriter err) {
        return new CliContext(env, home, workDir.toAbsolutePath(), out, err, false, false);
    }

    /** As {@link #of}, with stderr treated as a terminal (progress bars) when asked. */
    static CliContext of(Map<String, String> env, Path home, Path workDir, PrintWriter out, PrintWriter err,
            boolean terminal) {
        return new CliContext(env, home, workDir.toAbsolutePath(), out, err, terminal, false);
    }

    static Path homeOf(Map<String, String> env, Path userHome) {
        String home = env.get("KLING_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : userHome.resolve(".kling");
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean terminal() {
        return terminal;
    }

    boolean interruptHook() {
        return interruptHook;
    }

    Path home() {
        return home;
    }

    Path resolve(String path) {
        return workDir.resolve(path).toAbsolutePath().normalize();
    }

    Path workDir() {
        return workDir;
    }

    ModelRegistry models() {
        return ModelRegistry.standard();
    }

    RequestJournal journal() {
        return journal(false);
    }

    /**
     * The journal: {@code $KLING_HOME/jobs}, or {@code $KLING_HOME/emulator/jobs} for runs against the embedded
     * emulator, whose jobs end with the process and can never be resumed against fal.
     */
    FileRequestJournal journal(boolean emulator) {
        return FileRequestJournal.in(emulator ? home.resolve("emulator").resolve("jobs") : home.resolve("jobs"));
    }

    /**
     * Opens a client: to an embedded emulator, or from the environment (refusing when there is no key).
     *
     * @param emulator whether to start an embedded emulator
     * @return the session, to close
     */
    Session connect(boolean emulator) {
        if (emulator) {
            FalEmulator fal = FalEmulator.start();
            return new Session(fal.newClient(), fal);
        }
        KlingClient client = KlingClient.fromEnv(env);
        if (!client.hasCredentials()) {
            client.close();
            throw CliException.usage("no fal API key: set FAL_KEY (export FAL_KEY=…, from https://fal.ai/dashboard/keys)"
                    + " or FAL_KEY_ID and FAL_KEY_SECRET; or try offline with --emulator, or see the request with --dry-run");
        }
        return new Session(client, null);
    }

    /** A client, and the emulator behind it when there is one; closing closes both. */
    static final class Session implements AutoCloseable {
        private final KlingClient client;
        private final FalEmulator emulator;

        Session(KlingClient client, FalEmulator emulator) {
            this.client = client;
            this.emulator = emulator;
        }

        KlingClient client() {
            return client;
        }

        boolean emulated() {
            return emulator != null;
        }

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                if (emulator != null) {
                    emulator.close();
                }
            }
        }
    }
}
