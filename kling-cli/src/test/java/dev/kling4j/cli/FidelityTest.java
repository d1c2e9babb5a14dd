package dev.kling4j.cli;

import static dev.kling4j.cli.CliTestSupport.json;
import static dev.kling4j.cli.CliTestSupport.submits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.testkit.SampleMedia;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What kling4j sends, checks and charges, as the CLI shows it: shot types, video elements, storyboards, billing. */
class FidelityTest extends EmulatorTest {

    @Test
    void shotTypeIsSentOnTheCommandsThatTakeItAndIntelligentIsRefusedOnVideoToVideo() throws Exception {
        SampleMedia.writeMp4(work.resolve("v.mp4"), Duration.ofSeconds(5), 1280, 720);

        CliRun sent = kling("generate", "--prompt", "a fox", "--shot-type", "intelligent");
        CliRun refused =
                kling("edit", "--video", "v.mp4", "--prompt", "@Video1 at night", "--shot-type", "intelligent");

        assertThat(sent.code()).as(sent.toString()).isZero();
        assertThat(json(submits(fal).get(0).bodyUtf8())).containsEntry("shot_type", "intelligent");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err())
                .contains(
                        "--shot-type (shot_type): 'intelligent' is not a choice video-to-video-edit takes",
                        "use one of customize");
        assertThat(submits(fal)).hasSize(1);
        assertThat(fal.requests()).noneMatch(r -> r.path().startsWith("/rest/storage"));
    }

    @Test
    void theHelpOfEachCommandListsTheShotTypesItsEndpointsTakeFromTheTable() {
        assertThat(kling("generate", "--help").out()).contains("--shot-type=TYPE", "customize, intelligent");
        assertThat(kling("generate-ref", "--help").out()).contains("customize, intelligent");
        assertThat(kling("edit", "--help").out()).contains("--shot-type=TYPE").doesNotContain("intelligent");
        assertThat(kling("reference", "--help").out())
                .contains("--shot-type=TYPE")
                .doesNotContain("intelligent");
    }

    @Test
    void theHelpOfEachCommandListsTheAspectRatiosItsEndpointsTakeFromTheTable() {
        assertThat(kling("generate", "--help").out())
                .contains("--aspect-ratio=RATIO", "16:9, 9:16, 1:1")
                .doesNotContain("auto");
        assertThat(kling("generate-ref", "--help").out()).contains("16:9, 9:16, 1:1");
        assertThat(kling("reference", "--help").out()).contains("auto, 16:9, 9:16, 1:1");
        assertThat(kling("cost", "--help").out()).contains("16:9, 9:16, 1:1, auto");
    }

    @Test
    void aVideoElementMayBeGivenByItsVideoAloneAndIsPricedAtTheVideoInputRate() throws Exception {
        SampleMedia.writeMp4(work.resolve("dancer.mp4"), Duration.ofSeconds(5), 1280, 720);

        CliRun r = kling(
                "generate-ref",
                "--model",
                "kling_o3_standard_ref",
                "--element",
                "video=dancer.mp4",
                "--prompt",
                "@Element1 dances on a rooftop");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("5 s × 0.126 USD/s (video input) = 0.630 USD");
        Map<String, Object> element = CliTestSupport.map(
                CliTestSupport.list(json(submits(fal).get(0).bodyUtf8()).get("elements"))
                        .get(0));
        assertThat(element).containsOnlyKeys("video_url");
    }

    @Test
    void soundWithAVideoElementIsRefusedSayingWhyBeforeAnythingIsUploaded() throws Exception {
        SampleMedia.writeMp4(work.resolve("dancer.mp4"), Duration.ofSeconds(5), 1280, 720);

        CliRun r = kling("generate-ref", "--element", "video=dancer.mp4", "--audio", "--prompt", "@Element1 sings");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains(
                        "--audio (generate_audio): is true but an element carries a video",
                        "Kling generates no sound when an element carries a video");
        assertThat(fal.requests()).isEmpty();
    }

    @Test
    void aStoryboardIsSentWithTheSumOfItsShotsAsItsDurationAndSevenShotsAreRefused() {
        CliRun ok = kling("generate", "--shot", "duration=3:the fox stops", "--shot", "duration=4:it jumps");
        String[] seven = new String[14];
        for (int i = 0; i < 7; i++) {
            seven[2 * i] = "--shot";
            seven[2 * i + 1] = "duration=3:shot " + i;
        }
        CliRun refused = kling(concat(new String[] {"generate"}, seven));

        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(json(submits(fal).get(0).bodyUtf8())).containsEntry("duration", "7");
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("--shot (multi_prompt): has 7 shots", "use at most 6 shots (Kling's limit)");
        assertThat(submits(fal)).hasSize(1);
    }

    @Test
    void theResultSaysWhatFalBilledAndTheJournalKeepsIt() {
        CliRun r = kling("generate", "--prompt", "a fox", "--duration", "5");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("billed: 5 s = 0.560 USD at the estimate's rate");
        JournalEntry job = FileRequestJournal.in(home.resolve("jobs")).list().get(0);
        assertThat(job.billed()).contains(new BigDecimal("5"));
        assertThat(job.billedCost()).isEqualByComparingTo("0.560");
    }

    @Test
    void withoutFalsBillingHeaderTheResultSaysBilledIsUnknownNeverZero() {
        fal.script().nextJob().withoutBillableUnits();

        CliRun r = kling("generate", "--prompt", "a fox", "--duration", "5", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, Object> result = lastEvent(r, "result");
        assertThat(result)
                .as("unknown, never zero")
                .doesNotContainKeys("billed_units", "billed_usd")
                .containsKey("request_id");
        assertThat(r.err()).contains("billed: unknown");
    }

    @Test
    void theJsonResultCarriesTheBilledUnitsAndCostAndTheEstimateItsPriceSource() {
        CliRun r = kling("generate", "--prompt", "a fox", "--duration", "6", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(lastEvent(r, "result")).containsEntry("billed_units", "6").containsEntry("billed_usd", "0.672");
        assertThat(lastEvent(r, "estimate"))
                .containsEntry("price_source", "table")
                .containsEntry("price_date", "2026-12-01")
                .containsEntry("price_verified", false);
    }

    @Test
    void costSaysWhereItsPriceComesFromAndWhetherItIsVerified() {
        CliRun unverified = kling("cost", "--model", "kling_o3_pro_t2v", "--duration", "5", "--prompt", "a fox");
        CliRun verified = kling(
                "cost",
                "--model",
                "kling_o3_standard_i2v",
                "--image",
                "https://example.com/a.png",
                "--duration",
                "5",
                "--prompt",
                "a fox",
                "--no-live-prices");

        assertThat(unverified.out())
                .contains("0.560 USD [table price of 2026-12-01, unverified: Kling's rate for O3 Pro");
        assertThat(verified.out()).contains("0.420 USD [table price of 2026-12-01, fal's model page]");
        assertThat(fal.requests())
                .as("against a loopback pricing API, live prices are off")
                .isEmpty();
    }

    private static Map<String, Object> lastEvent(CliRun r, String event) {
        List<Map<String, Object>> events = Arrays.stream(r.out().split("\n"))
                .filter(l -> l.startsWith("{"))
                .map(CliTestSupport::json)
                .filter(m -> event.equals(m.get("event")))
                .toList();
        assertThat(events).as(r.toString()).isNotEmpty();
        return events.get(events.size() - 1);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
