package dev.kling4j.cli;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Category;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The root {@code kling} command and the command tree. {@link #commandLine(CliContext)} builds it for a
 * context; {@link #run(CliContext, String...)} runs one command line and returns its exit code, with every
 * failure turned into a message (no stack trace) and a documented exit code.
 */
@Command(
        name = "kling",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Kling.Version.class,
        description = {
            "Generate videos with fal's Kling O3 models.",
            "Every generation prints its cost estimate before spending, journals its request id in $KLING_HOME/jobs"
                    + " (default ~/.kling/jobs) the moment fal accepts it, and can be resumed with `kling resume ID`.",
            "Needs FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET), except with --dry-run or --emulator.",
            "Help on a command: kling help COMMAND (or kling COMMAND --help)."
        },
        footerHeading = "%nExample:%n",
        footer = "kling generate --prompt \"A red fox runs through fresh snow\" --duration 5 --emulator")
public final class Kling implements Callable<Integer> {
    /** The widest help picocli is given: beyond it, lines get hard to read. */
    private static final int MAX_HELP_WIDTH = 120;
    /** picocli's own minimum. */
    private static final int MIN_HELP_WIDTH = 55;

    @Spec
    CommandSpec spec;

    private Kling() {}

    /** Without a command: the usage, as {@code kling --help} prints it. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut(), spec.commandLine().getColorScheme());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /**
     * The command tree for a context.
     *
     * @param ctx the environment, home directory and streams the commands use
     * @return the command line, with its handlers set
     */
    public static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, false);
    }

    private static CommandLine commandLine(CliContext ctx, boolean json) {
        CommandLine cl = new CommandLine(new Kling());
        cl.addSubcommand(new GenerateCommands.Generate(ctx));
        cl.addSubcommand(new GenerateCommands.GenerateRef(ctx));
        cl.addSubcommand(new GenerateCommands.Edit(ctx));
        cl.addSubcommand(new GenerateCommands.Reference(ctx));
        cl.addSubcommand(new InfoCommands.Cost(ctx));
        cl.addSubcommand(new InfoCommands.Lint(ctx));
        cl.addSubcommand(new CommandLine(new InfoCommands.Models(ctx)).addSubcommand(new InfoCommands.ModelInfo(ctx)));
        cl.addSubcommand(new JobCommands.Jobs(ctx));
        cl.addSubcommand(new JobCommands.Status(ctx));
        cl.addSubcommand(new JobCommands.Result(ctx));
        cl.addSubcommand(new JobCommands.Cancel(ctx));
        cl.addSubcommand(new JobCommands.Resume(ctx));
        cl.addSubcommand(new CommandLine(new WebhookCommands.Webhook()).addSubcommand(new WebhookCommands.Verify(ctx)));
        cl.addSubcommand(new Completion.Command(ctx));
        cl.addSubcommand(new CommandLine.HelpCommand());
        documentExitCodes(cl);
        int width = ctx.stdoutTerminal()
                ? Math.max(MIN_HELP_WIDTH, Math.min(MAX_HELP_WIDTH, ctx.width()))
                : Terminal.DEFAULT_WIDTH;
        layoutHelp(cl, width);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setColorScheme(Help.defaultColorScheme(ctx.stdoutColour() ? Help.Ansi.ON : Help.Ansi.OFF));
        // Prompts may start with '@' (@Element1 walks in): never read them as argument files.
        cl.setExpandAtFiles(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(BigDecimal.class, Kling::usd);
        cl.setParameterExceptionHandler((e, args) -> badUsage(ctx, json, e));
        cl.setExecutionExceptionHandler((e, line, parsed) -> Failures.report(ctx, json, e));
        return cl;
    }

    /**
     * Runs one command line.
     *
     * @param ctx the context
     * @param args the arguments, e.g. {@code generate --prompt "a fox" --emulator}
     * @return the exit code (see {@code kling --help})
     */
    public static int run(CliContext ctx, String... args) {
        boolean json = Arrays.asList(args).contains("--json");
        Optional<ArgvCheck.Garbled> garbled =
                ctx.rawArgs().flatMap(raw -> ArgvCheck.check(args, raw, ctx.argsCharset()));
        if (garbled.isPresent()) {
            return Failures.report(
                    ctx,
                    json,
                    CliException.usage(ArgvCheck.message(garbled.get(), args, ctx.argsCharset(), ctx.env())));
        }
        return commandLine(ctx, json).execute(args);
    }

    private static void documentExitCodes(CommandLine cl) {
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.HELP_LIST);
        cl.getSubcommands().values().forEach(Kling::documentExitCodes);
    }

    /** Help at the width, with examples laid out by {@link HelpLayout}, in every command of the tree. */
    private static void layoutHelp(CommandLine cl, int width) {
        cl.setUsageHelpWidth(width);
        cl.getHelpSectionMap()
                .put(
                        UsageMessageSpec.SECTION_KEY_FOOTER,
                        help -> HelpLayout.examples(
                                help.commandSpec().usageMessage().footer(),
                                help.commandSpec().usageMessage().width()));
        cl.getSubcommands().values().forEach(sub -> layoutHelp(sub, width));
    }

    private static BigDecimal usd(String value) {
        try {
            BigDecimal usd = new BigDecimal(value.trim().replace("$", ""));
            if (usd.signum() > 0) {
                return usd;
            }
        } catch (NumberFormatException e) {
            // Reported below, in words.
        }
        throw new CommandLine.TypeConversionException(
                "'" + value + "' is not an amount of USD: write e.g. --max-cost 2.50");
    }

    static String commandFor(Category category) {
        switch (category) {
            case IMAGE_TO_VIDEO:
            case TEXT_TO_VIDEO:
                return "generate";
            case REFERENCE_TO_VIDEO:
                return "generate-ref";
            case VIDEO_TO_VIDEO_EDIT:
                return "edit";
            default:
                return "reference";
        }
    }

    private static int badUsage(CliContext ctx, boolean json, ParameterException e) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        List<String> hints = new ArrayList<>();
        if (e instanceof UnmatchedArgumentException) {
            UnmatchedArgumentException u = (UnmatchedArgumentException) e;
            message = unmatched(cl, u);
            hints.addAll(otherCommands(u));
        } else if (message.startsWith("Unknown subcommand '")) {
            // kling help genrate: picocli's HelpCommand reports it against the command whose subcommand was asked.
            CommandLine parent = cl.getCommand() instanceof CommandLine.HelpCommand ? cl.getParent() : cl;
            message = unknownCommand(message.replaceAll("^Unknown subcommand '(.*)'\\.?$", "$1"), parent);
            name = parent.getCommandSpec().qualifiedName();
        }
        PrintWriter err = ctx.err();
        err.println(ctx.style().error("error:") + " " + message);
        hints.forEach(err::println);
        err.println("see: " + name + " --help");
        err.flush();
        if (json) {
            ctx.out().println(Reporter.toJson(Failures.errorFields(ExitCodes.USAGE, message, null)));
            ctx.out().flush();
        }
        return ExitCodes.USAGE;
    }

    /** An unknown command or option, with the nearest existing ones. */
    private static String unmatched(CommandLine cl, UnmatchedArgumentException u) {
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        if (first.startsWith("-")) {
            String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            List<String> names = new ArrayList<>();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (!o.hidden()) {
                    names.addAll(Arrays.asList(o.names()));
                }
            }
            List<String> close = Suggest.closest(option, names);
            return "unknown option " + option + " for " + cl.getCommandSpec().qualifiedName()
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?");
        }
        if (!cl.getSubcommands().isEmpty()) {
            return unknownCommand(first, cl);
        }
        return "unexpected argument '" + first + "' for " + cl.getCommandSpec().qualifiedName()
                + (first.contains(" ")
                        ? " (a value with spaces belongs in quotes after its option, e.g. --prompt \"…\")"
                        : "");
    }

    private static String unknownCommand(String asked, CommandLine parent) {
        List<String> close = Suggest.closest(asked, parent.getSubcommands().keySet());
        return "unknown command '" + asked + "'"
                + (close.isEmpty()
                        ? ""
                        : "; did you mean "
                                + String.join(
                                        " or ",
                                        close.stream()
                                                .map(c ->
                                                        parent.getCommandSpec().qualifiedName() + " " + c)
                                                .toList())
                                + "?");
    }

    /** For an option this command lacks, names the sibling commands that have it (e.g. elements: generate-ref). */
    private static List<String> otherCommands(UnmatchedArgumentException e) {
        List<String> hints = new ArrayList<>();
        CommandLine parent = e.getCommandLine().getParent();
        if (parent == null) {
            return hints;
        }
        for (String arg : e.getUnmatched()) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!option.startsWith("-")) {
                continue;
            }
            List<String> having = new ArrayList<>();
            for (Map.Entry<String, CommandLine> sub : parent.getSubcommands().entrySet()) {
                if (sub.getValue().getCommandSpec().findOption(option) != null) {
                    having.add(sub.getKey());
                }
            }
            if (!having.isEmpty()) {
                hints.add("hint: " + option + " is not an option of "
                        + e.getCommandLine().getCommandName() + "; it belongs to: " + String.join(", ", having));
            }
        }
        return hints;
    }

    /** The version shown by {@code kling --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kling " + KlingClient.version()};
        }
    }
}
