package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.testkit.FalEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal tells the truth: a deadline on resume leaves the job alone, status and result record what fal
 * says, jobs --refresh asks fal, one exit code per outcome in every command, ids by unique prefix, newest first.
 */
class JournalTruthTest extends EmulatorTest {
    final MovableClock clock = new MovableClock();
    FileRequestJournal journal;

    @Override
    FalEmulator startEmulator() {
        return FalEmulator.builder().apiKey(CliTestSupport.KEY).clock(clock).start();
    }

    @BeforeEach
    void openJournal() {
        journal = FileRequestJournal.in(home.resolve("jobs"));
    }

    /** A job submitted in webhook mode (the command returns at once); held in fal's queue when asked. */
    String submitted(boolean held) {
        if (held) {
            fal.script().nextJob().holdInQueue();
        }
        Set<String> before =
                journal.list().stream().map(JournalEntry::requestId).collect(Collectors.toSet());
        CliRun r = kling("generate", "--prompt", "a fox", "--webhook", "http://127.0.0.1:9/hook");
        assertThat(r.code()).as(r.toString()).isZero();
        return journal.list().stream()
                .map(JournalEntry::requestId)
                .filter(id -> !before.contains(id))
                .findFirst()
                .orElseThrow();
    }

    /** A job fal has completed, its result not fetched yet. */
    String completed() throws InterruptedException {
        String id = submitted(true);
        fal.release(id);
        assertThat(fal.awaitCompleted(id, Duration.ofSeconds(10))).isTrue();
        return id;
    }

    JournalState state(String id) {
        return journal.find(id).orElseThrow().state();
    }

    @Test
    void aDeadlineOnResumeStopsWaitingAndLeavesTheJobRunning() throws Exception {
        String id = submitted(true);

        CliRun r = kling("resume", id, "--deadline", "1s");

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err())
                .contains(
                        "the deadline of 1s (--deadline) passed: stopped waiting; the job is left running at fal",
                        "to fetch the video: kling resume " + id);
        assertThat(fal.requests(q -> q.path().endsWith("/cancel")))
                .as("no cancel sent")
                .isEmpty();
        assertThat(state(id)).isEqualTo(JournalState.OPEN);

