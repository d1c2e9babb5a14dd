package dev.kling4j.cli;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.Problem;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The root {@code kling} command and the command tree. {@link #commandLine(CliContext)} builds it for a
 * context; {@link #run(CliContext, String...)} runs one command line and returns its exit code, with every
 * failure turned into a message (no stack trace) and a documented exit code.
 */
@Command(name = "kling", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Kling.Version.class,
        description = {"Generate videos with fal's Kling O3 models.",
            "Every generation prints its cost estimate before spending, journals its request id in $KLING_HOME/jobs",
            "(default ~/.kling/jobs) the moment fal accepts it, and can be resumed with `kling resume ID`.",
            "Needs FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET), except with --dry-run or --emulator."},
        footerHeading = "%nExample:%n",
        footer = "  kling generate --prompt \"A red fox runs through fresh snow\" --duration 5 --emulator")
public final class Kling implements Runnable {
    @Spec
    CommandSpec spec;

    private Kling() {}

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a command, e.g. kling generate --prompt \"…\" (see kling --help)");
    }

    /**
     * The command tree for a context.
     *
     * @param ctx the environment, home directory and streams the commands use
     * @return the command line, with its handlers set
     */
    public static CommandLine commandLine(CliContext ctx) {
        CommandLine cl = new CommandLine(new Kling());
        cl.addSubcommand(new GenerateCommands.Generate(ctx));
        cl.addSubcommand(new GenerateCommands.GenerateRef(ctx));
        cl.addSubcommand(new GenerateCommands.Edit(ctx));
        cl.addSubcommand(new GenerateCommands.Reference(ctx));
        cl.addSubcommand(new InfoCommands.Cost(ctx));
        cl.addSubcommand(new InfoCommands.Lint(ctx));
        cl.addSubcommand(new CommandLine(new InfoCommands.Models(ctx))
                .addSubcommand(new InfoCommands.ModelInfo(ctx)));
        cl.addSubcommand(new JobCommands.Jobs(ctx));
        cl.addSubcommand(new JobCommands.Status(ctx));
        cl.addSubcommand(new JobCommands.Result(ctx));
        cl.addSubcommand(new JobCommands.Cancel(ctx));
        cl.addSubcommand(new JobCommands.Resume(ctx));
        cl.addSubcommand(new CommandLine(new WebhookCommands.Webhook())
                .addSubcommand(new WebhookCommands.Verify(ctx)));
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false).footerHeading("%nExample:%n")
                .footer("  source <(kling completion)    # in ~/.bashrc or ~/.zshrc");
        cl.addSubcommand("completion", completion);
        documentExitCodes(cl);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(BigDecimal.class, Kling::usd);
        cl.setParameterExceptionHandler(Kling::badUsage);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failed(e, line.getErr()));
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
        return commandLine(ctx).execute(args);
    }

    private static void documentExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP_LIST);
        cl.getSubcommands().values().forEach(Kling::documentExitCodes);
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
        throw new CommandLine.TypeConversionException("'" + value + "' is not an amount of USD: use e.g. 2.50");
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

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        if (e instanceof UnmatchedArgumentException) {
            hintOtherCommands((UnmatchedArgumentException) e, err);
        }
        err.println("see: " + cl.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** For an option this command lacks, names the sibling commands that have it (e.g. elements: generate-ref). */
    private static void hintOtherCommands(UnmatchedArgumentException e, PrintWriter err) {
        CommandLine parent = e.getCommandLine().getParent();
        if (parent == null) {
            return;
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
                err.println("hint: " + option + " is not an option of " + e.getCommandLine().getCommandName()
                        + "; it belongs to: " + String.join(", ", having));
            }
        }
    }

    static int failed(Exception e, PrintWriter err) {
        int code = ExitCodes.of(e);
        if (e instanceof InvalidRequestException) {
            err.println("error: invalid input, nothing was sent:");
            for (Problem p : ((InvalidRequestException) e).problems()) {
                String flag = InputFlags.flagOf(p.field());
                err.println("  " + (flag.isEmpty() ? "" : flag + " ") + "(" + p.field() + "): " + p.message()
                        + "\n      fix: " + p.fix());
            }
        } else {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("error: " + message);
            if (e instanceof KlingException && ((KlingException) e).requestId().isPresent()
                    && code == ExitCodes.FAL_ERROR) {
                err.println("  request id " + ((KlingException) e).requestId().get());
            }
            if (code == ExitCodes.UNEXPECTED) {
                err.println("  (" + e.getClass().getName() + "; please report this)");
            }
        }
        err.flush();
        return code;
    }

    /** The version shown by {@code kling --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kling " + KlingClient.version()};
        }
    }
}
