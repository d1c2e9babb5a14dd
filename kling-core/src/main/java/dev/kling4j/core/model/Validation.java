package dev.kling4j.core.model;

/**
 * How strictly a request is held to the endpoint table when it is built.
 *
 * <p>Every problem {@link RequestValidator} finds is one of two kinds:
 * <ul>
 *   <li><b>past the table</b>: a choice the table does not list ({@code aspect_ratio "4:3"}), a number past
 *       one of its limits (a 20 s duration, 7 storyboard shots, a 3,000-character prompt, 4 reference images
 *       in an element), or an extra body property named like a field kling4j models (it is then sent in
 *       place of that field). fal may take these after it moves on and before kling4j does;</li>
 *   <li><b>structural</b>: a value of the wrong kind, a required field left out, a field the category does
 *       not take, a prompt together with a storyboard, an end frame without a start frame, an
 *       {@code @}-reference to nothing. No version of fal's API takes these.</li>
 * </ul>
 * {@link #STRICT} refuses both; {@link #LENIENT} refuses structural problems only and keeps the others as
 * warnings on the request ({@link VideoRequest#warnings()}), sending the values as they are for fal to
 * decide.
 */
public enum Validation {
    /** Every problem is an error: the request is refused before anything is uploaded or sent. The default. */
    STRICT,
    /**
     * Values past the endpoint table are warnings kept on the request and sent as they are; structural problems
     * are still errors. For when fal has moved on before kling4j (or its table) has.
     */
    LENIENT
}
