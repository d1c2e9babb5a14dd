package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real program in a child JVM ({@code dev.kling4j.cli.Main} on the test classpath, as in kling.jar):
 * it exits at once when done, and a run killed mid-wait loses nothing: the journal has the id, and resume
 * fetches the video without a second submit.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChildProcessTest extends EmulatorTest {
    Process child(String... args) throws IOException {
        return ChildJvm.start(
                work, fal, List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()), args);
    }

    @Test
    void theProgramExitsAtOnceWithItsCodeAfterAGeneration() throws Exception {
        Process p = child("generate", "--prompt", "a fox", "--output", "fox.mp4");

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("err.txt"))).isZero();
        assertThat(Files.readString(work.resolve("out.txt"))).contains("video written to " + work.resolve("fox.mp4"));
        assertThat(Files.readString(work.resolve("err.txt"))).doesNotContain("SLF4J");
    }

    @Test
    void aProcessKilledWhileWaitingIsResumedWithoutResubmitting() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = child("generate", "--prompt", "a fox", "--output", "fox.mp4");

        // The status stream opens only after the request id was journalled.
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20)))
                .as("child is waiting")
                .isTrue();
        FileRequestJournal journal = FileRequestJournal.in(work.resolve("home").resolve("jobs"));
        List<JournalEntry> entries = journal.list();
        assertThat(entries).hasSize(1);
        String id = entries.get(0).requestId();
        assertThat(entries.get(0).state()).isEqualTo(JournalState.OPEN);
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fal.release(id)).isTrue();

        CliRun r = CliRun.run(CliRun.envFor(fal), work.resolve("home"), work.resolve("elsewhere"), "resume", id);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.size(work.resolve("fox.mp4")))
                .as("the journalled output path")
                .isPositive();
        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(journal.find(id)).get().extracting(JournalEntry::state).isEqualTo(JournalState.DONE);
    }

    @Test
    void anInterruptLeavesTheJobRunningAndPrintsHowToResume() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = child("generate", "--prompt", "a fox");
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20)))
                .as("child is waiting")
                .isTrue();
        String id = FileRequestJournal.in(work.resolve("home").resolve("jobs"))
                .list()
                .get(0)
                .requestId();

        p.destroy(); // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(work.resolve("err.txt")))
                .contains("the job keeps running at fal", "kling resume " + id);
        assertThat(fal.requests(r -> r.path().endsWith("/cancel"))).isEmpty();
    }

    @Test
    void withCancelOnInterruptAnInterruptCancelsTheJob() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = child("generate", "--prompt", "a fox", "--cancel-on-interrupt");
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20)))
                .as("child is waiting")
                .isTrue();
        FileRequestJournal journal = FileRequestJournal.in(work.resolve("home").resolve("jobs"));
        String id = journal.list().get(0).requestId();

        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(work.resolve("err.txt"))).contains("cancelled " + id);
        assertThat(fal.requests(r -> r.method().equals("PUT") && r.path().endsWith(id + "/cancel")))
                .hasSize(1);
        assertThat(journal.find(id)).get().extracting(JournalEntry::state).isEqualTo(JournalState.CANCELLED);
    }

    @Test
    void anInterruptWithJsonEndsStdoutWithAnErrorObject() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = child("generate", "--prompt", "a fox", "--json");
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20)))
                .as("child is waiting")
                .isTrue();
        String id = FileRequestJournal.in(work.resolve("home").resolve("jobs"))
                .list()
                .get(0)
                .requestId();

        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(work.resolve("out.txt"));
        Map<String, Object> last = CliTestSupport.json(lines.get(lines.size() - 1));
        assertThat(last)
                .containsEntry("event", "error")
                .containsEntry("outcome", "interrupted")
                .containsEntry("exit_code", 130)
                .containsEntry("request_id", id);
    }

    /** The real program on a real pseudo-terminal (util-linux's script), which is what decides the display. */
    String onATerminal(Map<String, String> env, String args) throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/script")))
                .as("util-linux script")
                .isTrue();
        ProcessBuilder pb = new ProcessBuilder(
                        "script", "-q", "-e", "-c", "\"$JAVA\" -cp \"$CP\" dev.kling4j.cli.Main " + args, "/dev/null")
                .directory(work.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(work.resolve("tty.txt").toFile())
                .redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("FAL_") || k.equals("KLING_HOME") || k.equals("NO_COLOR"));
        e.putAll(CliRun.envFor(fal));
        e.put("KLING_HOME", work.resolve("home").toString());
        e.put("JAVA", ChildJvm.java());
        e.put("CP", System.getProperty("java.class.path"));
        e.put("COLUMNS", "70");
        e.put("TERM", "xterm");
        e.putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readString(work.resolve("tty.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void onARealTerminalTheStatusLineIsRedrawnInPlaceAndErrorsAreColouredUnlessNoColor() throws Exception {
        String run = onATerminal(Map.of(), "generate --prompt 'a fox' --output fox.mp4");
        String refused = onATerminal(Map.of(), "generate --prompt 'a fox' --duration 99");
        String plain = onATerminal(Map.of("NO_COLOR", "1"), "generate --prompt 'a fox' --duration 99");

        assertThat(run).contains("\rstatus: ", "\033[K", "video written to");
        assertThat(refused).contains("\033[1;31merror:\033[0m invalid input");
        assertThat(plain).contains("error: invalid input").doesNotContain("\033[");
    }
}
