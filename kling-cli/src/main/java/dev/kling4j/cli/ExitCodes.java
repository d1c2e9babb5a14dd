package dev.kling4j.cli;

import dev.kling4j.core.error.DeadlineExceededException;
import dev.kling4j.core.error.JobCancelledException;
import dev.kling4j.core.error.JobFailedException;
import dev.kling4j.core.error.JobOutcomeException;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.RequestNotSentException;
import dev.kling4j.core.error.UnprocessableEntityException;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented exit codes: one per outcome, the same in every command, and which failure ends with which.
 * The README's table and every command's {@code --help} list them from here.
 */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Something unexpected (a bug): the message says what. */
    static final int UNEXPECTED = 1;
    /** Refused before anything was sent: bad usage, invalid input, a local check, the budget, no key. */
    static final int USAGE = 2;
    /** fal answered with an error, or could not be reached: what happened to the job is not known. */
    static final int FAL_ERROR = 3;
    /** The job ran and failed at fal (or fal refused its input at result time). */
    static final int JOB_FAILED = 4;
    /** Not finished: a deadline passed, or {@code result} found the job still running. */
    static final int NOT_FINISHED = 5;
    /** The job was cancelled at fal. */
    static final int CANCELLED = 6;
    /** fal made the video but it could not be written here; the message prints the command that fetches it. */
    static final int NOT_SAVED = 7;
    /** Interrupted (Ctrl-C). */
    static final int INTERRUPTED = 130;

    /** The list shown in every command's {@code --help}. */
    static final Map<String, String> HELP_LIST = helpList();

    private ExitCodes() {}

    /**
     * The exit code of a failure, by kling4j's error groups: not sent (2), transport or fal's answer (3), the
     * job's own outcome (4 failed, 5 deadline, 6 cancelled; a submit whose answer was lost is 3, since the
     * job's fate is unknown), a cancelled wait (6).
     */
    static int of(Throwable t) {
        if (t instanceof CliException) {
            return ((CliException) t).exitCode();
        }
        if (t instanceof RequestNotSentException || t instanceof NoSuchFileException) {
            return USAGE;
        }
        if (t instanceof JobOutcomeException) {
            return ofOutcome((JobOutcomeException) t);
        }
        if (t instanceof UnprocessableEntityException) {
            return JOB_FAILED; // fal reports a job's refused input when its result is fetched
        }
        if (t instanceof JobCancelledException) {
            return CANCELLED;
        }
        if (t instanceof KlingException) {
            return FAL_ERROR; // transport, fal's other answers, a webhook that fails verification
        }
        return UNEXPECTED;
    }

    private static int ofOutcome(JobOutcomeException e) {
        if (e instanceof JobFailedException) {
            return isCancel((JobFailedException) e) ? CANCELLED : JOB_FAILED;
        }
        if (e instanceof DeadlineExceededException) {
            return NOT_FINISHED;
        }
        return FAL_ERROR; // SubmitOutcomeUnknownException: the job may exist; resume or check before resubmitting
    }

    /** Whether a failed job was in fact cancelled (fal ends a cancelled request as failed, client_cancelled). */
    static boolean isCancel(JobFailedException e) {
        return e.errorType().filter("client_cancelled"::equals).isPresent();
    }

    /** The outcome's name in {@code --json} error objects. */
    static String outcome(int code) {
        switch (code) {
            case OK:
                return "done";
            case USAGE:
                return "refused";
            case FAL_ERROR:
                return "fal_error";
            case JOB_FAILED:
                return "job_failed";
            case NOT_FINISHED:
                return "not_finished";
            case CANCELLED:
                return "cancelled";
            case NOT_SAVED:
                return "not_saved";
            case INTERRUPTED:
                return "interrupted";
            default:
                return "unexpected";
        }
    }

    private static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "done");
        m.put("1", "unexpected error (a bug; please report it)");
        m.put("2", "refused before anything was sent (usage, input, local checks, budget, key)");
        m.put("3", "fal error or no connection: the job's fate is unknown (resume it)");
        m.put("4", "the job failed at fal");
        m.put("5", "not finished: deadline passed, or still running (for result)");
        m.put("6", "the job was cancelled at fal");
        m.put("7", "the video could not be saved here (the rescue command is printed)");
        m.put("130", "interrupted (Ctrl-C)");
        return Collections.unmodifiableMap(m);
    }
}
