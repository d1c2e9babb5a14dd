package dev.kling4j.core.model;

import dev.kling4j.core.OpenEnum;
import java.util.List;

/**
 * The frame shape of a generated video ({@code aspect_ratio}): the values fal takes today as constants, and
 * any other text kept exactly as given (an open enum), so that a ratio fal adds later can be sent before
 * kling4j knows it.
 *
 * <p>Which category takes which ratio is the endpoint table's to say, not this class's: text-to-video and
 * reference-to-video take {@code 16:9} (fal's default), {@code 9:16} and {@code 1:1}; video-to-video reference
 * also takes {@code auto} (its default: follow the source video). A ratio the table does not list for the
 * request's category is refused by {@link Validation#STRICT} validation, with the choices, and sent as it is
 * with a warning by {@link Validation#LENIENT} validation (or accepted by a table that lists it, see
 * {@link dev.kling4j.core.catalog.Catalog#load(java.nio.file.Path)}).
 *
 * <pre>{@code
 * TextToVideoRequest.builder().prompt("A fox").aspectRatio(AspectRatio.PORTRAIT_9_16).build();
 * TextToVideoRequest.builder().prompt("A fox").aspectRatio("4:3").validation(Validation.LENIENT).build();
 * }</pre>
 */
public final class AspectRatio extends OpenEnum {
    /** {@code 16:9}, landscape: fal's default for text- and reference-to-video. */
    public static final AspectRatio LANDSCAPE_16_9 = new AspectRatio("16:9");
    /** {@code 9:16}, portrait. */
    public static final AspectRatio PORTRAIT_9_16 = new AspectRatio("9:16");
    /** {@code 1:1}, square. */
    public static final AspectRatio SQUARE_1_1 = new AspectRatio("1:1");
    /** {@code auto}: follow the source video (video-to-video reference only, and its default). */
    public static final AspectRatio AUTO = new AspectRatio("auto");

    private static final List<AspectRatio> KNOWN = List.of(LANDSCAPE_16_9, PORTRAIT_9_16, SQUARE_1_1, AUTO);

    private AspectRatio(String value) {
        super(value);
    }

    /**
     * The ratio for a text: a constant when the text is exactly one of theirs, else a new value keeping the
     * text as it is.
     *
     * @param value e.g. {@code 16:9}
     * @return the ratio
     */
    public static AspectRatio of(String value) {
        return lookupExact(value, KNOWN, AspectRatio::new);
    }
}
