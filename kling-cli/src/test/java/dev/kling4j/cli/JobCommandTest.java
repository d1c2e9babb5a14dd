package dev.kling4j.cli;

import static dev.kling4j.cli.CliTestSupport.submits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** jobs, status, result, cancel and resume against requests in the journal. */
class JobCommandTest extends EmulatorTest {
    /** Submits a job the emulator holds in its queue; the command returns at once (webhook mode). */
    String heldJob() {
        fal.script().nextJob().holdInQueue();
        CliRun r = kling("generate", "--prompt", "a fox", "--webhook", "http://127.0.0.1:9/hook");
        assertThat(r.code()).as(r.toString()).isZero();
        return FileRequestJournal.in(home.resolve("jobs")).list().get(0).requestId();
    }

    @Test
    void resumeReattachesToAHeldJobDownloadsItAndNeverResubmits() throws Exception {
        String id = heldJob();

        CompletableFuture<CliRun> resumed = CompletableFuture.supplyAsync(() -> kling("resume", id));
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(10))).isTrue();
        assertThat(fal.release(id)).isTrue();
        CliRun r = resumed.get(20, TimeUnit.SECONDS);

        assertThat(r.code()).as(r.toString()).isZero();
        Path video = work.resolve(id + ".mp4");
        assertThat(r.out()).contains("video written to " + video);
        assertThat(Files.size(video)).isPositive();
        assertThat(fal.jobsCreated()).isEqualTo(1);
        assertThat(submits(fal)).hasSize(1);
        assertThat(FileRequestJournal.in(home.resolve("jobs")).find(id))
                .get()
                .extracting(JournalEntry::state, JournalEntry::output)
                .containsExactly(JournalState.DONE, video.toString());
    }

    @Test
    void jobsListsTheJournalWithStates() {
        String id = heldJob();

        CliRun r = kling("jobs");

        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern(id + "\\s+OPEN\\s+\\S+ \\S+\\s+kling_o3_pro_t2v");
        assertThat(kling("jobs", "--json").out()).contains("\"request_id\":\"" + id + "\"", "\"state\":\"OPEN\"");
    }

    @Test
    void statusOfAHeldJobIsInQueueAndResultSaysItIsNotFinished() {
        String id = heldJob();

        CliRun status = kling("status", id);
        CliRun result = kling("result", id);

        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).contains(id + ": IN_QUEUE");
        assertThat(result.code()).as(result.toString()).isEqualTo(5);
        assertThat(result.err()).contains("has not finished yet", "kling resume " + id);
    }

    @Test
    void resultOfAFinishedJobPrintsTheVideoUrlAndDownloadsOnRequest() throws Exception {
        String id = heldJob();
        fal.release(id);
        assertThat(fal.awaitCompleted(id, Duration.ofSeconds(10))).isTrue();

        CliRun r = kling("result", id, "--output", "out.mp4");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.size(work.resolve("out.mp4"))).isPositive();
        assertThat(kling("result", id).out()).contains("video: http://");
    }

    @Test
    void cancelCancelsAtFalAndMarksTheJournal() {
        String id = heldJob();

        CliRun r = kling("cancel", id);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("cancelled " + id);
        assertThat(FileRequestJournal.in(home.resolve("jobs")).find(id))
                .get()
                .extracting(JournalEntry::state)
                .isEqualTo(JournalState.CANCELLED);
    }

    @Test
    void anIdNotInTheJournalNeedsAModel() {
        CliRun r = kling("status", "not-journalled");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not-journalled is not in the journal", "--model");
        assertThat(fal.requests()).isEmpty();
    }

    @Test
    void resultOfAFailedJobExitsWithFour() throws Exception {
        fal.script().nextJob().failWith(500, "internal_error", "the model crashed");
        CliRun submitted = kling("generate", "--prompt", "a fox", "--webhook", "http://127.0.0.1:9/hook");
        assertThat(submitted.code()).as(submitted.toString()).isZero();
        String id = FileRequestJournal.in(home.resolve("jobs")).list().get(0).requestId();
        assertThat(fal.awaitCompleted(id, Duration.ofSeconds(10))).isTrue();

        CliRun r = kling("result", id);

        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("error: ").doesNotContain("\tat ");
    }

    @Test
    void theJournalHoldsNoKey() throws Exception {
        CliRun r = kling("generate", "--prompt", "a fox");

        assertThat(r.code()).as(r.toString()).isZero();
        String id = FileRequestJournal.in(home.resolve("jobs")).list().get(0).requestId();
        String entry = Files.readString(home.resolve("jobs").resolve(id + ".json"));
        assertThat(entry).contains(id).doesNotContain(CliTestSupport.KEY, "test-key");
    }

    @Test
    void statusResultAndCancelSpeakJsonToo() throws Exception {
        String held = heldJob();
        assertThat(kling("status", held, "--json").out())
                .contains("\"request_id\":\"" + held + "\"", "\"status\":\"IN_QUEUE\"");
        assertThat(kling("cancel", held, "--json").out()).contains("\"cancelled\":true");

        CliRun done = kling("generate", "--prompt", "a fox", "--webhook", "http://127.0.0.1:9/hook");
        assertThat(done.code()).as(done.toString()).isZero();
        String id = FileRequestJournal.in(home.resolve("jobs")).list().stream()
                .map(JournalEntry::requestId)
                .filter(i -> !i.equals(held))
                .findFirst()
                .orElseThrow();
        assertThat(fal.awaitCompleted(id, Duration.ofSeconds(10))).isTrue();

        CliRun r = kling("result", id, "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(CliTestSupport.json(r.out().strip()))
                .containsEntry("event", "result")
                .containsEntry("request_id", id);
    }
}
