package dev.kling4j.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaFiles;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.media.MediaRole;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.prompt.PromptText;
import dev.kling4j.core.prompt.Reference;
import dev.kling4j.core.prompt.ReferenceLinter;
import dev.kling4j.core.prompt.References;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of README.md, compiled and run. */
class ReadmeSnippetsTest {

    /** The estimate snippet; it ends by throwing. */
    private void estimateAndBudget() {
        // --- snippet: estimate ---
        EndpointSpec proI2v = Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
        CostEstimate estimate = PriceTable.standard().estimate(proI2v, OptionalInt.of(10), true);

        estimate.total(); // Optional[1.400]
        estimate.toString(); // kling_o3_pro_i2v: 10 s × 0.14 USD/s (audio on) = 1.400 USD [table price of 2026-12-01,
        // unverified: ...]
        estimate.isVerified(); // false: Kling's rate as relayed by resellers, not a figure fal published
        Budget.maxCost(new BigDecimal("1.00")).check(estimate); // throws BudgetExceededException
        // --- end snippet ---
    }

    @Test
    void theEstimateSnippetSaysWhatItsCommentsSay() {
        EndpointSpec proI2v = Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
        CostEstimate estimate = PriceTable.standard().estimate(proI2v, OptionalInt.of(10), true);

        assertThat(estimate.total()).contains(new BigDecimal("1.400"));
        assertThat(estimate.toString())
                .startsWith("kling_o3_pro_i2v: 10 s × 0.14 USD/s (audio on) = 1.400 USD "
                        + "[table price of 2026-12-01, unverified: ");
        assertThat(estimate.isVerified()).isFalse();
        assertThatThrownBy(() -> Budget.maxCost(new BigDecimal("1.00")).check(estimate))
                .isInstanceOf(BudgetExceededException.class);
        assertThatThrownBy(this::estimateAndBudget).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void unknownEstimates() {
        // --- snippet: unknown ---
        EndpointSpec edit = Catalog.standard().endpoint("kling_o3_pro_edit").orElseThrow();
        Media remote = Media.url("https://example.com/source.mp4");
        CostEstimate unknown = PriceTable.standard().estimate(edit, BilledSeconds.ofSourceVideo(remote), false);

        unknown.isKnown(); // false
        unknown.unknownReason(); // Optional[the billed seconds are not known before the run ...]
        Budget.maxCost(new BigDecimal("5")).allowingUnknown().check(unknown); // passes
        // --- end snippet ---
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.unknownReason().orElseThrow()).startsWith("the billed seconds are not known before the run");
    }

    @Test
    void overrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-prices.json");
        Files.writeString(
                file,
                "{\"prices\":[{\"endpoint\":\"kling_o3_pro_i2v\",\"audio_off\":\"0.112\","
                        + "\"audio_on\":\"0.14\",\"currency\":\"USD\",\"unit\":\"second\",\"date\":\"2026-11-01\","
                        + "\"source\":\"my fal invoice\"}]}");
        // --- snippet: override ---
        PriceTable prices = PriceTable.standard().toBuilder()
                .putAll(PriceTable.load(file)) // rows from a file replace the shipped ones
                .put(PriceRow.builder("kling_o3_standard_i2v") // and rows from code
                        .audioOff(new BigDecimal("0.084"))
                        .audioOn(new BigDecimal("0.112"))
                        .date(LocalDate.of(2026, 8, 1))
                        .source("fal model page")
                        .build())
                .build();
        // --- end snippet ---
        EndpointSpec proI2v = Catalog.standard().endpoint("kling_o3_pro_i2v").orElseThrow();
        assertThat(prices.estimate(proI2v, OptionalInt.of(10), false).total()).contains(new BigDecimal("1.120"));
        assertThat(prices.rows()).hasSize(13);
    }

    @Test
    void refresh() {
        String json = "{\"prices\":[{\"endpoint_id\":\"fal-ai/kling-video/o3/pro/video-to-video/edit\","
                + "\"unit_price\":0.2,\"unit\":\"second\",\"currency\":\"USD\"}],\"has_more\":false}";
        // --- snippet: refresh ---
        PriceTable fresh = PriceTable.standard().toBuilder()
                .putAll(FalPricing.rows(json, PriceTable.standard(), LocalDate.now()))
                .build();
        // --- end snippet ---
        EndpointSpec edit = Catalog.standard().endpoint("kling_o3_pro_edit").orElseThrow();
        assertThat(fresh.estimate(edit, OptionalInt.of(10), false).total()).contains(new BigDecimal("2.000"));
    }

    @Test
    void lint() {
        // --- snippet: lint ---
        CategorySpec ref = Catalog.standard().category(Category.REFERENCE_TO_VIDEO);
        List<Finding> findings =
                ReferenceLinter.lint(ref, List.of("@Element1 waves at @Element3", "@element2 bows"), 2, 0, false);
        String report = findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
        // ERROR multi_prompt[0].prompt 19..28 @Element3: @Element3 refers to elements[2] but only 2 elements are
        // supplied (...)
        // WARNING multi_prompt[1].prompt 0..9 @element2: @element2 is not a reference fal reads: ... (write @Element2)
        // WARNING elements[1] @Element2: elements[1] is supplied but no prompt names it @Element2 (...)

        List<Reference> refs = References.parse("@Image1 beside @Image2"); // positions 0..7 and 15..22
        List<Finding> single = ReferenceLinter.lint(ref, PromptText.shots(List.of("@Image1 only")), 0, 1, false, true);
        // --- end snippet ---
        assertThat(report.split("\n"))
                .satisfiesExactly(
                        s -> assertThat(s)
                                .startsWith("ERROR multi_prompt[0].prompt 19..28 @Element3: @Element3 refers to "
                                        + "elements[2] but only 2 elements are supplied ("),
                        s -> assertThat(s)
                                .startsWith("WARNING multi_prompt[1].prompt 0..9 @element2: @element2 is not a "
                                        + "reference fal reads: ")
                                .endsWith("(write @Element2)"),
                        s -> assertThat(s)
                                .startsWith("WARNING elements[1] @Element2: elements[1] is supplied but no prompt "
                                        + "names it @Element2 ("));
        assertThat(refs).extracting(Reference::start).containsExactly(0, 15);
        assertThat(single).isEmpty();
    }

    @Test
    void media(@TempDir Path dir) throws Exception {
        Path path = Files.write(
                dir.resolve("source.mov"), MediaFiles.movie("qt  ", 600, 600 * 8 + 30, 1920, 1080, false, false));
        // --- snippet: media ---
        MediaInfo info = MediaInspector.inspect(path).orElseThrow(); // MOV 1920x1080 avc1 8.05 s 30 fps
        info.defect(); // Optional.empty: the file is whole

        List<Problem> problems = MediaChecks.standard().check(Media.file(path), MediaRole.VIDEO, "video_url");
        // empty when the file passes; otherwise e.g.
        // video_url: /clips/source.mov lasts 16 s, outside 3–15 s (trim the video to at most 15 s; …)

        OptionalInt billed = BilledSeconds.ofSourceVideo(Media.file(path)); // 9: the same 8.05 s, rounded up
        // --- end snippet ---
        assertThat(info.duration()).contains(Duration.ofMillis(8050));
        assertThat(info.codec()).contains("avc1");
        assertThat(info.frameRate().orElseThrow()).isCloseTo(30.0, within(0.1));
        assertThat(info.defect()).isEmpty();
        assertThat(info.width()).isEqualTo(1920);
        assertThat(problems).isEmpty();
        assertThat(billed).hasValue(9);
    }
}