        fal.release(id);
        CliRun again = kling("resume", id);
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(state(id)).isEqualTo(JournalState.DONE);
    }

    @Test
    void resultRecordsTheJobAsDone() throws Exception {
        String id = completed();

        CliRun r = kling("result", id);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(journal.find(id))
                .get()
                .extracting(JournalEntry::state, JournalEntry::output)
                .containsExactly(JournalState.DONE, null);
    }

    @Test
    void statusRecordsAFailureAndCorrectsAnEntryThatSaysOtherwise() throws Exception {
        fal.script().nextJob().failWith(500, "internal_error", "the model crashed");
        String failed = submitted(false);
        assertThat(fal.awaitCompleted(failed, Duration.ofSeconds(10))).isTrue();
        String running = submitted(true);
        journal.update(running, JournalState.FAILED); // as an older kling wrote it after a deadline

        CliRun first = kling("status", failed);
        CliRun second = kling("status", running);

        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("the model crashed", "[journal: FAILED]");
        assertThat(state(failed)).isEqualTo(JournalState.FAILED);
        assertThat(second.out()).contains(running + ": IN_QUEUE", "[journal: OPEN]");
        assertThat(state(running)).isEqualTo(JournalState.OPEN);
    }

    @Test
    void jobsRefreshAsksFalAboutTheOpenJobsAndRecordsWhatItSays() throws Exception {
        fal.script().nextJob().failWith(500, "internal_error", "the model crashed");
        String failed = submitted(false);
        assertThat(fal.awaitCompleted(failed, Duration.ofSeconds(10))).isTrue();
        String held = submitted(true);
        String done = submitted(false);
        assertThat(fal.awaitCompleted(done, Duration.ofSeconds(10))).isTrue();

        CliRun r = kling("jobs", "--refresh");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(state(failed)).isEqualTo(JournalState.FAILED);
        assertThat(state(held)).isEqualTo(JournalState.OPEN);
        assertThat(state(done)).as("its video is still to fetch").isEqualTo(JournalState.OPEN);
        assertThat(r.out())
                .contains("AT FAL", "IN_QUEUE", "COMPLETED (video to fetch)", "COMPLETED, failed: the model crashed");
        assertThat(kling("jobs", "--open").out()).contains(held, done).doesNotContain(failed);
    }

    @Test
    void aCancelledJobEndsWithTheSameExitCodeInEveryCommand() throws Exception {
        String id = submitted(true);
        assertThat(kling("cancel", id).code()).isZero();

        CliRun resume = kling("resume", id);
        CliRun result = kling("result", id);
        String other = submitted(true);
        CompletableFuture<CliRun> waiting = CompletableFuture.supplyAsync(() -> kling("resume", other));
        assertThat(fal.awaitOpenStatusStreams(1, Duration.ofSeconds(10))).isTrue();
        assertThat(kling("cancel", other).code()).isZero();
        CliRun cancelledWhileWaiting = waiting.get(20, TimeUnit.SECONDS);

        for (CliRun r : List.of(resume, result, cancelledWhileWaiting)) {
            assertThat(r.code()).as(r.toString()).isEqualTo(6);
            assertThat(r.err()).contains("was cancelled at fal");
        }
        assertThat(state(id)).isEqualTo(JournalState.CANCELLED);
        assertThat(state(other)).isEqualTo(JournalState.CANCELLED);
    }

    @Test
    void aFinishedJobIsNeverSaidToBeMaybeRunningWhenItsResultCannotBeFetched() throws Exception {
        String id = completed();
        clock.advance(Duration.ofHours(2)); // past fal's retention: the result answers 410

        CliRun r = kling("resume", id, "--json");

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err())
                .contains("status: COMPLETED", "the job completed at fal, but its result could not be fetched")
                .doesNotContain("may still be running");
        String lastLine = r.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(CliTestSupport.json(lastLine))
                .containsEntry("event", "error")
                .containsEntry("exit_code", 3)
                .containsEntry("request_id", id);
    }

    @Test
    void anIdMayBeGivenByAUniquePrefix() {
        String id = submitted(true);
        record(id.substring(0, 6) + "-twin-of-the-first", Instant.parse("2026-01-01T00:00:00Z"));

        CliRun byPrefix = kling("status", id.substring(0, 10));
        CliRun ambiguous = kling("status", id.substring(0, 6));

        assertThat(byPrefix.code()).as(byPrefix.toString()).isZero();
        assertThat(byPrefix.out()).contains(id + ": IN_QUEUE");
        assertThat(ambiguous.code()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("is the start of 2 journalled request ids", id, "give more of it");
    }

    @Test
    void jobsListsNewestFirstAndFitsTheTerminal() {
        record("aaaaaaaa-1111-4000-8000-000000000001", Instant.parse("2026-01-01T10:00:00Z"));
        record("aaaaaaaa-2222-4000-8000-000000000002", Instant.parse("2026-02-01T10:00:00Z"));
        record("bbbbbbbb-3333-4000-8000-000000000003", Instant.parse("2026-03-01T10:00:00Z"));

        for (int columns : new int[] {70, 120}) {
            CliRun r = CliRun.with(CliRun.envFor(fal), home, work)
                    .terminal(columns, false)
                    .run("jobs");

            List<String> lines = r.out().lines().toList();
            assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThan(columns));
            assertThat(lines.get(1)).startsWith("bbbbbbbb ");
            assertThat(lines.get(2)).startsWith("aaaaaaaa-2 ");
            assertThat(lines.get(3)).startsWith("aaaaaaaa-1 ");
            assertThat(lines.get(1)).as("a path keeps its end").contains("…").endsWith("file.mp4");
        }
        CliRun piped = kling("jobs");
        assertThat(piped.out())
                .as("a pipe gets the whole ids and paths")
                .contains(
                        "bbbbbbbb-3333-4000-8000-000000000003",
                        work.resolve("a/very/deep/folder/for/the/inner-output-file.mp4")
                                .toString());
    }

    void record(String id, Instant created) {
        journal.record(new JournalEntry(
                id,
                "fal-ai/kling-video/o3/pro/text-to-video",
                "kling_o3_pro_t2v",
                created,
                JournalState.OPEN,
                work.resolve("a/very/deep/folder/for/the/inner-output-file.mp4").toString(),
                null,
                null,
                null));
    }

    /** A clock the test moves forward (the emulator's retention is measured on it). */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
