package dev.kling4j.core.model;

import dev.kling4j.core.OpenEnum;
import java.util.List;

/**
 * How a video is cut into shots ({@code shot_type}): the values fal takes today as constants, and any other
 * text kept exactly as given (an open enum), so that a value fal adds later can be sent before kling4j knows
 * it.
 *
 * <p>Which category takes which value is the endpoint table's to say: image-, text- and reference-to-video
 * take {@code customize} (fal's default) and {@code intelligent}; video-to-video takes {@code customize} only.
 * A value the table does not list for the request's category is refused by {@link Validation#STRICT}
 * validation, with the choices, and sent as it is with a warning by {@link Validation#LENIENT} validation.
 */
public final class ShotType extends OpenEnum {
    /** {@code customize}: the shots as the prompt or storyboard describes them; fal's default. */
    public static final ShotType CUSTOMIZE = new ShotType("customize");
    /** {@code intelligent}: Kling chooses the cuts (image-, text- and reference-to-video). */
    public static final ShotType INTELLIGENT = new ShotType("intelligent");

    private static final List<ShotType> KNOWN = List.of(CUSTOMIZE, INTELLIGENT);

    private ShotType(String value) {
        super(value);
    }

    /**
     * The shot type for a text: a constant when the text is exactly one of theirs, else a new value keeping
     * the text as it is.
     *
     * @param value e.g. {@code intelligent}
     * @return the shot type
     */
    public static ShotType of(String value) {
        return lookupExact(value, KNOWN, ShotType::new);
    }
}
