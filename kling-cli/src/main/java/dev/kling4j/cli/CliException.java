package dev.kling4j.cli;

import dev.kling4j.core.error.Problem;
import java.util.List;
import java.util.Optional;

/**
 * A refusal or failure the CLI reports itself: the exit code it ends the command with, a message for the
 * user, and, once fal has accepted the job, its request id and the exact command that rescues it.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String requestId;
    private final String rescue;
    private final transient List<Problem> problems;

    CliException(int exitCode, String message) {
        this(exitCode, message, null, null, null);
    }

    CliException(int exitCode, String message, String requestId, String rescue, Throwable cause) {
        this(exitCode, message, requestId, rescue, cause, List.of());
    }

    private CliException(
            int exitCode, String message, String requestId, String rescue, Throwable cause, List<Problem> problems) {
        super(message, cause);
        this.exitCode = exitCode;
        this.requestId = requestId;
        this.rescue = rescue;
        this.problems = List.copyOf(problems);
    }

    /** A refusal listing problems, each with its flag, as invalid input is listed. */
    static CliException problems(String heading, List<Problem> problems) {
        return new CliException(ExitCodes.USAGE, heading, null, null, null, problems);
    }

    List<Problem> problemList() {
        return problems;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }

    Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The command that fetches the job's video after this failure, e.g. {@code kling resume ID --output PATH}. */
    Optional<String> rescue() {
        return Optional.ofNullable(rescue);
    }
}
