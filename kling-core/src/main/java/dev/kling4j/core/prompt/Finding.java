package dev.kling4j.core.prompt;

import dev.kling4j.core.error.Problem;
import java.util.Objects;

/**
 * One thing the {@link ReferenceLinter} found: an error (fal would fail or misread the request) or a
 * warning (probably not what the writer meant).
 *
 * @param severity how serious it is
 * @param field the field path: {@code prompt}, {@code multi_prompt[2].prompt}, or for an element or image no
 *     prompt names, {@code elements[1]} or {@code image_urls[0]}
 * @param start the index of the reference's first character in the prompt, or -1 when the finding is about
 *     a supplied element or image rather than a place in a prompt
 * @param end the index after the reference's last character, or -1 like {@code start}
 * @param reference the reference as written ({@code @element1}), or the one expected for an unnamed element
 *     or image ({@code @Element2})
 * @param message what is wrong
 * @param fix how to fix it
 */
public record Finding(
        Severity severity, String field, int start, int end, String reference, String message, String fix) {

    /** How serious a finding is. */
    public enum Severity {
        /** fal would refuse or misread the request: fix it before submitting. */
        ERROR,
        /** Probably a mistake, but the request can run. */
        WARNING
    }

    /**
     * Validates the components.
     *
     * @param severity how serious it is
     * @param field the field path: {@code prompt}, {@code multi_prompt[2].prompt}, or for an element or image no prompt names, {@code elements[1]} or {@code image_urls[0]}
     * @param start the index of the reference's first character in the prompt, or -1 when the finding is about a supplied element or image rather than a place in a prompt
     * @param end the index after the reference's last character, or -1 like {@code start}
     * @param reference the reference as written ({@code @element1}), or the one expected for an unnamed element or image ({@code @Element2})
     * @param message what is wrong
     * @param fix how to fix it
     */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * Whether this is an error.
     *
     * @return true for {@link Severity#ERROR}
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The finding as a request {@link Problem}, for validators that report every problem at once.
     *
     * @return a problem with the same field path; the message carries the position when there is one
     */
    public Problem toProblem() {
        String where = start < 0 ? "" : " (characters " + start + ".." + end + ")";
        return new Problem(field, message + where, fix);
    }

    /**
     * The finding as one line: {@code WARNING multi_prompt[1].prompt 4..13 @element1: message (fix)}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return severity + " " + field + (start < 0 ? "" : " " + start + ".." + end) + " " + reference + ": " + message
                + " (" + fix + ")";
    }
}
