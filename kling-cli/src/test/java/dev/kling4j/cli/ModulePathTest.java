package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.module.ModuleDescriptor.Provides;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The published jars are named modules that resolve on a module path of their runtime dependencies alone, export
 * only their API packages, keep kling-core's internal package sealed, and bind the model modules as services; and
 * the program runs as a module ({@code java -p … -m dev.kling4j.cli}), not only from its fat jar. (Here because
 * kling-cli is the one published module that has every other one on its path.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModulePathTest extends EmulatorTest {
    static final String MODEL_PROVIDER = "dev.kling4j.core.model.ModelProvider";

    /** The published modules and their exports (DESIGN-19), in module-info terms. */
    static final Map<String, Set<String>> EXPORTS = Map.of(
            "dev.kling4j.core",
                    Set.of(
                            "dev.kling4j.core",
                            "dev.kling4j.core.catalog",
                            "dev.kling4j.core.error",
                            "dev.kling4j.core.journal",
                            "dev.kling4j.core.media",
                            "dev.kling4j.core.model",
                            "dev.kling4j.core.pricing",
                            "dev.kling4j.core.prompt",
                            "dev.kling4j.core.queue",
                            "dev.kling4j.core.webhook"),
            "dev.kling4j.i2v", Set.of("dev.kling4j.i2v"),
            "dev.kling4j.t2v", Set.of("dev.kling4j.t2v"),
            "dev.kling4j.ref", Set.of("dev.kling4j.ref"),
            "dev.kling4j.v2v", Set.of("dev.kling4j.v2v"),
            "dev.kling4j.testkit", Set.of("dev.kling4j.testkit"),
            "dev.kling4j.cli", Set.of());

    static Map<String, ModuleDescriptor> kling4jModules(ModuleLayer layer) {
        return layer.modules().stream()
                .filter(m -> m.getName().startsWith("dev.kling4j."))
                .collect(Collectors.toMap(Module::getName, Module::getDescriptor, (a, b) -> a, TreeMap::new));
    }

    @Test
    void everyPublishedJarIsANamedModuleThatExportsOnlyItsApiPackages() {
        Map<String, ModuleDescriptor> modules = kling4jModules(RuntimeModules.layer());

        assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(EXPORTS.keySet());
        modules.forEach((name, d) -> {
            assertThat(d.isAutomatic()).as(name + " has a module-info").isFalse();
            assertThat(d.exports())
                    .as(name + " exports")
                    .allMatch(e -> !e.isQualified())
                    .extracting(Exports::source)
                    .containsExactlyInAnyOrderElementsOf(EXPORTS.get(name));
        });
        assertThat(modules.get("dev.kling4j.core").packages())
                .as("sealed, not absent")
                .contains(
                        "dev.kling4j.core.internal",
                        "dev.kling4j.core.internal.http",
                        "dev.kling4j.core.internal.json");
    }

    @Test
    void onlyWhatReflectionNeedsIsOpenAndOnlyToTheLibraryThatReflects() {
        Map<String, ModuleDescriptor> modules = kling4jModules(RuntimeModules.layer());

        modules.forEach((name, d) ->
                assertThat(d.isOpen()).as(name + " is not an open module").isFalse());
        Map<String, Set<String>> opens = modules.values().stream()
                .flatMap(d -> d.opens().stream())
                .collect(Collectors.toMap(Opens::source, Opens::targets));
        assertThat(opens)
                .isEqualTo(Map.of(
                        "dev.kling4j.core", Set.of("com.fasterxml.jackson.databind"), // VideoFile's @JsonCreator
                        "dev.kling4j.cli", Set.of("info.picocli"))); // the commands' annotated fields
    }

    @Test
    void theModelModulesAreBoundAsModelProvidersOnTheModulePath() throws Exception {
        ModuleLayer layer = RuntimeModules.layer();
        Map<String, ModuleDescriptor> modules = kling4jModules(layer);

        assertThat(modules.get("dev.kling4j.core").uses()).containsExactly(MODEL_PROVIDER);
        assertThat(modules.get("dev.kling4j.cli").requires())
                .extracting(ModuleDescriptor.Requires::name)
                .as("the CLI names no model module: they are in the layer only as services")
                .doesNotContain("dev.kling4j.i2v", "dev.kling4j.t2v", "dev.kling4j.ref", "dev.kling4j.v2v");
        List<String> declared = modules.values().stream()
                .flatMap(d -> d.provides().stream())
                .filter(p -> p.service().equals(MODEL_PROVIDER))
                .flatMap(p -> p.providers().stream())
                .sorted()
                .toList();
        assertThat(declared)
                .containsExactly(
                        "dev.kling4j.i2v.ImageToVideo$Provider",
                        "dev.kling4j.ref.ReferenceToVideo$Provider",
                        "dev.kling4j.t2v.TextToVideo$Provider",
                        "dev.kling4j.v2v.VideoToVideoModels");

        Class<?> service = layer.findLoader("dev.kling4j.core").loadClass(MODEL_PROVIDER);
        List<String> loaded = ServiceLoader.load(layer, service).stream()
                .map(p -> p.type().getName())
                .sorted()
                .toList();
        assertThat(loaded).isEqualTo(declared);
        assertThat(modules.values().stream().flatMap(d -> d.provides().stream()).map(Provides::service))
                .containsOnly(MODEL_PROVIDER);
    }

    @Test
    void theProgramRunsOnTheModulePathAndFindsEveryModel() throws Exception {
        List<String> asModule = List.of(
                "-p", RuntimeModules.modulePathArgument(), "-m", RuntimeModules.CLI + "/" + Main.class.getName());

        ChildJvm.assertListsEveryCategory(ChildJvm.runToSuccess(work, fal, asModule, "models"));

        // A whole generation: picocli's reflection into the commands, Jackson's into VideoFile, the --json writer.
        ChildJvm.runToSuccess(work, fal, asModule, "generate", "--prompt", "a fox", "--output", "fox.mp4", "--json");
        List<String> lines = Files.readAllLines(work.resolve("out.txt"));
        assertThat(CliTestSupport.json(lines.get(lines.size() - 1))).containsEntry("event", "result");
        assertThat(Files.size(work.resolve("fox.mp4"))).isPositive();
        assertThat(fal.jobsCreated()).isEqualTo(1);
    }
}
