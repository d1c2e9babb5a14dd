package dev.kling4j.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * fal rejected the input (usually 422 Unprocessable Entity): {@link #fieldErrors()} lists each problem
 * with the field location and fal's message. Both shapes of fal's {@code detail} are understood: a list of
 * {@code {loc, msg, type}} objects, or a plain string (then one error with an empty location).
 *
 * <p>fal often reports invalid input only when the result is fetched, after the job ran; the exception
 * then carries the job's request id.
 */
public class UnprocessableEntityException extends FalServiceException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> fieldErrors;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param details what fal answered
     * @param fieldErrors each problem fal named, in fal's order
     */
    public UnprocessableEntityException(String message, ServiceErrorDetails details, List<FieldError> fieldErrors) {
        super(message, details);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /**
     * Each problem fal reported, in fal's order.
     *
     * @return an unmodifiable list, possibly empty (for example after deserialization)
     */
    public List<FieldError> fieldErrors() {
        return fieldErrors == null ? List.of() : fieldErrors;
    }

    /**
     * One problem with one field of the input.
     *
     * @param location the path of the field, as fal gives it (for example {@code ["body", "duration"]});
     *     empty when fal named no field
     * @param message fal's message
     * @param type fal's error type for this field (for example {@code value_error}), or an empty string
     */
    public record FieldError(List<String> location, String message, String type) {
        /**
         * Copies the location and replaces {@code null}s with empty values.
         *
         * @param location the field path
         * @param message the message
         * @param type the type
         */
        public FieldError {
            location = location == null ? List.of() : List.copyOf(location);
            message = message == null ? "" : message;
            type = type == null ? "" : type;
        }

        /**
         * The location joined with dots, without fal's leading {@code body} segment
         * (for example {@code duration} or {@code elements.0.image_url}).
         *
         * @return the field path, or an empty string
         */
        public String path() {
            List<String> loc = !location.isEmpty() && location.get(0).equals("body")
                    ? location.subList(1, location.size())
                    : location;
            return String.join(".", loc);
        }

        @Override
        public String toString() {
            return path().isEmpty() ? message : path() + ": " + message;
        }
    }

    /**
     * Formats field errors as {@code "field: message; field: message"}.
     *
     * @param errors the errors
     * @return the summary
     */
    public static String summarize(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
