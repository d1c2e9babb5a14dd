package dev.kling4j.cli;

/** The {@code kling} program: runs one command and exits with its code at once (nothing left running). */
public final class Main {
    private Main() {}

    /**
     * Runs the command line and exits.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // The jar ships no SLF4J binding: use slf4j-api's own no-op provider, quietly (no "no providers" warning).
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        int code = Kling.run(CliContext.system(), args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
