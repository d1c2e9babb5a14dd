package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.testkit.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser and the help: typos get the nearest command or option, help fits the width, messages speak CLI. */
class ParserHelpTest {
    @TempDir
    Path work;

    CliRun kling(String... args) {
        return CliRun.run(Map.of(), work.resolve("home"), work, args);
    }

    CliRun refused(String... args) {
        CliRun r = kling(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        return r;
    }

    @Test
    void aMistypedCommandOrOptionGetsTheNearestOne() {
        assertThat(refused("genrate", "--prompt", "a fox").err())
                .contains("unknown command 'genrate'; did you mean kling generate?");
        assertThat(refused("generate", "--durration", "5", "--prompt", "a fox").err())
                .contains(
                        "unknown option --durration for kling generate; did you mean --duration?",
                        "see: kling generate --help");
        assertThat(refused("models", "inf").err()).contains("did you mean kling models info?");
        assertThat(refused("help", "genrate").err())
                .contains("unknown command 'genrate'; did you mean kling generate?");
    }

    @Test
    void helpCommandShowsTheHelpOfACommand() {
        CliRun r = kling("help", "generate");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: kling generate").contains("--prompt-file", "Exit codes:");
    }

    @Test
    void noArgumentsPrintTheUsage() {
        CliRun r = kling();

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: kling").contains("Commands:", "generate", "kling help COMMAND");
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 70, 120})
    void helpFitsTheTerminalAndItsExamplesStayWholeShellCommands(int columns) {
        for (String command :
                List.of("generate", "generate-ref", "edit", "reference", "resume", "completion", "webhook verify")) {
            String[] args = (command + " --help").split(" ");
            CliRun r = CliRun.with(Map.of(), work.resolve("home"), work)
                    .terminal(columns, false)
                    .run(args);

            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().lines())
                    .as(command)
                    .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(columns));
            String examples = r.out().substring(r.out().lastIndexOf("Example"));
            for (String example : HelpLayout.commands(
                    examples.lines().skip(1).filter(l -> !l.isBlank()).toArray(String[]::new))) {
                assertThat(example).as("an example is one command").matches("(kling|source) .*");
                assertThat(HelpLayout.words(example))
                        .allSatisfy(w -> assertThat(w).doesNotEndWith("\\"));
            }
        }
    }

    @Test
    void examplesBreakOnlyBetweenWords() {
        String[] footer = {"kling generate --prompt \"A red fox runs through fresh snow\" --duration 5 --emulator"};

        String narrow = HelpLayout.examples(footer, 55);

        assertThat(narrow.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(55));
        assertThat(narrow.lines().count()).isGreaterThan(1);
        assertThat(HelpLayout.commands(narrow.lines().toArray(String[]::new))).containsExactly(footer[0]);
    }

    @Test
    void valuesOfTheWrongFormShowTheAcceptedForm() {
        assertThat(refused("generate", "--prompt", "a fox", "--duration", "5s").err())
                .contains("'5s': give whole seconds without a unit, e.g. --duration 5");
        assertThat(refused("generate", "--prompt", "a fox", "--deadline", "5").err())
                .contains("'5' has no unit: write 5s for seconds or 5m for minutes");
        assertThat(refused("generate", "--prompt", "a fox", "--max-cost", "cheap")
                        .err())
                .contains("--max-cost 2.50");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedAsSuchAndAFolderAsAFileSaysSo() throws Exception {
        Files.createDirectories(work.resolve("photos"));
        Files.createDirectories(work.resolve("clips"));

        assertThat(refused("generate", "--image", "ftp://example.com/cat.png", "--prompt", "a cat", "--dry-run")
                        .err())
                .contains("--image ftp://example.com/cat.png: fal fetches only http(s) URLs, not ftp")
                .doesNotContain("does not exist");
        assertThat(refused("generate", "--image", "photos", "--prompt", "a cat", "--dry-run")
                        .err())
                .contains("--image photos: is a folder, not a file; give an image file in it (e.g. photos/photo.png)");
        assertThat(refused("edit", "--video", "clips/", "--prompt", "snow", "--dry-run")
                        .err())
                .contains("--video clips/: is a folder, not a file; give a video file in it (e.g. clips/clip.mp4)");
        assertThat(refused("webhook", "verify", "--body", "photos").err()).contains("--body photos: is a folder");
    }

    @Test
    void aFileUriIsALocalFile() {
        SampleMedia.writePng(work.resolve("cat.png"), 640, 640);

        CliRun r = kling(
                "generate", "--image", work.resolve("cat.png").toUri().toString(), "--prompt", "a cat", "--dry-run");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("\"image_url\" : \"" + work.resolve("cat.png").toUri());
    }

    @Test
    void messagesSpeakInFlagsNotInJavaNames() {
        CliRun budget = refused("generate", "--prompt", "a fox", "--duration", "10", "--max-cost", "1", "--dry-run");
        CliRun model = refused("generate", "--model", "kling_o3_pro_t2", "--prompt", "a fox");

        assertThat(budget.err())
                .containsPattern("--max-cost: the estimate, [0-9.]+ USD, is over --max-cost 1 USD")
                .contains("raise --max-cost")
                .doesNotContain("maxCost", "Budget.");
        assertThat(model.err())
                .contains("no model 'kling_o3_pro_t2'; did you mean kling_o3_pro_t2v", "kling models")
                .doesNotContain("ModelRegistry");
        CliRun shots = refused(
                "generate",
                "--shot",
                "duration=4:the fox stops",
                "--shot",
                "duration=20:it jumps",
                "--prompt",
                "a fox",
                "--dry-run");
        assertThat(shots.err())
                .contains(
                        "--prompt (prompt): and --shot are both set",
                        "a storyboard (--shot), not both",
                        "--shot #2 (multi_prompt[1].duration): is 20 s")
                .doesNotContain("storyboard (multi_prompt)", "and multi_prompt");
    }
}
