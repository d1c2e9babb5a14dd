package dev.kling4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * What the process knows about its terminal: whether a standard stream is one, how wide it is, and whether
 * colour is welcome. Java cannot ask the kernel ({@code isatty}, {@code TIOCGWINSZ}) directly, so on Linux it
 * reads where {@code /proc/self/fd/N} points, and asks {@code stty} for the width; elsewhere it falls back to
 * {@link System#console()}, which needs both stdin and stdout to be terminals.
 */
final class Terminal {
    /** Width assumed when nothing says better: what a pipe, a file or an unknown terminal gets. */
    static final int DEFAULT_WIDTH = 80;

    private Terminal() {}

    /**
     * Whether a file descriptor of this process is a terminal.
     *
     * @param fd 1 for stdout, 2 for stderr
     * @return true for a terminal (a pseudo-terminal, a console)
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /**
     * The terminal's width: {@code COLUMNS} when set (the user's word wins), else {@code stty size} on the
     * controlling terminal, else {@link #DEFAULT_WIDTH}.
     *
     * @param env the environment
     * @return the columns, at least 20
     */
    static int width(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null && columns.trim().matches("\\d{1,4}")) {
            return Math.max(20, Integer.parseInt(columns.trim()));
        }
        return sttyWidth().orElse(DEFAULT_WIDTH);
    }

    private static OptionalInt sttyWidth() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return OptionalInt.empty();
        }
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String answer;
            try (InputStream in = p.getInputStream()) {
                answer = new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim();
            }
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return OptionalInt.empty();
            }
            String[] rowsCols = answer.split("\\s+");
            if (rowsCols.length == 2 && rowsCols[1].matches("\\d{1,4}") && Integer.parseInt(rowsCols[1]) > 0) {
                return OptionalInt.of(Math.max(20, Integer.parseInt(rowsCols[1])));
            }
        } catch (IOException e) {
            // no stty, or no controlling terminal: the default will do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    /**
     * Whether to colour text written to a terminal: not when {@code NO_COLOR} is set to anything
     * (https://no-color.org), nor on a {@code dumb} terminal.
     *
     * @param env the environment
     * @return true when colour may be used on a terminal
     */
    static boolean colourAllowed(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
