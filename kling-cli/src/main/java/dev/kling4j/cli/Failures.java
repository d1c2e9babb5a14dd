package dev.kling4j.cli;

import dev.kling4j.core.error.BudgetExceededException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.error.UnknownModelException;
import dev.kling4j.core.pricing.CostEstimate;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failure ends a command: an {@code error:} message on stderr in the CLI's own words (flags, not Java
 * names), the request id and the rescue command once fal has the job, and with {@code --json} one last
 * object on stdout: {@code {"event":"error","outcome":…,"error":…,"exit_code":…,"request_id":…}}.
 */
final class Failures {
    /** A problem inside one {@code --shot}: {@code multi_prompt[1].duration} is the second one's. */
    private static final Pattern SHOT = Pattern.compile("multi_prompt\\[(\\d+)\\].*");

    private Failures() {}

    /**
     * Reports a failure.
     *
     * @param ctx the context (streams, colours)
     * @param json whether stdout speaks JSON
     * @param e the failure
     * @return its exit code
     */
    static int report(CliContext ctx, boolean json, Throwable e) {
        int code = ExitCodes.of(e);
        List<Problem> problems = problemsOf(e);
        String message = e instanceof InvalidRequestException ? "invalid input, nothing was sent:" : messageOf(e);
        Optional<String> requestId = requestIdOf(e);
        Optional<String> rescue = e instanceof CliException ? ((CliException) e).rescue() : Optional.empty();
        PrintWriter err = ctx.err();
        Style style = ctx.style();
        err.println(style.error("error:") + " " + message);
        for (Problem p : problems) {
            err.println("  " + label(p) + ": " + InputFlags.inFlags(p.message()) + "\n      fix: "
                    + InputFlags.inFlags(p.fix()));
        }
        requestId.ifPresent(id -> err.println("  request id: " + id));
        rescue.ifPresent(r -> err.println("  to fetch the video: " + r));
        if (code == ExitCodes.UNEXPECTED) {
            err.println("  (" + e.getClass().getName() + "; please report this)");
        }
        err.flush();
        if (json) {
            Map<String, Object> m = errorFields(code, message, requestId.orElse(null));
            rescue.ifPresent(r -> m.put("rescue", r));
            if (!problems.isEmpty()) {
                m.put("problems", problems.stream().map(Failures::problemFields).toList());
            }
            ctx.out().println(Reporter.toJson(m));
            ctx.out().flush();
        }
        return code;
    }

    /** The fields every {@code --json} error object starts with. */
    static Map<String, Object> errorFields(int code, String message, String requestId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "error");
        m.put("outcome", ExitCodes.outcome(code));
        m.put("error", message);
        m.put("exit_code", code);
        if (requestId != null) {
            m.put("request_id", requestId);
        }
        return m;
    }

    private static List<Problem> problemsOf(Throwable e) {
        if (e instanceof InvalidRequestException) {
            return ((InvalidRequestException) e).problems();
        }
        if (e instanceof CliException) {
            return ((CliException) e).problemList();
        }
        return List.of();
    }

    private static Optional<String> requestIdOf(Throwable e) {
        if (e instanceof CliException) {
            return ((CliException) e).requestId();
        }
        if (e instanceof KlingException) {
            return ((KlingException) e).requestId();
        }
        if (e instanceof JobCancelledException) {
            return ((JobCancelledException) e).requestId(); // a CancellationException, outside KlingException
        }
        return Optional.empty();
    }

    /** A failure's message in the CLI's terms. */
    static String messageOf(Throwable e) {
        if (e instanceof BudgetExceededException) {
            return budgetMessage((BudgetExceededException) e) + "; nothing was sent";
        }
        if (e instanceof UnknownModelException) {
            UnknownModelException u = (UnknownModelException) e;
            return "no model '" + u.asked() + "'"
                    + (u.closeMatches().isEmpty() ? "" : "; did you mean " + String.join(", ", u.closeMatches()) + "?")
                    + " (list them with: kling models)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A budget refusal in flags: what the estimate is, against which {@code --max-cost}, and what to change. */
    static String budgetMessage(BudgetExceededException e) {
        CostEstimate estimate = e.estimate();
        String cap = e.limit().toPlainString() + " " + estimate.currency();
        if (estimate.isKnown()) {
            return "the estimate, " + estimate.total().orElseThrow().toPlainString() + " " + estimate.currency()
                    + ", is over --max-cost " + cap + " (" + estimate + "): shorten --duration, drop --audio,"
                    + " pick a cheaper --model or raise --max-cost";
        }
        return "the cost cannot be estimated (" + estimate.unknownReason().orElse("unknown") + "), so --max-cost " + cap
                + " cannot be shown to hold: give --duration (or a local --video) so that it can be, or drop --max-cost";
    }

    /**
     * {@code --duration (duration)} for a field, {@code --shot #2 (multi_prompt[1].duration)} for a part of a
     * repeated flag, the flag alone for a CLI-level problem.
     */
    static String label(Problem p) {
        if (p.field().startsWith("--")) {
            return p.field();
        }
        String flag = InputFlags.flagOf(p.field());
        Matcher shot = SHOT.matcher(p.field());
        if (shot.matches()) {
            flag += " #" + (Integer.parseInt(shot.group(1)) + 1);
        }
        return (flag.isEmpty() ? "" : flag + " ") + "(" + p.field() + ")";
    }

    static Map<String, Object> problemFields(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean cliLevel = p.field().startsWith("--");
        m.put("field", cliLevel ? null : p.field());
        String flag = cliLevel ? p.field() : InputFlags.flagOf(p.field());
        m.put("flag", flag.isEmpty() ? null : flag);
        m.put("message", InputFlags.inFlags(p.message()));
        m.put("fix", InputFlags.inFlags(p.fix()));
        return m;
    }
}
