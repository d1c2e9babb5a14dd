package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.FalServiceException;
import dev.kling4j.core.error.FalServiceException.ServiceErrorDetails;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingConnectionException;
import dev.kling4j.core.error.KlingTimeoutException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.error.MissingCredentialsException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.error.SubmitOutcomeUnknownException;
import dev.kling4j.core.error.UnexpectedResponseException;
import dev.kling4j.core.error.UnknownModelException;
import dev.kling4j.core.error.UnprocessableEntityException;
import dev.kling4j.core.pricing.PriceTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each group of kling4j's error tree ends a command with the code the README's table gives it. */
class ExitCodesTest {
    private static final ServiceErrorDetails DETAILS = new ServiceErrorDetails(500, Map.of(), "", "req-1", null, null);

    @TempDir
    Path dir;

    @Test
    void whatWasNeverSentIsARefusal() {
        BudgetExceededException budget = new BudgetExceededException(
                PriceTable.standard()
                        .estimate(
                                Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow(),
                                OptionalInt.of(10),
                                true),
                BigDecimal.ONE);

        assertThat(List.of(
                        new InvalidRequestException(List.of(new Problem("duration", "is 20 s", "use 3 to 15"))),
                        budget,
                        new MissingCredentialsException(),
                        new UnknownModelException("kling_o3_nope", List.of(), 13),
                        new NoSuchFileException("hero.png")))
                .allSatisfy(e -> assertThat(ExitCodes.of(e))
                        .as(e.getClass().getSimpleName())
                        .isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void transportAndFalsAnswersLeaveTheJobsFateUnknown() {
        assertThat(List.of(
                        new KlingConnectionException("refused", null, null),
                        new KlingTimeoutException("slow", "req-1", null),
                        new KlingTransportException("abandoned", "req-1", null),
                        new FalServiceException("409", DETAILS),
                        new InternalServerException("500", DETAILS),
                        new UnexpectedResponseException("no video", DETAILS, null),
                        new SubmitOutcomeUnknownException("fal-ai/kling-video/o3/pro/text-to-video", null)))
                .allSatisfy(e -> assertThat(ExitCodes.of(e))
                        .as(e.getClass().getSimpleName())
                        .isEqualTo(ExitCodes.FAL_ERROR));
    }

    @Test
    void theJobsOwnOutcomeHasItsOwnCode() {
        assertThat(ExitCodes.of(new JobFailedException("req-1", "model crashed", "runner_server_error")))
                .isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(ExitCodes.of(new UnprocessableEntityException("422", DETAILS, List.of())))
                .as("fal's 422 comes when the job's result is fetched")
                .isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(ExitCodes.of(new DeadlineExceededException("req-1", Duration.ofMinutes(1))))
                .isEqualTo(ExitCodes.NOT_FINISHED);
        assertThat(ExitCodes.of(new JobFailedException("req-1", "cancelled", "client_cancelled")))
                .isEqualTo(ExitCodes.CANCELLED);
        assertThat(ExitCodes.of(new JobCancelledException("req-1"))).isEqualTo(ExitCodes.CANCELLED);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(ExitCodes.UNEXPECTED);
    }

    @Test
    void aCancelledWaitStillNamesItsRequest() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.of(Map.of(), dir, dir, new PrintWriter(out), new PrintWriter(err));

        int code = Failures.report(ctx, true, new JobCancelledException("req-7"));

        assertThat(code).isEqualTo(ExitCodes.CANCELLED);
        assertThat(err.toString()).contains("request id: req-7");
        assertThat(out.toString()).contains("\"request_id\":\"req-7\"").contains("\"outcome\":\"cancelled\"");
    }
}
