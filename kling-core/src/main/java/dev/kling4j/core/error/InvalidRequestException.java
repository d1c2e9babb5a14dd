package dev.kling4j.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request kling4j refused before spending anything: every problem found, each with its field path and
 * how to fix it. Nothing was uploaded or submitted.
 */
public class InvalidRequestException extends RequestNotSentException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param problems every problem found; at least one
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public InvalidRequestException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in the order the request's fields were checked.
     *
     * @return an immutable, non-empty list
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRequestException needs at least one problem");
        }
        String noun = problems.size() == 1 ? "problem" : "problems";
        return "invalid request, " + problems.size() + " " + noun + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
