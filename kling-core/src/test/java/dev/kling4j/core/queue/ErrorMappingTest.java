package dev.kling4j.core.queue;

import static dev.kling4j.core.testing.Routes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RetryPolicy;
import dev.kling4j.core.error.AuthenticationException;
import dev.kling4j.core.error.BadRequestException;
import dev.kling4j.core.error.FalServiceException;
import dev.kling4j.core.error.InternalServerException;
import dev.kling4j.core.error.NotFoundException;
import dev.kling4j.core.error.PermissionDeniedException;
import dev.kling4j.core.error.RateLimitException;
import dev.kling4j.core.error.UnprocessableEntityException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
    static final String SECRET = "sk-very-secret-key";

    @StartStop
    final MockWebServer server = new MockWebServer();

    KlingClient client;
    RequestRef ref;

    @BeforeEach
    void setUp() {
        client = KlingClient.builder()
                .apiKey(SECRET)
                .queueUrl(server.url("/").toString())
                .retryPolicy(RetryPolicy.none())
                .build();
        ref = client.queue().attach("fal-ai/kling-video/o3/pro/text-to-video", "req-7");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "400, BadRequestException",
        "401, AuthenticationException",
        "403, PermissionDeniedException",
        "404, NotFoundException",
        "409, FalServiceException",
        "429, RateLimitException",
        "500, InternalServerException",
        "502, InternalServerException",
        "503, InternalServerException",
        "504, InternalServerException",
    })
    void eachErrorStatusMapsToItsExceptionCarryingStatusHeadersBodyAndRequestId(int code, String type) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .setHeader("x-fal-request-id", "req-7")
                .setHeader("X-Fal-Error-Type", "runner_scheduling_failure")
                .setHeader("X-Fal-Retryable", "false")
                .body("{\"detail\":\"something broke\"}")
                .build());

        FalServiceException e = catchThrowableOfType(
                FalServiceException.class, () -> client.queue().result(ref));

        Map<Integer, Class<?>> classes = Map.of(
                400,
                BadRequestException.class,
                401,
                AuthenticationException.class,
                403,
                PermissionDeniedException.class,
                404,
                NotFoundException.class,
                429,
                RateLimitException.class);
        Class<?> expected =
                classes.getOrDefault(code, code >= 500 ? InternalServerException.class : FalServiceException.class);
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.statusCode()).isEqualTo(code);
        assertThat(e.requestId()).contains("req-7");
        assertThat(e.errorType()).contains("runner_scheduling_failure");
        assertThat(e.retryable()).contains(false);
        assertThat(e.body()).isEqualTo("{\"detail\":\"something broke\"}");
        assertThat(e.headers()).containsKey("x-fal-request-id");
        assertThat(e.getMessage())
                .contains(String.valueOf(code))
                .contains("req-7")
                .contains("something broke")
                .doesNotContain(SECRET);
    }

    @Test
    void validationErrorWithADetailListNamesEachFieldAndMessage() {
        server.enqueue(json(
                422,
                "{\"detail\":[{\"loc\":[\"body\",\"duration\"],\"msg\":\"must be 5 or 10\","
                        + "\"type\":\"value_error\",\"ctx\":{\"x\":1}},{\"loc\":[\"body\",\"elements\",0,\"image_url\"],"
                        + "\"msg\":\"field required\",\"type\":\"missing\"}]}"));

        UnprocessableEntityException e = catchThrowableOfType(
                UnprocessableEntityException.class, () -> client.queue().result(ref));

        assertThat(e.fieldErrors()).hasSize(2);
        assertThat(e.fieldErrors().get(0).location()).containsExactly("body", "duration");
        assertThat(e.fieldErrors().get(0).path()).isEqualTo("duration");
        assertThat(e.fieldErrors().get(0).message()).isEqualTo("must be 5 or 10");
        assertThat(e.fieldErrors().get(0).type()).isEqualTo("value_error");
        assertThat(e.fieldErrors().get(1).path()).isEqualTo("elements.0.image_url");
        assertThat(e.requestId()).contains("req-7");
        assertThat(e.getMessage())
                .contains("duration: must be 5 or 10")
                .contains("elements.0.image_url: field required");
    }

    @Test
    void validationErrorWithAPlainStringDetailIsOneErrorWithoutLocation() {
        server.enqueue(json(422, "{\"detail\":\"Prompt is too long\"}"));

        UnprocessableEntityException e = catchThrowableOfType(
                UnprocessableEntityException.class, () -> client.queue().result(ref));

        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEmpty();
            assertThat(f.message()).isEqualTo("Prompt is too long");
        });
        assertThat(e.getMessage()).contains("Prompt is too long").contains("req-7");
    }

    @Test
    void errorTypeIsReadFromTheBodyWhenTheHeaderIsMissing() {
        server.enqueue(json(503, "{\"detail\":\"no runner\",\"error_type\":\"runner_connection_timeout\"}"));

        InternalServerException e = catchThrowableOfType(
                InternalServerException.class, () -> client.queue().status(ref, false));

        assertThat(e.errorType()).contains("runner_connection_timeout");
        assertThat(e.retryable()).isEmpty();
        assertThat(e.requestId()).contains("req-7");
    }

    @Test
    void aCompletedStatusWithAnErrorIsNotAServiceErrorButAFailedJob() {
        server.enqueue(json(
                200, "{\"status\":\"COMPLETED\",\"error\":\"model crashed\",\"error_type\":\"runner_server_error\"}"));

        JobStatus s = client.queue().status(ref, false);

        assertThat(s.isFailed()).isTrue();
        assertThat(s.error()).contains("model crashed");
        assertThat(List.of(s.errorType().orElseThrow())).containsExactly("runner_server_error");
    }
}
