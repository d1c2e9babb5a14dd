package dev.kling4j.cli;

import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.MissingCredentialsException;
import dev.kling4j.core.error.ValidationException;
import dev.kling4j.core.model.UnknownModelException;
import dev.kling4j.core.pricing.BudgetExceededException;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The documented exit codes and which failure ends with which. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Something unexpected (a bug): the message says what. */
    static final int UNEXPECTED = 1;
    /** Bad usage or invalid input; nothing was sent, nothing was spent. */
    static final int USAGE = 2;
    /** fal answered with an error, or could not be reached. */
    static final int FAL_ERROR = 3;
    /** The job ran and failed (or fal refused its input at result time). */
    static final int JOB_FAILED = 4;
    /** The deadline passed (or, for {@code result}, the job has not finished yet). */
    static final int DEADLINE = 5;
    /** Interrupted (Ctrl-C) or cancelled. */
    static final int INTERRUPTED = 130;

    /** The list shown in every command's {@code --help}. */
    static final Map<String, String> HELP_LIST = helpList();

    private ExitCodes() {}

    static int of(Throwable t) {
        if (t instanceof CliException) {
            return ((CliException) t).exitCode();
        }
        if (t instanceof InvalidRequestException || t instanceof UnknownModelException
                || t instanceof BudgetExceededException || t instanceof MissingCredentialsException
                || t instanceof NoSuchFileException) {
            return USAGE;
        }
        if (t instanceof JobFailedException || t instanceof ValidationException) {
            return JOB_FAILED;
        }
        if (t instanceof DeadlineExceededException) {
            return DEADLINE;
        }
        if (t instanceof JobCancelledException) {
            return INTERRUPTED;
        }
        if (t instanceof KlingException) {
            return FAL_ERROR;
        }
        return UNEXPECTED;
    }

    private static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "done");
        m.put("2", "bad usage or invalid input (nothing sent)");
        m.put("3", "fal error (service or connection)");
        m.put("4", "the job failed");
        m.put("5", "deadline passed (or not finished yet, for result)");
        m.put("130", "interrupted or cancelled");
        return Collections.unmodifiableMap(m);
    }
}
