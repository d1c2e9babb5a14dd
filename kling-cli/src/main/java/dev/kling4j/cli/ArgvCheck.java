package dev.kling4j.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds command-line arguments the JVM decoded lossily. The JVM turns argv's bytes into strings with the
 * charset of the locale ({@code sun.jnu.encoding}), fixed at start-up: under {@code LANG=C} (Docker images,
 * cron, CI) that is ASCII, and every byte of {@code 一只红狐狸} becomes U+FFFD, which would be sent to fal and
 * paid for. Neither {@code -Dsun.jnu.encoding} nor {@code -Dfile.encoding} changes that on JDK 17. On Linux the
 * raw bytes are in {@code /proc/self/cmdline}: an argument whose non-ASCII bytes do not come back when its
 * string is encoded again was garbled, and the command is refused before anything is read or sent. (The
 * {@code kling} launcher sets a UTF-8 locale when the current one is not, so this is rare through it.)
 */
final class ArgvCheck {
    private ArgvCheck() {}

    /** One garbled argument: its position among the program's arguments and the text the JVM made of it. */
    record Garbled(int index, String decoded) {}

    /**
     * The process's own command line, as raw bytes, on Linux.
     *
     * @return one array per argument (the JVM's own first), or empty where there is no {@code /proc}
     */
    static Optional<List<byte[]>> procSelfCmdline() {
        byte[] all;
        try {
            all = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
        List<byte[]> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                args.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            args.add(Arrays.copyOfRange(all, start, all.length));
        }
        return Optional.of(args);
    }

    /**
     * The first argument that the JVM decoded lossily.
     *
     * @param args the program's arguments, as {@code main} got them
     * @param raw the whole command line's bytes (the program's arguments are its last ones)
     * @param decodedWith the charset the JVM decoded them with
     * @return the garbled argument, or empty when all survived or the two cannot be matched up
     */
    static Optional<Garbled> check(String[] args, List<byte[]> raw, Charset decodedWith) {
        if (raw.size() < args.length) {
            return Optional.empty();
        }
        int offset = raw.size() - args.length;
        for (int i = 0; i < args.length; i++) {
            byte[] r = raw.get(offset + i);
            if (ascii(r) && !new String(r, StandardCharsets.US_ASCII).equals(args[i])) {
                return Optional.empty(); // not the same command line (an argument file?): nothing can be told
            }
        }
        for (int i = 0; i < args.length; i++) {
            byte[] r = raw.get(offset + i);
            if (!ascii(r) && !Arrays.equals(args[i].getBytes(decodedWith), r)) {
                return Optional.of(new Garbled(i, args[i]));
            }
        }
        return Optional.empty();
    }

    /**
     * The refusal, naming the argument (or the option it is the value of) and the two ways out; in ASCII, since
     * it is printed precisely when the locale's charset cannot write anything else.
     */
    static String message(Garbled g, String[] args, Charset decodedWith, Map<String, String> env) {
        String which = g.index() > 0 && args[g.index() - 1].startsWith("-")
                ? "the value of " + args[g.index() - 1]
                : "argument " + (g.index() + 1);
        String locale = localeOf(env);
        return which + " reached kling garbled ('" + g.decoded().replace('\uFFFD', '?') + "'): Java decoded the command"
                + " line as " + decodedWith.name() + ", the charset of the locale (" + locale + "), which cannot hold"
                + " its characters, so nothing was sent. Run it in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 kling ..."
                + " (the ./kling launcher sets one), or pass the text in a UTF-8 file with --prompt-file FILE, or on"
                + " stdin with --prompt -";
    }

    private static String localeOf(Map<String, String> env) {
        for (String name : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                return name + "=" + v;
            }
        }
        return "none set, so C";
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
