package dev.kling4j.core.error;

import java.util.Objects;

/**
 * One thing wrong with a request, found before anything was uploaded or submitted.
 *
 * @param field the field path, e.g. {@code elements[1].reference_image_urls} or {@code multi_prompt[0].prompt}
 * @param message what is wrong, e.g. {@code duration 20 is outside 3..15}
 * @param fix how to fix it, e.g. {@code use a whole number of seconds from 3 to 15}
 */
public record Problem(String field, String message, String fix) {

    /**
     * Validates the components.
     *
     * @param field the field path, e.g. {@code elements[1].reference_image_urls} or {@code multi_prompt[0].prompt}
     * @param message what is wrong, e.g. {@code duration 20 is outside 3..15}
     * @param fix how to fix it, e.g. {@code use a whole number of seconds from 3 to 15}
     */
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * The problem as one line: {@code field: message (fix)}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return field + ": " + message + " (" + fix + ")";
    }
}
