package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.testkit.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing paid is lost to a local mistake: every local condition of the output is checked before anything is
 * uploaded, and a failure after fal accepted the job prints the exact command that fetches the video.
 */
class OutputTest extends EmulatorTest {
    CliRun refused(String... args) {
        CliRun r = kling(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(fal.requests()).as("nothing uploaded or sent").isEmpty();
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        return r;
    }

    @Test
    void anOutputInAFolderThatDoesNotExistIsRefusedBeforeTheUpload() throws Exception {
        SampleMedia.writePng(work.resolve("cat.png"), 640, 640);

        CliRun r = refused(
                "generate", "--image", "cat.png", "--prompt", "the cat yawns", "--output", "/no/such/dir/out.mp4");

        assertThat(r.err()).contains("--output: the folder /no/such/dir does not exist", "mkdir -p /no/such/dir");
    }

    @Test
    void anOutputInsideAFileIsRefused() throws Exception {
        Files.writeString(work.resolve("notes.txt"), "not a folder");

        CliRun r = refused("generate", "--prompt", "a fox", "--output", "notes.txt/fox.mp4");

        assertThat(r.err()).contains("--output: " + work.resolve("notes.txt") + " is not a folder");
    }

    @Test
    void anExistingFileIsNotReplacedWithoutForce() throws Exception {
        Files.writeString(work.resolve("fox.mp4"), "last week's fox");

        CliRun r = refused("generate", "--prompt", "a fox", "--output", "fox.mp4");

        assertThat(r.err()).contains("--output: fox.mp4 already exists", "--force");
        assertThat(Files.readString(work.resolve("fox.mp4"))).isEqualTo("last week's fox");
        CliRun forced = kling("generate", "--prompt", "a fox", "--output", "fox.mp4", "--force");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(Files.size(work.resolve("fox.mp4"))).isNotEqualTo("last week's fox".length());
    }

    @Test
    void aFolderAsOutputMeansWriteIntoIt() throws Exception {
        Files.createDirectories(work.resolve("videos"));

        CliRun r = kling("generate", "--prompt", "a fox", "--output", "videos");

        assertThat(r.code()).as(r.toString()).isZero();
        JournalEntry job = FileRequestJournal.in(home.resolve("jobs")).list().get(0);
        Path video = work.resolve("videos").resolve(job.requestId() + ".mp4");
        assertThat(Files.size(video)).isPositive();
        assertThat(job.output()).isEqualTo(video.toString());
        assertThat(r.out()).contains("video written to " + video);
    }

    @Test
    void theVideoGetsTheModeANewFileGetsThereNotThatOfTheTemporaryFile() throws Exception {
        CliRun r = kling("generate", "--prompt", "a fox", "--output", "fox.mp4");

        assertThat(r.code()).as(r.toString()).isZero();
        Path fresh = Files.createFile(work.resolve("fresh"));
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(fresh);
        assertThat(Files.getPosixFilePermissions(work.resolve("fox.mp4"))).isEqualTo(umasked);
        assertThat(PosixFilePermissions.toString(umasked))
                .as("this machine's umask is not 077")
                .isNotEqualTo("rw-------");
    }

    @Test
    void aWriteFailureAfterFalAcceptedTheJobPrintsTheExactCommandThatFetchesTheVideo() throws Exception {
        Path folder = Files.createDirectories(work.resolve("videos"));
        fal.script().nextJob().holdInQueue();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> kling("generate", "--prompt", "a fox", "--output", "videos/fox.mp4"));
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(10))).isTrue();
        String id = FileRequestJournal.in(home.resolve("jobs")).list().get(0).requestId();
        Files.delete(folder); // gone while fal worked
        fal.release(id);

        CliRun r = run.get(20, TimeUnit.SECONDS);

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err())
                .contains(
                        "fal made the video, but it could not be written to " + folder.resolve("fox.mp4"),
                        "request id: " + id)
                .doesNotContain("please report", "Exception");
        Matcher rescue =
                Pattern.compile("to fetch the video: (kling resume .*)").matcher(r.err());
        assertThat(rescue.find()).as(r.err()).isTrue();
        assertThat(rescue.group(1)).isEqualTo("kling resume " + id + " --output " + folder.resolve("fox.mp4"));
        assertThat(FileRequestJournal.in(home.resolve("jobs")).find(id))
                .get()
                .extracting(JournalEntry::state)
                .isEqualTo(JournalState.OPEN);

        // The folder is back: the printed command, as printed, fetches the video without a second submit.
        Files.createDirectories(folder);
        List<String> words = new ArrayList<>(HelpLayout.words(rescue.group(1)));
        words.remove(0);
        CliRun rescued = kling(words.toArray(String[]::new));

        assertThat(rescued.code()).as(rescued.toString()).isZero();
        assertThat(Files.size(folder.resolve("fox.mp4"))).isPositive();
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }

    @Test
    void resumeAndResultCheckTheirOutputBeforeWaiting() throws Exception {
        fal.script().nextJob().holdInQueue();
        CliRun submitted = kling("generate", "--prompt", "a fox", "--webhook", "http://127.0.0.1:9/hook");
        assertThat(submitted.code()).as(submitted.toString()).isZero();
        String id = FileRequestJournal.in(home.resolve("jobs")).list().get(0).requestId();
        Files.writeString(work.resolve("taken.mp4"), "x");
        Files.createDirectories(work.resolve("videos"));
        Files.writeString(work.resolve("videos").resolve(id + ".mp4"), "an earlier download");
        int before = fal.requests().size();

        CliRun resume = kling("resume", id, "--output", "/no/such/dir/");
        CliRun result = kling("result", id, "--output", "taken.mp4");
        CliRun intoFolder = kling("resume", id, "--output", "videos");

        assertThat(resume.code()).as(resume.toString()).isEqualTo(2);
        assertThat(resume.err()).contains("the folder /no/such/dir does not exist");
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("taken.mp4 already exists", "--force");
        assertThat(intoFolder.code()).as(intoFolder.toString()).isEqualTo(2);
        assertThat(intoFolder.err()).contains(work.resolve("videos").resolve(id + ".mp4") + " already exists");
        assertThat(fal.requests()).as("fal was not asked").hasSize(before);
    }
}
