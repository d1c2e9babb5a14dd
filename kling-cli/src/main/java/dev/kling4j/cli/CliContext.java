package dev.kling4j.cli;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.RequestJournal;
import dev.kling4j.core.model.ModelRegistry;
import dev.kling4j.testkit.FalEmulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a command needs from the world: environment variables, the kling home directory, the working
 * directory, the standard streams, whether stdout and stderr are terminals (and how wide, and whether colour
 * is welcome), a clock for elapsed times, the raw bytes of the command line, and whether to install a Ctrl-C
 * hook. {@link #system()} reads the real process; tests build their own with {@link #of} and the
 * {@code with…} methods, so they never touch the user's home, environment or terminal.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final Path home;
    private final Path workDir;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final boolean terminal;
    private final boolean stdoutTerminal;
    private final IntSupplier width;
    private final boolean colour;
    private final boolean interruptHook;
    private final boolean ticking;
    private final LongSupplier nanoTime;
    private final Supplier<Optional<List<byte[]>>> rawArgs;
    private final Charset argsCharset;

    private CliContext(Settings s) {
        this.env = Map.copyOf(s.env);
        this.home = Objects.requireNonNull(s.home, "home");
        this.workDir = Objects.requireNonNull(s.workDir, "workDir");
        this.out = Objects.requireNonNull(s.out, "out");
        this.err = Objects.requireNonNull(s.err, "err");
        this.in = Objects.requireNonNull(s.in, "in");
        this.terminal = s.terminal;
        this.stdoutTerminal = s.stdoutTerminal;
        this.width = s.width;
        this.colour = s.colour;
        this.interruptHook = s.interruptHook;
        this.ticking = s.ticking;
        this.nanoTime = s.nanoTime;
        this.rawArgs = s.rawArgs;
        this.argsCharset = s.argsCharset;
    }

    /** The values a context is made of, changed one at a time by the factories and the {@code with…} methods. */
    private static final class Settings {
        Map<String, String> env;
        Path home;
        Path workDir;
        PrintWriter out;
        PrintWriter err;
        InputStream in = new ByteArrayInputStream(new byte[0]);
        boolean terminal;
        boolean stdoutTerminal;
        IntSupplier width = () -> Terminal.DEFAULT_WIDTH;
        boolean colour;
        boolean interruptHook;
        boolean ticking;
        LongSupplier nanoTime = System::nanoTime;
        Supplier<Optional<List<byte[]>>> rawArgs = Optional::empty;
        Charset argsCharset = Charset.defaultCharset();

        Settings(Map<String, String> env, Path home, Path workDir, PrintWriter out, PrintWriter err) {
            this.env = env;
            this.home = home;
            this.workDir = workDir;
            this.out = out;
            this.err = err;
        }
    }

    /** This context with some of its settings changed. */
    private CliContext with(Consumer<Settings> change) {
        Settings s = new Settings(env, home, workDir, out, err);
        s.in = in;
        s.terminal = terminal;
        s.stdoutTerminal = stdoutTerminal;
        s.width = width;
        s.colour = colour;
        s.interruptHook = interruptHook;
        s.ticking = ticking;
        s.nanoTime = nanoTime;
        s.rawArgs = rawArgs;
        s.argsCharset = argsCharset;
        change.accept(s);
        return new CliContext(s);
    }

    /**
     * The real process: {@code System.getenv()}, {@code $KLING_HOME} (default {@code ~/.kling}), the current
     * directory, the standard streams, a status line and progress bars when stderr is a terminal.
     *
     * @return the context
     */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        String jnu = System.getProperty("sun.jnu.encoding");
        Settings s = new Settings(
                env,
                homeOf(env, Path.of(System.getProperty("user.home"))),
                Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        s.in = System.in;
        s.terminal = Terminal.isTerminal(2);
        s.stdoutTerminal = Terminal.isTerminal(1);
        s.width = memoized(() -> Terminal.width(env));
        s.colour = Terminal.colourAllowed(env);
        s.interruptHook = true;
        s.ticking = true;
        s.rawArgs = ArgvCheck::procSelfCmdline;
        s.argsCharset = jnu != null && Charset.isSupported(jnu) ? Charset.forName(jnu) : Charset.defaultCharset();
        return new CliContext(s);
    }

    /**
     * A context for tests and embedding: no terminal, no shutdown hook, empty stdin.
     *
     * @param env the environment variables the command sees ({@code FAL_KEY}, {@code FAL_QUEUE_URL} …)
     * @param home the kling home directory (the journal is in its {@code jobs} folder)
     * @param workDir where relative paths and default outputs go
     * @param out standard output
     * @param err standard error
     * @return the context
     */
    public static CliContext of(Map<String, String> env, Path home, Path workDir, PrintWriter out, PrintWriter err) {
        return new CliContext(new Settings(env, home, workDir.toAbsolutePath(), out, err));
    }

    /** As {@link #of}, with stderr treated as a terminal (status line, progress bars) when asked. */
    static CliContext of(
            Map<String, String> env, Path home, Path workDir, PrintWriter out, PrintWriter err, boolean terminal) {
        return of(env, home, workDir, out, err).withTerminal(terminal, false, Terminal.DEFAULT_WIDTH, false);
    }

    /** This context with stderr (and stdout) treated as terminals of a width, with or without colour. */
    CliContext withTerminal(boolean stderrTerminal, boolean stdoutTerminal, int columns, boolean colour) {
        return with(s -> {
            s.terminal = stderrTerminal;
            s.stdoutTerminal = stdoutTerminal;
            s.width = () -> columns;
            s.colour = colour;
        });
    }

    /** This context reading standard input from a stream. */
    CliContext withStdin(InputStream stdin) {
        return with(s -> s.in = stdin);
    }

    /** This context measuring elapsed time with another clock (nanoseconds, as {@link System#nanoTime()}). */
    CliContext withClock(LongSupplier nanos) {
        return with(s -> s.nanoTime = nanos);
    }

    /** This context with the command line's raw bytes, as the JVM decoded them with a charset. */
    CliContext withRawArgs(List<byte[]> raw, Charset decodedWith) {
        return with(s -> {
            s.rawArgs = () -> Optional.of(raw);
            s.argsCharset = decodedWith;
        });
    }

    static Path homeOf(Map<String, String> env, Path userHome) {
        String home = env.get("KLING_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : userHome.resolve(".kling");
    }

    private static IntSupplier memoized(IntSupplier s) {
        int[] cached = {-1};
        return () -> {
            synchronized (cached) {
                if (cached[0] < 0) {
                    cached[0] = s.getAsInt();
                }
                return cached[0];
            }
        };
    }

    Map<String, String> env() {
        return env;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    /** Whether stderr is a terminal: the status line and progress bars are drawn in place. */
    boolean terminal() {
        return terminal;
    }

    /** Whether stdout is a terminal: tables and help fit its width. */
    boolean stdoutTerminal() {
        return stdoutTerminal;
    }

    /** The terminal's width in columns ({@value Terminal#DEFAULT_WIDTH} when unknown). */
    int width() {
        return width.getAsInt();
    }

    /** Colours for stderr: on a terminal, unless {@code NO_COLOR} is set. */
    Style style() {
        return terminal && colour ? Style.ANSI : Style.PLAIN;
    }

    /** Colours for stdout (help), on the same terms. */
    boolean stdoutColour() {
        return stdoutTerminal && colour;
    }

    boolean interruptHook() {
        return interruptHook;
    }

    /** Whether a timer redraws the status line every second (the real process; tests tick by hand). */
    boolean ticking() {
        return ticking;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    Optional<List<byte[]>> rawArgs() {
        return rawArgs.get();
    }

    Charset argsCharset() {
        return argsCharset;
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
        return connect(emulator, true);
    }

    /**
     * Opens a client: to an embedded emulator, or from the environment (refusing when there is no key).
     *
     * @param emulator whether to start an embedded emulator (whose client never asks fal for prices)
     * @param livePrices whether estimates may use fal's live prices (they do by default with a key)
     * @return the session, to close
     */
    Session connect(boolean emulator, boolean livePrices) {
        if (emulator) {
            FalEmulator fal = FalEmulator.start();
            return new Session(
                    fal.clientBuilder().livePrices(false).journal(journal(true)).build(), fal);
        }
        KlingClient client = clientFromEnv(livePrices, journal(false));
        if (!client.hasCredentials()) {
            client.close();
            throw CliException.usage(noKeyMessage());
        }
        return new Session(client, null);
    }

    /** A client from the environment, its live-price cache under {@code $KLING_HOME}, journalling to a journal. */
    private KlingClient clientFromEnv(boolean livePrices, FileRequestJournal journal) {
        KlingClient.Builder b = KlingClient.builder().fromEnv(env).home(home);
        if (journal != null) {
            b.journal(journal);
        }
        if (!livePrices) {
            b.livePrices(false);
        }
        return b.build();
    }

    /**
     * A client for the commands that submit nothing ({@code cost}, {@code lint}, a dry run): it estimates,
     * lints and checks local files. With {@code livePrices} and a key, its estimates use fal's live prices
     * (cached a day under {@code $KLING_HOME}); otherwise it calls nothing at all.
     *
     * @param livePrices whether estimates may use fal's live prices
     * @return the client, to close
     */
    KlingClient localClient(boolean livePrices) {
        return clientFromEnv(livePrices, null);
    }

    /** Whether a key is configured, for the commands that only warn without one (a dry run). */
    boolean hasKey() {
        try (KlingClient client = KlingClient.fromEnv(env)) {
            return client.hasCredentials();
        }
    }

    static String noKeyMessage() {
        return "no fal API key: set FAL_KEY (export FAL_KEY=…, from https://fal.ai/dashboard/keys)"
                + " or FAL_KEY_ID and FAL_KEY_SECRET; or try offline with --emulator, or see the request with --dry-run";
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
