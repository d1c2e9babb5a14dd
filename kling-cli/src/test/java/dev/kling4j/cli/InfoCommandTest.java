package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.testkit.SampleMedia;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models, models info, cost, lint and completion: nothing is sent, no key is needed. */
class InfoCommandTest {
    @TempDir
    Path work;

    CliRun kling(String... args) {
        CliRun r = CliRun.run(Map.of(), work.resolve("home"), work, args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void modelsListsTheThirteenModelsOfTheCatalogWithCategoryTierAndEndpoint() {
        List<EndpointSpec> catalog = Catalog.standard().endpoints();
        assertThat(catalog).hasSize(13);

        List<Map<String, Object>> listed =
                CliTestSupport.list(CliTestSupport.json(
                                        "{\"m\":" + kling("models", "--json").out() + "}")
                                .get("m"))
                        .stream()
                        .map(CliTestSupport::map)
                        .toList();
        String table = kling("models").out();

        assertThat(listed).hasSize(13);
        for (EndpointSpec e : catalog) {
            assertThat(listed)
                    .anySatisfy(m -> assertThat(m)
                            .containsEntry("key", e.key())
                            .containsEntry("endpoint_id", e.endpointId())
                            .containsEntry("category", e.category().id())
                            .containsEntry("tier", e.tier().id()));
            assertThat(table).containsPattern("(?m)^  " + e.key() + "\\s+[0-9.na/ ]+\\s+" + e.endpointId() + "$");
            assertThat(table).contains(e.category().id() + " (kling ");
        }
        assertThat(table).contains("0.112 / 0.14");
        assertThat(table.lines())
                .as("fits 100 columns")
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void modelsInfoShowsTheFieldsAndTheirFlags() {
        CliRun r = kling("models", "info", "kling_o3_pro_ref");

        assertThat(r.out())
                .contains(
                        "fal-ai/kling-video/o3/pro/reference-to-video",
                        "kling generate-ref --model kling_o3_pro_ref",
                        "start_image_url",
                        "(--image)",
                        "elements",
                        "(--element-front/--element)");
    }

    @Test
    void costEstimatesWithoutSendingAndPicksTheModelLikeGenerate() {
        assertThat(kling("cost", "--model", "kling_o3_4k_t2v", "--duration", "15", "--audio", "--prompt", "x")
                        .out())
                .contains("kling_o3_4k_t2v: 15 s × 0.42 USD/s", "6.300 USD");
        assertThat(kling("cost", "--prompt", "x").out()).startsWith("kling_o3_pro_t2v: 5 s");
    }

    @Test
    void lintReportsAnUnusedElement() {
        SampleMedia.writePng(work.resolve("a.png"), 600, 900);
        SampleMedia.writePng(work.resolve("side.png"), 600, 900);

        CliRun r = kling(
                "lint",
                "--model",
                "kling_o3_pro_ref",
                "--element-front",
                "a.png",
                "--element-ref",
                "side.png",
                "--prompt",
                "a walk in the park");

        assertThat(r.out()).contains("WARNING", "@Element1");
    }

    @Test
    void lintRefusesAReferencePastTheEndWithExitTwo() {
        CliRun r = CliRun.run(
                Map.of(),
                work.resolve("home"),
                work,
                "lint",
                "--model",
                "kling_o3_pro_ref",
                "--prompt",
                "@Element2 waves");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--prompt (prompt)", "@Element2");
    }

    @Test
    void completionPrintsABashScript() {
        assertThat(kling("completion").out()).contains("complete", "generate-ref", "resume");
    }

    @Test
    void helpListsTheExitCodesAndAnExample() {
        assertThat(kling("generate", "--help").out())
                .contains("Exit codes:", "130", "interrupted", "Examples:", "kling generate --prompt");
        assertThat(kling("--help").out()).contains("Exit codes:", "--emulator");
    }
}
