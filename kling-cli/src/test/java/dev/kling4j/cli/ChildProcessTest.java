package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.testkit.FalEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real program in a child JVM ({@code dev.kling4j.cli.Main} on the test classpath, as in kling.jar):
 * it exits at once when done, and a run killed mid-wait loses nothing: the journal has the id, and resume
 * fetches the video without a second submit.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChildProcessTest {
    @TempDir
    Path work;

    FalEmulator fal;

    @BeforeEach
    void start() {
        fal = CliTestSupport.emulator();
    }

    @AfterEach
    void stop() {
        fal.close();
    }

    Process kling(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("FAL_") || k.equals("KLING_HOME"));
        env.putAll(CliRun.envFor(fal));
        env.put("KLING_HOME", work.resolve("home").toString());
        return pb.start();
    }

    @Test
    void theProgramExitsAtOnceWithItsCodeAfterAGeneration() throws Exception {
        Process p = kling("generate", "--prompt", "a fox", "--output", "fox.mp4");

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("err.txt"))).isZero();
        assertThat(Files.readString(work.resolve("out.txt"))).contains("video written to " + work.resolve("fox.mp4"));
        assertThat(Files.readString(work.resolve("err.txt"))).doesNotContain("SLF4J");
    }

    @Test
    void aProcessKilledWhileWaitingIsResumedWithoutResubmitting() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = kling("generate", "--prompt", "a fox", "--output", "fox.mp4");

        // The status stream opens only after the request id was journalled.
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20))).as("child is waiting").isTrue();
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
        assertThat(Files.size(work.resolve("fox.mp4"))).as("the journalled output path").isPositive();
        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(journal.find(id)).get().extracting(JournalEntry::state).isEqualTo(JournalState.DONE);
    }

    @Test
    void anInterruptLeavesTheJobRunningAndPrintsHowToResume() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = kling("generate", "--prompt", "a fox");
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20))).as("child is waiting").isTrue();
        String id = FileRequestJournal.in(work.resolve("home").resolve("jobs")).list().get(0).requestId();

        p.destroy(); // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(work.resolve("err.txt"))).contains("the job keeps running at fal", "kling resume " + id);
        assertThat(fal.requests(r -> r.path().endsWith("/cancel"))).isEmpty();
    }

    @Test
    void withCancelOnInterruptAnInterruptCancelsTheJob() throws Exception {
        fal.script().nextJob().holdInQueue();
        Process p = kling("generate", "--prompt", "a fox", "--cancel-on-interrupt");
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(20))).as("child is waiting").isTrue();
        FileRequestJournal journal = FileRequestJournal.in(work.resolve("home").resolve("jobs"));
        String id = journal.list().get(0).requestId();

        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(work.resolve("err.txt"))).contains("cancelled " + id);
        assertThat(fal.requests(r -> r.method().equals("PUT") && r.path().endsWith(id + "/cancel"))).hasSize(1);
        assertThat(journal.find(id)).get().extracting(JournalEntry::state).isEqualTo(JournalState.CANCELLED);
    }
}
