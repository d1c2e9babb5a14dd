package dev.kling4j.cli;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.BaseVideoModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * A command that builds a request from input flags: it declares which flag groups it has, which model
 * categories it runs, and its default model; the mapping of flags to fal's fields is {@link InputFlags}'.
 */
abstract class InputCommand implements Callable<Integer> {
    final CliContext ctx;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "KEY",
            description = "Model key or endpoint id (see `kling models`); the default is in the description above.")
    String model;

    InputCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The flag groups of this command. */
    abstract List<InputFlags.WireFlags> flags();

    /** The categories whose models this command runs. */
    abstract Set<Category> categories();

    /** The model used without --model, given what the user passed. */
    abstract String defaultModel(Map<String, Object> wire);

    /** The model to run and the wire-named values for it. */
    Resolved resolve() {
        String key = model;
        Inputs inputs = new Inputs(ctx);
        if (key == null) {
            Map<String, Object> guess = new LinkedHashMap<>();
            BaseVideoModel<?> any = ctx.models().get(defaultModel(Map.of()));
            flags().forEach(f -> f.addTo(guess, any.fields(), inputs));
            key = defaultModel(guess);
        }
        BaseVideoModel<?> m = ctx.models().get(key);
        if (!categories().contains(m.category())) {
            throw CliException.usage("--model " + key + " is a " + m.category().id() + " model: run it with `kling "
                    + Kling.commandFor(m.category()) + "`");
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        for (InputFlags.WireFlags f : flags()) {
            f.addTo(wire, m.fields(), inputs);
        }
        return new Resolved(m, wire);
    }

    /** A model and its wire-named input values. */
    record Resolved(BaseVideoModel<?> model, Map<String, Object> wire) {}
}
