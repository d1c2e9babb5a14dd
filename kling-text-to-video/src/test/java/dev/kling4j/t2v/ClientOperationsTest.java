package dev.kling4j.t2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoJob;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.pricing.BudgetLedger;
import dev.kling4j.core.queue.JobStatus;
import dev.kling4j.core.queue.LogEntry;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.RecordedRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way in: every operation on a model reads from the client, sync and async alike, with one
 * per-call options value; against the emulator.
 */
class ClientOperationsTest {
    static final TextToVideoRequest FOX = TextToVideoRequest.builder()
            .prompt("A red fox runs through snow")
            .duration(5)
            .build();

    @TempDir
    Path dir;

    FalEmulator fal;
    KlingClient client;

    @BeforeEach
    void start() {
        fal = FalEmulator.start();
        client = fal.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        fal.close();
    }

    List<RecordedRequest> submits() {
        return fal.requests(r -> r.method().equals("POST") && r.path().startsWith("/fal-ai/"));
    }

    List<RecordedRequest> cancels() {
        return fal.requests(r -> r.method().equals("PUT") && r.path().endsWith("/cancel"));
    }

    /** The cancels fal received, once there are {@code n} (the future's cancel sends its own in the background). */
    List<RecordedRequest> awaitCancels(int n) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cancels().size() < n && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(5).toNanos());
        }
        return cancels();
    }

    @Test
    void generateSubmitAttachStatusAndResultAreTheClientsAndTheAsyncViewMirrorsThem() {
        VideoResult generated = client.generate(TextToVideo.PRO, FOX);
        VideoJob submitted = client.submit(TextToVideo.PRO, FOX);
        VideoJob attached = client.attach(TextToVideo.PRO, submitted.requestId());
        VideoResult fetched = client.result(attached);
        JobStatus status = client.status(attached);

        VideoResult async = client.async().generate(TextToVideo.PRO, FOX).join();
        VideoJob asyncJob = client.async().submit(TextToVideo.PRO, FOX).join();
        VideoResult asyncResult = client.async()
                .result(client.async()
                        .attach(TextToVideo.PRO, asyncJob.requestId(), RequestOptions.defaults())
                        .join())
                .join();

        assertThat(generated.endpoint().key()).isEqualTo("kling_o3_pro_t2v");
        assertThat(fetched.requestId()).isEqualTo(submitted.requestId());
        assertThat(submitted.estimate()).isPresent();
        assertThat(attached.estimate()).as("an attached job has no estimate").isEmpty();
        assertThat(status.isTerminal()).isTrue();
        assertThat(async.requestId()).isNotEqualTo(generated.requestId());
        assertThat(asyncResult.requestId()).isEqualTo(asyncJob.requestId());
        assertThat(submits()).as("attach and result never resubmit").hasSize(4);
        assertThat(fal.jobsCreated()).isEqualTo(4);
    }

    @Test
    void cancelReachesFalAndTheAsyncCancelToo() {
        fal.script().forEndpoint(TextToVideo.PRO.endpointId()).holdInQueue();
        VideoJob one = client.submit(TextToVideo.PRO, FOX);
        VideoJob two = client.submit(TextToVideo.PRO, FOX);

        assertThat(client.cancel(one).accepted()).isTrue();
        assertThat(client.async().cancel(two).join().accepted()).isTrue();
        assertThat(cancels()).hasSize(2);
    }

    @Test
    void everyWaitHasADeadlineOfThirtyMinutesUnlessTold() {
        assertThat(RequestOptions.defaults().deadline()).isEqualTo(Duration.ofMinutes(30));
        assertThat(RequestOptions.defaults().onDeadline()).isEqualTo(RequestOptions.DeadlineAction.CANCEL);
        assertThat(client.submit(TextToVideo.PRO, FOX).options().deadline()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aDeadlineCancelsTheJobAtFalUnlessItIsToBeLeftRunning() {
        fal.script().forEndpoint(TextToVideo.PRO.endpointId()).holdInQueue();
        RequestOptions shortWait =
                RequestOptions.builder().deadline(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> client.generate(TextToVideo.PRO, FOX, shortWait))
                .isInstanceOfSatisfying(
                        DeadlineExceededException.class,
                        e -> assertThat(e.cancelled()).isTrue());
        VideoJob left = client.submit(
                TextToVideo.PRO,
                FOX,
                shortWait.toBuilder()
                        .onDeadline(RequestOptions.DeadlineAction.LEAVE_RUNNING)
                        .build());
        assertThatThrownBy(() -> client.result(left)).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
            assertThat(e.cancelled()).isFalse();
            assertThat(e.requestId()).contains(left.requestId());
            assertThat(e.getMessage()).contains("left running at fal");
        });

        assertThat(awaitCancels(1)).as("only the first deadline cancels").hasSize(1);
        fal.release(left.requestId());
        assertThat(client.result(client.attach(TextToVideo.PRO, left.requestId()))
                        .requestId())
                .isEqualTo(left.requestId());
    }

    @Test
    void cancellingTheFutureOfAnAsyncResultCancelsTheJobAtFal() {
        fal.script().forEndpoint(TextToVideo.PRO.endpointId()).holdInQueue();
        VideoJob job = client.submit(TextToVideo.PRO, FOX);

        CompletableFuture<VideoResult> waiting = client.async().result(job);
        waiting.cancel(true);

        assertThatThrownBy(waiting::join).isInstanceOf(JobCancelledException.class);
        assertThat(awaitCancels(1)).as("the cancel sent to fal").hasSize(1);
    }

    @Test
    void logsAndStatusesReachTheirListenersEachLogLineOnce() {
        List<LogEntry> logs = new CopyOnWriteArrayList<>();
        List<JobStatus> statuses = new CopyOnWriteArrayList<>();

        client.generate(
                TextToVideo.PRO,
                FOX,
                RequestOptions.builder()
                        .onLog(logs::add)
                        .onStatus(statuses::add)
                        .build());

        assertThat(statuses)
                .isNotEmpty()
                .last()
                .satisfies(s -> assertThat(s.isTerminal()).isTrue());
        assertThat(logs).isNotEmpty();
        assertThat(logs).extracting(LogEntry::message).doesNotHaveDuplicates();
    }

    @Test
    void theClientsJournalRecordsEveryRequestUnlessTheOptionsNameAnother() {
        FileRequestJournal shared = FileRequestJournal.in(dir.resolve("shared"));
        FileRequestJournal own = FileRequestJournal.in(dir.resolve("own"));
        try (KlingClient journalled = fal.clientBuilder().journal(shared).build()) {
            VideoResult one = journalled.generate(TextToVideo.PRO, FOX);
            VideoResult two = journalled.generate(
                    TextToVideo.PRO, FOX, RequestOptions.builder().journal(own).build());

            assertThat(shared.find(one.requestId()))
                    .get()
                    .extracting(e -> e.state())
                    .isEqualTo(JournalState.DONE);
            assertThat(shared.find(two.requestId())).isEmpty();
            assertThat(own.find(two.requestId()))
                    .get()
                    .extracting(e -> e.state())
                    .isEqualTo(JournalState.DONE);
            assertThat(own.find(two.requestId()).get().billed()).contains(new BigDecimal("5"));
        }
    }

    @Test
    void aSharedBudgetLedgerRefusesTheRequestThatWouldPassItBeforeAnythingIsSent() {
        // 5 s of pro text-to-video is 0.560 on the shipped table; the emulator bills 5 s of it
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("1.00"));
        try (KlingClient budgeted = fal.clientBuilder().budgetLedger(ledger).build()) {
            budgeted.generate(TextToVideo.PRO, FOX);
            int before = fal.requests().size();

            assertThatThrownBy(() -> budgeted.generate(TextToVideo.PRO, FOX))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("exceeds the budget of 0.440 USD");
            assertThat(fal.requests()).hasSize(before);
            assertThat(ledger.toString()).contains("spent 0.560");
        }
    }

    @Test
    void aFailedJobGivesItsReservationBack() {
        BudgetLedger ledger = BudgetLedger.inMemory(new BigDecimal("0.60"));
        try (KlingClient budgeted = fal.clientBuilder().budgetLedger(ledger).build()) {
            fal.script().nextJob().failWith(500, "runner_server_error", "boom");
            assertThatThrownBy(() -> budgeted.generate(TextToVideo.PRO, FOX))
                    .isNotInstanceOf(BudgetExceededException.class);

            assertThat(budgeted.generate(TextToVideo.PRO, FOX).requestId()).isNotBlank(); // 0.560 fits again
        }
    }
}
