package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.kling4j.testkit.FalEmulator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts survive any locale: arguments the JVM decoded lossily are refused, the launcher runs Java in a
 * UTF-8 locale, prompts can come from a UTF-8 file or stdin, their length is counted in characters (code
 * points), and an argument starting with {@code @} is never read as a file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PromptTextTest {
    static final String FOX = "一只红狐狸 🦊";

    @TempDir
    Path work;

    CliRun dryRun(CliRun.Setup setup, String... args) {
        return setup.run(args);
    }

    CliRun.Setup offline() {
        return CliRun.with(Map.of(), work.resolve("home"), work);
    }

    static String promptOf(CliRun dryRunJson) {
        return (String) CliTestSupport.map(
                        CliTestSupport.json(dryRunJson.out().lines().findFirst().orElseThrow())
                                .get("request"))
                .get("prompt");
    }

    /** The command line's bytes as the kernel holds them: the JVM's own arguments, then the program's. */
    static List<byte[]> cmdline(String... args) {
        List<byte[]> raw = new ArrayList<>(List.of(
                "java".getBytes(StandardCharsets.US_ASCII),
                "-jar".getBytes(StandardCharsets.US_ASCII),
                "kling.jar".getBytes(StandardCharsets.US_ASCII)));
        for (String a : args) {
            raw.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return raw;
    }

    @Test
    void anArgumentTheJvmDecodedLossilyIsFoundAndOneItDecodedRightIsNot() {
        String[] typed = {"generate", "--prompt", FOX};
        String[] asAsciiJvm = {
            "generate", "--prompt", new String(FOX.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII)
        };
        byte[] latin1 = "crème brûlée".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ArgvCheck.check(asAsciiJvm, cmdline(typed), StandardCharsets.US_ASCII))
                .get()
                .extracting(ArgvCheck.Garbled::index)
                .isEqualTo(2);
        assertThat(ArgvCheck.check(typed, cmdline(typed), StandardCharsets.UTF_8))
                .isEmpty();
        assertThat(ArgvCheck.check(new String[] {"crème brûlée"}, List.of(latin1), StandardCharsets.ISO_8859_1))
                .as("a Latin-1 locale reads Latin-1 bytes right")
                .isEmpty();
        assertThat(ArgvCheck.check(new String[] {"other"}, cmdline("generate"), StandardCharsets.US_ASCII))
                .as("command lines that do not match up prove nothing")
                .isEmpty();
    }

    @Test
    void aGarbledPromptIsRefusedWithTheWaysOutAndNothingIsSent() {
        try (FalEmulator fal = CliTestSupport.emulator()) {
            String garbled = new String(FOX.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);

            CliRun r = CliRun.with(CliRun.envFor(fal), work.resolve("home"), work)
                    .rawArgs(cmdline("generate", "--prompt", FOX, "--json"), StandardCharsets.US_ASCII)
                    .run("generate", "--prompt", garbled, "--json");

            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err())
                    .contains(
                            "the value of --prompt reached kling garbled",
                            "US-ASCII",
                            "LC_ALL=C.UTF-8",
                            "--prompt-file",
                            "--prompt -",
                            "nothing was sent");
            assertThat(CliTestSupport.json(r.out().strip()))
                    .containsEntry("event", "error")
                    .containsEntry("exit_code", 2);
            assertThat(fal.requests()).isEmpty();
        }
    }

    @Test
    void theRealJvmUnderLangCRefusesTheGarbledPrompt() throws Exception {
        Process p = shell(
                List.of(),
                "\"$JAVA\" -cp \"$CP\" dev.kling4j.cli.Main generate --prompt \"$(printf '%b' \"$FOX\")\" --dry-run");

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.US_ASCII);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("the value of --prompt reached kling garbled", "LANG=C");
    }

    @Test
    void throughTheLauncherThePromptArrivesWholeUnderLangC() throws Exception {
        assumeThat(utf8LocaleAvailable()).as("a C.UTF-8 locale on this machine").isTrue();
        // The launcher as shipped, in a tree whose jar is up to date, with a java that runs the test classes.
        Path root = Files.createDirectories(work.resolve("repo"));
        Files.copy(Path.of("..", "kling"), root.resolve("kling"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createDirectories(root.resolve("kling-cli/target")).resolve("kling.jar");
        Files.writeString(jar, "stand-in");
        Path javaHome = Files.createDirectories(work.resolve("jdk/bin"));
        Path java = javaHome.resolve("java");
        Files.writeString(
                java,
                "#!/usr/bin/env bash\n"
                        + "printf '%s\\n' \"${LC_ALL:-}\" > \"$WORK/locale.txt\"\n"
                        + "shift 2\n" // -jar kling.jar
                        + "exec \"$JAVA\" -cp \"$CP\" dev.kling4j.cli.Main \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        Process p = shell(
                List.of("JAVA_HOME=" + work.resolve("jdk")),
                "\"$WORK/repo/kling\" generate --prompt \"$(printf '%b' \"$FOX\")\" --dry-run --json");

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(Files.readString(work.resolve("locale.txt")).strip()).matches("(?i)c\\.utf-?8");
        String out = Files.readString(work.resolve("out.txt"), StandardCharsets.US_ASCII);
        assertThat(out)
                .as("JSON output is ASCII whatever the locale")
                .doesNotContain("?")
                .contains("\\u4E00");
        assertThat(promptOf(new CliRun(0, out, err))).isEqualTo(FOX);
    }

    /** Runs a bash command under LANG=C, with FOX as printf escapes (so no non-ASCII passes through Java's argv). */
    Process shell(List<String> moreEnv, String command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command)
                .directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.startsWith("FAL_"));
        env.put("LANG", "C");
        env.put("KLING_HOME", work.resolve("home").toString());
        env.put("WORK", work.toString());
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("CP", System.getProperty("java.class.path"));
        StringBuilder escaped = new StringBuilder();
        for (byte b : FOX.getBytes(StandardCharsets.UTF_8)) {
            escaped.append(String.format("\\x%02x", b & 0xff));
        }
        env.put("FOX", escaped.toString());
        for (String kv : moreEnv) {
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return pb.start();
    }

    static boolean utf8LocaleAvailable() throws Exception {
        Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        return p.waitFor(10, TimeUnit.SECONDS) && all.lines().anyMatch(l -> l.matches("(?i)c\\.utf-?8"));
    }

    @Test
    void aPromptFileIsReadAsUtf8WithoutItsByteOrderMarkOrTrailingNewline() throws Exception {
        Files.write(work.resolve("prompt.txt"), ("\uFEFF" + FOX + "\n").getBytes(StandardCharsets.UTF_8));

        CliRun r = offline().run("generate", "--prompt-file", "prompt.txt", "--dry-run", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(promptOf(r)).isEqualTo(FOX);
    }

    @Test
    void aPromptOnStdinIsReadAsUtf8() {
        CliRun r = offline().stdin(FOX + "\n").run("generate", "--prompt", "-", "--dry-run", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(promptOf(r)).isEqualTo(FOX);
    }

    @Test
    void aPromptFileThatIsNotUtf8OrNotAFileIsRefusedByName() throws Exception {
        Files.write(work.resolve("latin1.txt"), "crème brûlée".getBytes(Charset.forName("ISO-8859-1")));
        Files.createDirectories(work.resolve("prompts"));

        CliRun latin1 = offline().run("generate", "--prompt-file", "latin1.txt", "--dry-run");
        CliRun folder = offline().run("generate", "--prompt-file", "prompts", "--dry-run");
        CliRun missing = offline().run("generate", "--prompt-file", "nowhere.txt", "--dry-run");
        CliRun both = offline().run("generate", "--prompt", "x", "--prompt-file", "latin1.txt", "--dry-run");

        assertThat(List.of(latin1, folder, missing, both))
                .allSatisfy(r -> assertThat(r.code()).as(r.toString()).isEqualTo(2));
        assertThat(latin1.err()).contains("--prompt-file latin1.txt: is not UTF-8 text (bad bytes near byte 2)");
        assertThat(folder.err()).contains("--prompt-file prompts: is a folder, not a file");
        assertThat(missing.err()).contains("--prompt-file nowhere.txt: no such file");
        assertThat(both.err()).contains("--prompt TEXT or --prompt-file FILE, not both");
    }

    @Test
    void aFifoIsNeverReadAsAPromptFile() throws Exception {
        Path fifo = work.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeThat(false).as("mkfifo on this machine").isTrue();
            return;
        }
        assumeThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .isTrue();

        CliRun r = offline().run("generate", "--prompt-file", "fifo", "--dry-run");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--prompt-file fifo: is not a regular file");
    }

    @Test
    void promptLengthIsCountedInCharactersNotUtf16Units() {
        CliRun fits = offline().run("generate", "--prompt", "🦊".repeat(1300), "--dry-run");
        CliRun tooLong = offline().run("generate", "--prompt", "🦊".repeat(2501), "--dry-run");

        assertThat(fits.code()).as(fits.toString()).isZero();
        assertThat(tooLong.code()).isEqualTo(2);
        assertThat(tooLong.err()).contains("--prompt (prompt): is 2501 characters long");
    }

    @Test
    void anArgumentStartingWithAnAtSignIsTextNeverAFileToRead() throws Exception {
        Path file = Files.writeString(work.resolve("args.txt"), "--duration 99");
        String prompt = "@" + file.toAbsolutePath();

        CliRun r = offline().run("generate", "--prompt", prompt, "--dry-run", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(promptOf(r)).isEqualTo(prompt);
    }
}
