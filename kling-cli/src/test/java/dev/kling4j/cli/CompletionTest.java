package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.kling4j.core.catalog.Category;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion works as {@code kling completion --help} says: the script is loaded with
 * {@code source <(kling completion)} in a real bash, and Tab completes commands, options, model keys, aspect
 * ratios and the request ids in the journal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletionTest {
    @TempDir
    Path work;

    Path home;

    @BeforeEach
    void journal() throws Exception {
        home = Files.createDirectories(work.resolve("home/jobs")).getParent();
        Files.writeString(home.resolve("jobs/3f1c2a9e-0000-4000-8000-000000000001.json"), "{}");
        Files.writeString(home.resolve("jobs/7b2d4c1f-0000-4000-8000-000000000002.json"), "{}");
        Files.writeString(home.resolve("jobs/.3f1c2a9e-temp.tmp"), "not an entry");
    }

    /** What bash offers for a line with the cursor at its end, with the script loaded from a file. */
    List<String> complete(String line) throws Exception {
        Path script = work.resolve("kling-completion.bash");
        if (!Files.exists(script)) {
            CliRun r = CliRun.run(Map.of(), home, work, "completion");
            assertThat(r.code()).as(r.toString()).isZero();
            Files.writeString(script, r.out());
        }
        return complete("source \"$WORK/kling-completion.bash\"", line);
    }

    /** What bash offers for a line, after running the commands that load the script. */
    List<String> complete(String load, String line) throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")))
                .isTrue();
        String script = String.join(
                "\n",
                load,
                "COMP_WORDBREAKS=$' \\t\\n\"\\'><=;|&(:'",
                "COMP_LINE=\"$LINE\"",
                "COMP_POINT=${#COMP_LINE}",
                "read -r -a COMP_WORDS <<< \"$COMP_LINE\"",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "case \"$COMP_LINE\" in *' ') COMP_WORDS+=(''); COMP_CWORD=$(( COMP_CWORD + 1 ));; esac",
                "_kling",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().put("KLING_HOME", home.toString());
        pb.environment().put("LINE", line);
        pb.environment().put("WORK", work.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theInstructionsOfItsHelpWorkAsWritten() throws Exception {
        CliRun help = CliRun.run(Map.of(), home, work, "completion", "--help");
        assertThat(help.out()).contains("source <(kling completion)", "~/.bashrc", "~/.zshrc");

        // kling on the PATH, as the help assumes: here a function that runs the program.
        List<String> offered = complete(
                "kling() { \"$JAVA\" -cp \"$CP\" dev.kling4j.cli.Main \"$@\"; }\n" + "source <(kling completion)",
                "kling res");

        assertThat(offered).containsExactly("result", "resume");
    }

    @Test
    void commandsAndOptionsComplete() throws Exception {
        assertThat(complete("kling gen")).containsExactly("generate", "generate-ref");
        assertThat(complete("kling generate --mo")).containsExactly("--model");
        assertThat(complete("./kling generate --prompt-f")).containsExactly("--prompt-file");
        assertThat(complete("kling help resum")).containsExactly("resume");
    }

    @Test
    void modelKeysComplete() throws Exception {
        assertThat(complete("kling generate --model kling_o3_4k"))
                .containsExactlyInAnyOrder("kling_o3_4k_i2v", "kling_o3_4k_t2v", "kling_o3_4k_ref");
        assertThat(complete("kling models info kling_o3_standard_v")).containsExactly("kling_o3_standard_v2v_ref");
    }

    @Test
    void aspectRatiosCompleteWithTheColonAsBashSplitsIt() throws Exception {
        assertThat(complete("kling generate --aspect-ratio ")).containsExactly("16:9", "9:16", "1:1");
        assertThat(complete("kling reference --aspect-ratio ")).contains("auto");
        // bash breaks "16:" at the colon: the part after it is what gets completed.
        assertThat(complete("kling generate --aspect-ratio 16:")).containsExactly("9");
    }

    @Test
    void journalledRequestIdsComplete() throws Exception {
        assertThat(complete("kling resume "))
                .containsExactly("3f1c2a9e-0000-4000-8000-000000000001", "7b2d4c1f-0000-4000-8000-000000000002");
        assertThat(complete("kling status 7b")).containsExactly("7b2d4c1f-0000-4000-8000-000000000002");
    }

    @Test
    void anOptionNamedAfterAFieldOfTheTableCompletesItsValues() {
        Set<Category> imageOrText = EnumSet.of(Category.IMAGE_TO_VIDEO, Category.TEXT_TO_VIDEO);

        assertThat(Completion.fieldValues("--shot-type", imageOrText)).containsExactly("customize", "intelligent");
        assertThat(Completion.fieldValues("--aspect-ratio", imageOrText)).containsExactly("16:9", "9:16", "1:1");
        assertThat(Completion.fieldValues("--prompt", imageOrText)).isEmpty();
    }
}
