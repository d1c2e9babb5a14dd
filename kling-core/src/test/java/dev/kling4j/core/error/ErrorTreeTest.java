package dev.kling4j.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.webhook.WebhookVerificationException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The exception tree of the README's "Errors" table, class by class. */
class ErrorTreeTest {
    private static final FalServiceException.ServiceErrorDetails DETAILS =
            new FalServiceException.ServiceErrorDetails(200, Map.of(), "", "req-1", null, null);

    @Test
    void everyClassSitsUnderTheGroupTheReadmeNames() {
        Map<Class<?>, Class<?>> parent = new LinkedHashMap<>();
        parent.put(RequestNotSentException.class, KlingException.class);
        parent.put(KlingTransportException.class, KlingException.class);
        parent.put(FalServiceException.class, KlingException.class);
        parent.put(JobOutcomeException.class, KlingException.class);
        parent.put(WebhookVerificationException.class, KlingException.class);
        parent.put(InvalidRequestException.class, RequestNotSentException.class);
        parent.put(BudgetExceededException.class, RequestNotSentException.class);
        parent.put(MissingCredentialsException.class, RequestNotSentException.class);
        parent.put(UnknownModelException.class, RequestNotSentException.class);
        parent.put(KlingConnectionException.class, KlingTransportException.class);
        parent.put(TransferStalledException.class, KlingConnectionException.class);
        parent.put(KlingTimeoutException.class, KlingTransportException.class);
        parent.put(BadRequestException.class, FalServiceException.class);
        parent.put(AuthenticationException.class, FalServiceException.class);
        parent.put(PermissionDeniedException.class, FalServiceException.class);
        parent.put(NotFoundException.class, FalServiceException.class);
        parent.put(UnprocessableEntityException.class, FalServiceException.class);
        parent.put(RateLimitException.class, FalServiceException.class);
        parent.put(InternalServerException.class, FalServiceException.class);
        parent.put(UnexpectedResponseException.class, FalServiceException.class);
        parent.put(JobFailedException.class, JobOutcomeException.class);
        parent.put(DeadlineExceededException.class, JobOutcomeException.class);
        parent.put(SubmitOutcomeUnknownException.class, JobOutcomeException.class);
        parent.put(JobCancelledException.class, CancellationException.class);

        parent.forEach(
                (c, p) -> assertThat(c.getSuperclass()).as(c.getSimpleName()).isEqualTo(p));
        assertThat(KlingException.class.getSuperclass()).isEqualTo(RuntimeException.class);
    }

    @Test
    void theRootAndTheGroupsWithoutAnExceptionOfTheirOwnCannotBeThrownBare() {
        assertThat(List.of(KlingException.class, RequestNotSentException.class, JobOutcomeException.class))
                .allMatch(c -> Modifier.isAbstract(c.getModifiers()));
        assertThat(List.of(KlingTransportException.class, FalServiceException.class))
                .noneMatch(c -> Modifier.isAbstract(c.getModifiers()));
    }

    @Test
    void aMessageWithoutTheRequestIdGetsItAppended() {
        KlingTransportException e = new KlingTransportException("the call was abandoned", "req-1", null);

        assertThat(e).hasMessage("the call was abandoned (request req-1)");
        assertThat(e.requestId()).contains("req-1");
    }

    @Test
    void aMessageThatNamesTheRequestIdIsKeptAsItIs() {
        assertThat(new KlingTimeoutException("request req-1 timed out", "req-1", null))
                .hasMessage("request req-1 timed out");
        assertThat(new KlingConnectionException("no route to fal", null, null)).hasMessage("no route to fal");
        assertThat(new UnexpectedResponseException("no video", DETAILS, null)).hasMessage("no video (request req-1)");
    }

    @Test
    void nothingSentMeansNoRequestId() {
        RequestNotSentException e = new MissingCredentialsException();

        assertThat(e.requestId()).isEmpty();
        assertThat(e).hasMessageContaining("FAL_KEY");
    }

    @Test
    void jobOutcomesNameTheirRequest() {
        assertThat(new JobFailedException("req-2", "model crashed", "runner_server_error"))
                .hasMessage("Request req-2 failed: model crashed (runner_server_error)")
                .extracting(e -> e.requestId().orElseThrow())
                .isEqualTo("req-2");
        assertThat(new DeadlineExceededException("req-3", Duration.ofMinutes(5)))
                .hasMessage("Request req-3 did not complete within its deadline of PT5M; a cancel was sent to fal."
                        + " Give long jobs a longer deadline");
    }

    @Test
    void aCancelledJobIsACancellationOutsideTheTreeThatStillNamesItsRequest() {
        JobCancelledException e = new JobCancelledException("req-4");

        assertThat(e)
                .isInstanceOf(CancellationException.class)
                .isNotInstanceOf(KlingException.class)
                .hasMessageContaining("req-4");
        assertThat(e.requestId()).contains("req-4");
    }

    @Test
    void anUnexpectedResponseCarriesWhatFalSent() {
        UnexpectedResponseException e = new UnexpectedResponseException(
                "no video",
                new FalServiceException.ServiceErrorDetails(
                        200, Map.of("x-fal-request-id", List.of("req-5")), "{\"images\":[]}", "req-5", null, null),
                new IllegalArgumentException("misfit"));

        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.body()).isEqualTo("{\"images\":[]}");
        assertThat(e.headers()).containsKey("x-fal-request-id");
        assertThat(e.errorType()).isEmpty();
        assertThat(e.retryable()).isEmpty();
        assertThat(e).hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
