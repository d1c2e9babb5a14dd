package dev.kling4j.cli;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.VideoRequest;
import dev.kling4j.core.pricing.CostEstimate;
import dev.kling4j.core.pricing.PriceRow;
import dev.kling4j.core.pricing.PriceTable;
import dev.kling4j.core.prompt.Finding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that send nothing: {@code cost}, {@code lint}, {@code models}, {@code models info}. */
final class InfoCommands {
    private InfoCommands() {}

    /** Every input flag group: cost and lint take what any generation command takes. */
    abstract static class AnyInput extends InputCommand {
        @Mixin
        InputFlags.Prompt prompt;

        @Mixin
        InputFlags.Shots shots;

        @Mixin
        InputFlags.Frames frames;

        @Mixin
        InputFlags.References references;

        @Mixin
        InputFlags.Video video;

        @Mixin
        InputFlags.Duration duration;

        @Mixin
        InputFlags.Audio audio;

        @Mixin
        InputFlags.AnyAspectRatio aspect;

        @Mixin
        InputFlags.ShotType shotType;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        AnyInput(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<InputFlags.WireFlags> flags() {
            return List.of(prompt, shots, frames, references, video, duration, audio, aspect, shotType);
        }

        @Override
        Set<Category> categories() {
            return EnumSet.allOf(Category.class);
        }

        /** The generation commands' defaults; a video needs --model (edit and reference both take one). */
        @Override
        String defaultModel(Map<String, Object> wire) {
            if (wire.containsKey("video_url")) {
                throw CliException.usage("--video is taken by edit and reference models: say which with --model,"
                        + " e.g. --model kling_o3_pro_edit or --model kling_o3_pro_v2v_ref");
            }
            if (wire.containsKey("elements")
                    || wire.containsKey("image_urls")
                    || wire.containsKey("end_image_url") && !wire.containsKey("image_url")) {
                return "kling_o3_pro_ref";
            }
            return wire.containsKey("image_url") ? "kling_o3_pro_i2v" : "kling_o3_pro_t2v";
        }

        @Override
        public Integer call() {
            Resolved r = resolve();
            return show(r.model(), r.wire());
        }

        private <R extends VideoRequest> int show(BaseVideoModel<R> model, Map<String, Object> wire) {
            R request = model.request(wire);
            try (KlingClient local = ctx.localClient(livePrices())) {
                return show(model, () -> local.estimate(model, request), local.lint(model, request));
            }
        }

        /**
         * Shows what the command is for.
         *
         * @param estimate the estimate, made on demand ({@code lint} needs none, and so asks fal for nothing)
         */
        abstract int show(
                BaseVideoModel<?> model, java.util.function.Supplier<CostEstimate> estimate, List<Finding> findings);

        /** Whether an estimate may use fal's live prices. */
        boolean livePrices() {
            return true;
        }
    }

    @Command(
            name = "cost",
            description = {
                "Estimate what a generation would cost; submits nothing. With a key, the"
                        + " estimate uses fal's live prices (its pricing API, cached a day); --no-live-prices uses the dated table.",
                "Takes the input flags of the generation commands; the model defaults as they do."
            },
            footerHeading = "%nExample:%n",
            footer = "kling cost --model kling_o3_4k_t2v --duration 15 --audio --prompt \"a storm\"")
    static final class Cost extends AnyInput {
        @Option(
                names = "--no-live-prices",
                description =
                        "Estimate with kling4j's dated price table instead of fal's live prices (used by default with a key).")
        boolean noLivePrices;

        Cost(CliContext ctx) {
            super(ctx);
        }

        @Override
        boolean livePrices() {
            return !noLivePrices;
        }

        @Override
        int show(BaseVideoModel<?> model, java.util.function.Supplier<CostEstimate> estimated, List<Finding> findings) {
            CostEstimate estimate = estimated.get();
            if (!json) {
                estimate.priceNotice().ifPresent(n -> ctx.err().println("note: " + n));
            }
            ctx.out().println(json ? Reporter.toJson(Reporter.estimateFields(estimate)) : estimate.toString());
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "lint",
            description = {
                "Check a prompt's @-references (@Element1, @Image1, @Video1) against the inputs.",
                "Errors exit with 2; warnings are printed and exit 0. Sends nothing."
            },
            footerHeading = "%nExample:%n",
            footer = "kling lint --model kling_o3_pro_ref --element-front a.png --prompt \"@Element1 waves\"")
    static final class Lint extends AnyInput {
        Lint(CliContext ctx) {
            super(ctx);
        }

