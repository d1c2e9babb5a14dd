package dev.kling4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoJob;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.ModelRegistry;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.i2v.ImageToVideo;
import dev.kling4j.i2v.ImageToVideoRequest;
import dev.kling4j.t2v.TextToVideo;
import dev.kling4j.t2v.TextToVideoRequest;
import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.FalEmulatorTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The README's snippets that are not taken from the examples, compiled and run against the emulator. */
@FalEmulatorTest
class ReadmeSnippetsTest {
    private final List<String> journal = new ArrayList<>();

    @Test
    void asyncSubmitAndResume(FalEmulator fal) throws Exception {
        try (KlingClient client = fal.newClient()) {
            TextToVideoRequest request = TextToVideoRequest.builder()
                    .prompt("A paper boat in the rain")
                    .build();
            // tag::async[]
            CompletableFuture<VideoResult> future = client.async()
                    .generate(
                            TextToVideo.PRO,
                            request,
                            RequestOptions.builder()
                                    .deadline(
                                            Duration.ofMinutes(20)) // the whole job (default 30 min); cancelled at fal
                                    .onEnqueued(ref -> journal.add(ref.requestId())) // the moment fal returns the id
                                    .onStatus(s -> System.out.println(s.status() + " " + s.queuePosition()))
                                    .build());
            VideoResult done = future.join(); // or future.cancel(true): cancels at fal

            VideoJob job = client.submit(TextToVideo.PRO, request); // returns once fal has the job
            String requestId = job.requestId(); // keep it: it finds the video again
            VideoResult later = client.result(client.attach(TextToVideo.PRO, requestId)); // nothing resubmitted
            // end::async[]
            assertThat(journal).containsExactly(done.requestId());
            assertThat(later.requestId()).isEqualTo(requestId);
            assertThat(fal.jobsCreated()).isEqualTo(2);
        }
    }

    @Test
    void validationErrorsListEveryProblem() {
        // tag::validation[]
        try {
            ImageToVideoRequest.builder().prompt("The hero waves").duration(20).build();
        } catch (InvalidRequestException e) {
            for (Problem p : e.problems()) {
                System.out.println(p.field() + ": " + p.message() + " (" + p.fix() + ")");
            }
        }
        // end::validation[]
        assertThatThrownBy(() -> ImageToVideoRequest.builder()
                        .prompt("The hero waves")
                        .duration(20)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactly("duration", "image_url"));
    }

    @Test
    void theGenericPathAndLint() {
        // tag::generic[]
        BaseVideoModel<?> model = ModelRegistry.standard().get("kling_o3_pro_ref"); // a typo lists close matches
        VideoRequest request = model.request(Map.of(
                "prompt",
                "@Element1 waves",
                "elements",
                List.of(Map.of(
                        "frontal_image_url",
                        "https://example.com/hero.png",
                        "reference_image_urls",
                        List.of("https://example.com/hero-side.png"))),
                "image_urls",
                List.of("https://example.com/beach.png"),
                "duration",
                "8")); // or model.request(jsonString)
        // end::generic[]
        assertThat(request.input().get("duration")).contains(8);
        assertThat(lintOf(ModelRegistry.standard().get("kling_o3_pro_ref"), request))
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("@Image1"));
    }

    @SuppressWarnings("unchecked")
    private static <R extends VideoRequest> List<Finding> lintOf(BaseVideoModel<R> model, VideoRequest request) {
        try (KlingClient offline = KlingClient.builder().livePrices(false).build()) {
            return offline.lint(model, (R) request);
        }
    }

    @Test
    void aBudgetRefusesBeforeAnythingIsSent(FalEmulator fal) {
        try (KlingClient client = fal.newClient()) {
            ImageToVideoRequest walk = ImageToVideoRequest.builder()
                    .image(Media.url("https://example.com/hero.png"))
                    .prompt("The hero walks")
                    .duration(10)
                    .audio(true)
                    .build();
            // tag::budget[]
            System.out.println(client.estimate(
                    ImageToVideo.PRO, walk)); // kling_o3_pro_i2v: 10 s × 0.14 USD/s (audio on) = 1.400 USD …
            try {
                client.generate(
                        ImageToVideo.PRO,
                        walk,
                        RequestOptions.builder().maxCost(new BigDecimal("1.25")).build());
            } catch (BudgetExceededException e) {
                System.out.println("refused, nothing uploaded or sent: " + e.getMessage());
            }
            // end::budget[]
            assertThat(fal.requests()).isEmpty();
        }
    }
}
