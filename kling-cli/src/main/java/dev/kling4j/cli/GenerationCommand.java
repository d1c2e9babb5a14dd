package dev.kling4j.cli;

import picocli.CommandLine.Mixin;

/** A command that generates a video: input flags plus the shared {@link RunOptions}. */
abstract class GenerationCommand extends InputCommand {
    @Mixin
    RunOptions run;

    GenerationCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        Resolved r = resolve();
        return Generation.run(ctx, r.model(), r.wire(), run);
    }
}