        @Override
        int show(BaseVideoModel<?> model, java.util.function.Supplier<CostEstimate> estimate, List<Finding> findings) {
            if (json) {
                ctx.out()
                        .println(Reporter.toJson(
                                findings.stream().map(Reporter::findingFields).toList()));
            } else if (findings.isEmpty()) {
                ctx.out().println("no findings: every @-reference matches an input of " + model.key());
            } else {
                findings.forEach(f -> ctx.out().println(f));
            }
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "models",
            description = {
                "List the models by category: key, price per second (audio off / on) and fal endpoint.",
                "The table fits 100 columns; `kling models info KEY` shows one model's fields."
            },
            footerHeading = "%nExamples:%n",
            footer = {"kling models", "kling models info kling_o3_pro_ref"})
    static final class Models implements Callable<Integer> {
        /** The table's width: it must read in a terminal of 100 columns. */
        static final int WIDTH = 100;

        private final CliContext ctx;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Models(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<BaseVideoModel<?>> all = ctx.models().all();
            if (json) {
                ctx.out()
                        .println(Reporter.toJson(
                                all.stream().map(InfoCommands::describe).toList()));
                ctx.out().flush();
                return ExitCodes.OK;
            }
            Map<Category, List<BaseVideoModel<?>>> byCategory = new LinkedHashMap<>();
            all.forEach(m -> byCategory
                    .computeIfAbsent(m.category(), c -> new ArrayList<>())
                    .add(m));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"MODEL KEY", "USD/S OFF / ON", "FAL ENDPOINT"});
            byCategory
                    .values()
                    .forEach(ms -> ms.forEach(m -> rows.add(new String[] {"  " + m.key(), prices(m), m.endpointId()})));
            List<String> lines = Table.render(rows, WIDTH);
            ctx.out().println(lines.get(0));
            int line = 1;
            for (Map.Entry<Category, List<BaseVideoModel<?>>> group : byCategory.entrySet()) {
                ctx.out().println(group.getKey().id() + " (kling " + Kling.commandFor(group.getKey()) + ")");
                for (int i = 0; i < group.getValue().size(); i++) {
                    ctx.out().println(lines.get(line++));
                }
            }
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "info", description = "Show one model: endpoint, category, tier, prices and the fields it takes.")
    static final class ModelInfo implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(paramLabel = "KEY", description = "Model key or endpoint id.")
        String key;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        ModelInfo(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            BaseVideoModel<?> m = ctx.models().get(key);
            if (json) {
                Map<String, Object> d = describe(m);
                d.put(
                        "fields",
                        m.fields().fields().values().stream().map(f -> field(f)).toList());
                ctx.out().println(Reporter.toJson(d));
            } else {
                ctx.out()
                        .println(m.key() + " (" + m.category().id() + ", "
                                + m.tier().id() + ")");
                ctx.out().println("  endpoint: " + m.endpointId());
                ctx.out().println("  price:    " + prices(m) + " USD/s (audio off / on)");
                ctx.out().println("  command:  kling " + Kling.commandFor(m.category()) + " --model " + m.key());
                ctx.out().println("  fields:");
                for (FieldSpec f : m.fields().fields().values()) {
                    String flag = InputFlags.flagOf(f.name());
                    ctx.out()
                            .printf(
                                    "    %-16s %-15s %-9s%s%s%s%n",
                                    f.name(),
                                    f.type().name().toLowerCase(Locale.ROOT),
                                    f.required() ? "required" : "",
                                    f.defaultIfAbsent()
                                            .map(v -> " default " + v)
                                            .orElse(""),
                                    f.values().isEmpty() ? "" : " one of " + f.values(),
                                    flag.isEmpty() ? "" : "  (" + flag + ")");
                }
            }
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> describe(BaseVideoModel<?> m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("key", m.key());
        d.put("category", m.category().id());
        d.put("tier", m.tier().id());
        d.put("endpoint_id", m.endpointId());
        Optional<PriceRow> row = PriceTable.standard().row(m.endpoint());
        d.put(
                "usd_per_second_audio_off",
                row.flatMap(PriceRow::audioOffRate)
                        .map(BigDecimal::toPlainString)
                        .orElse(null));
        d.put(
                "usd_per_second_audio_on",
                row.flatMap(PriceRow::audioOnRate)
                        .map(BigDecimal::toPlainString)
                        .orElse(null));
        return d;
    }

    private static Map<String, Object> field(FieldSpec f) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", f.name());
        d.put("type", f.type().name());
        d.put("required", f.required());
        d.put("default", f.defaultIfAbsent().orElse(null));
        d.put("values", f.values());
        d.put("flag", InputFlags.flagOf(f.name()));
        return d;
    }

    static String prices(BaseVideoModel<?> m) {
        Optional<PriceRow> row = PriceTable.standard().row(m.endpoint());
        return row.flatMap(PriceRow::audioOffRate)
                        .map(BigDecimal::toPlainString)
                        .orElse("n/a") + " / "
                + row.flatMap(PriceRow::audioOnRate)
                        .map(BigDecimal::toPlainString)
                        .orElse("n/a");
    }
}
