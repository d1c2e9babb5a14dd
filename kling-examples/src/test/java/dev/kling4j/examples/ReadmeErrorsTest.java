package dev.kling4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.FalServiceException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.JobOutcomeException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.error.RequestNotSentException;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.t2v.TextToVideo;
import dev.kling4j.t2v.TextToVideoRequest;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.FalEmulatorTest;
import dev.kling4j.testkit.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catch snippet of the README's "Errors" section, run once per branch against the emulator. */
@FalEmulatorTest
class ReadmeErrorsTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStdout() {
        stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    /** The snippet, as a user would write it. */
    static void generate(KlingClient client, String prompt, int seconds) {
        // tag::errors[]
        try {
            TextToVideoRequest request = TextToVideoRequest.builder()
                    .prompt(prompt)
                    .duration(seconds)
                    .build();
            VideoResult video = client.generate(TextToVideo.PRO, request);
            System.out.println("done: " + video.requestId());
        } catch (RequestNotSentException e) { // refused here: nothing reached fal, nothing was spent
            System.out.println("fix and retry: " + e.getMessage());
        } catch (KlingTransportException e) { // fal unreachable, after retries: a submitted job runs on
            System.out.println("try later, request " + e.requestId().orElse("not submitted"));
        } catch (UnprocessableEntityException e) { // fal refused the input, usually when the result is fetched
            e.fieldErrors().forEach(f -> System.out.println(f.path() + ": " + f.message()));
        } catch (FalServiceException e) { // fal's other answers: an error status, or a body it cannot read
            System.out.println(e.statusCode() + " " + e.errorType().orElse("-") + " "
                    + e.requestId().orElse("-"));
        } catch (JobFailedException e) { // the job ran and failed
            System.out.println("request " + e.requestId().orElseThrow() + " failed: " + e.error());
        } catch (JobOutcomeException e) { // deadline passed, or the submit's answer was lost: never resubmit blindly
            System.out.println(e.getMessage());
        } catch (JobCancelledException e) { // you cancelled: a CancellationException, outside KlingException
            System.out.println("cancelled " + e.requestId().orElse("before fal answered"));
        }
        // end::errors[]
    }

    @Test
    void aJobThatSucceedsCatchesNothing(FalEmulator fal) {
        try (KlingClient client = fal.newClient()) {
            generate(client, "A paper boat in the rain", 5);
        }
        assertThat(printed()).startsWith("done: ");
    }

    @Test
    void aRequestRefusedHereIsNotSent(FalEmulator fal) {
        try (KlingClient client = fal.newClient()) {
            generate(client, "A paper boat in the rain", 20);
        }
        assertThat(printed())
                .startsWith("fix and retry: invalid request, 1 problem:")
                .contains("duration");
        assertThat(fal.requests()).isEmpty();
    }

    @Test
    void falOutOfReachIsATransportError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KlingClient client = KlingClient.builder()
                .apiKey("k")
                .queueUrl("http://127.0.0.1:" + closedPort)
                .retryPolicy(RetryPolicy.none())
                .build()) {
            generate(client, "A paper boat in the rain", 5);
        }
        assertThat(printed()).isEqualTo("try later, request not submitted");
    }

    @Test
    void inputFalRefusesNamesTheField(FalEmulator fal) {
        fal.script().nextJob().rejectInput("prompt", "is not allowed");
        try (KlingClient client = fal.newClient()) {
            generate(client, "A paper boat in the rain", 5);
        }
        assertThat(printed()).isEqualTo("prompt: is not allowed");
    }

    @Test
    void anErrorStatusOfFalCarriesItsStatusAndRequest(FalEmulator fal) {
        fal.faults()
                .next(Fault.status(403)
                        .error("forbidden", "not on this account")
                        .on("POST", "/fal-ai/"));
        try (KlingClient client = fal.newClient()) {
            generate(client, "A paper boat in the rain", 5);
        }
        assertThat(printed()).startsWith("403 forbidden ");
        assertThat(fal.jobsCreated()).isZero();
    }

    @Test
    void aFailedJobNamesItsRequest(FalEmulator fal) {
        fal.script().nextJob().failWith(500, "runner_server_error", "model crashed");
        try (KlingClient client = fal.newClient()) {
            generate(client, "A paper boat in the rain", 5);
        }
        assertThat(printed()).matches("request \\S+ failed: model crashed");
    }

    @Test
    void aSubmitWhoseAnswerWasLostIsAnOutcomeNotAResend(FalEmulator fal) {
        fal.faults().next(Fault.dropAfterRead().on("POST", "/fal-ai/"));
        try (KlingClient client = fal.newClient()) {
            generate(client, "A paper boat in the rain", 5);
        }
        assertThat(printed()).contains("may be billed").contains("Do not resubmit blindly");
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitIsACancellation(FalEmulator fal) {
        fal.script().defaults().holdInQueue();
        try (KlingClient client = fal.newClient()) {
            Thread.currentThread().interrupt();
            try {
                generate(client, "A paper boat in the rain", 5);
            } finally {
                Thread.interrupted();
            }
        }
        assertThat(printed()).startsWith("cancelled ");
    }
}
