package dev.kling4j.examples;

import dev.kling4j.core.RequestOptions;
import dev.kling4j.core.VideoResult;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.t2v.TextToVideo;
import dev.kling4j.t2v.TextToVideoRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Many jobs at once under one total budget: each prompt is estimated first; jobs are admitted while the
 * committed total stays within the budget, then all admitted jobs run concurrently (no thread waits per
 * job). The rest are refused before anything is sent.
 */
public final class BudgetedBatch {
    private BudgetedBatch() {}

    /**
     * What the batch did.
     *
     * @param done the finished videos
     * @param refused prompts refused because they would have exceeded the budget (or cost an unknown amount)
     * @param committed the sum of the admitted jobs' estimates
     */
    public record Report(List<VideoResult> done, List<String> refused, BigDecimal committed) {}

    /**
     * Runs the batch.
     *
     * @param backend fal or the emulator
     * @param budget the most the whole batch may cost, in USD
     * @param prompts one 5 s pro text-to-video per prompt
     * @return the report
     */
    public static Report run(Backend backend, BigDecimal budget, List<String> prompts) {
        // tag::budgeted-batch[]
        BigDecimal committed = BigDecimal.ZERO;
        List<String> refused = new ArrayList<>();
        List<CompletableFuture<VideoResult>> running = new ArrayList<>();
        for (String prompt : prompts) {
            TextToVideoRequest request =
                    TextToVideoRequest.builder().prompt(prompt).duration(5).build();
            CostEstimate estimate = backend.client().estimate(TextToVideo.PRO, request);
            BigDecimal cost = estimate.total().orElse(null);
            if (cost == null || committed.add(cost).compareTo(budget) > 0) {
                refused.add(prompt); // nothing sent for it
                continue;
            }
            committed = committed.add(cost);
            running.add(backend.client()
                    .async()
                    .generate(
                            TextToVideo.PRO,
                            request,
                            RequestOptions.builder()
                                    .maxCost(cost) // a price change cannot overspend
                                    .deadline(Duration.ofMinutes(20))
                                    .build()));
        }
        List<VideoResult> done = running.stream().map(CompletableFuture::join).toList();
        // end::budgeted-batch[]
        backend.say("batch: " + done.size() + " done, " + refused.size() + " refused, committed " + committed + " of "
                + budget + " USD");
        return new Report(done, refused, committed);
    }

    /**
     * Runs six prompts under a 5 USD budget on fal with {@code FAL_KEY}, else on the emulator.
     *
     * @param args none
     */
    public static void main(String[] args) {
        List<String> prompts = List.of(
                "a lighthouse at dusk",
                "a hummingbird at a flower",
                "rain on a tin roof",
                "a paper boat in a gutter",
                "northern lights over a lake",
                "a cat chasing a laser dot");
        try (Backend backend = Backend.fromEnv(System.getenv(), System.out)) {
            run(backend, new BigDecimal("5.00"), prompts);
        }
    }
}
