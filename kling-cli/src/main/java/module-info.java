/**
 * The {@code kling} command-line program ({@code dev.kling4j.cli.Main}). A program, not a library: it exports
 * nothing. Its models come from whichever category modules are present, as
 * {@link dev.kling4j.core.model.ModelProvider} services.
 */
module dev.kling4j.cli {
    requires dev.kling4j.core;
    // The --emulator option embeds the fal emulator.
    requires dev.kling4j.testkit;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    // picocli reads and sets the annotated fields and methods of the commands reflectively.
    opens dev.kling4j.cli to
            info.picocli;
}
