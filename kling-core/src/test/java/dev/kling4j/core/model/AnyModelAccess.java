package dev.kling4j.core.model;

import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.media.Media;
import java.util.Map;

/** Lets tests outside this package build a request through the generic path of any endpoint. */
public final class AnyModelAccess {
    private AnyModelAccess() {}

    /**
     * Builds a request of the endpoint with this key from wire-named values.
     *
     * @param key a model key
     * @param values the values
     * @return the validated input
     */
    public static VideoInput request(String key, Map<String, ?> values) {
        return AnyModel.of(key).request(values).input();
    }

    /**
     * The wire body fal would receive for a validated input, each media given as the text that names it (its URL,
     * data URI or path), so that the body can be read back through {@link #request}.
     *
     * @param key a model key
     * @param input a validated input
     * @return the body, as maps and lists
     */
    public static Map<String, Object> wire(String key, VideoInput input) {
        AnyModel model = AnyModel.of(key);
        return model.toWire(model.unchecked(input), AnyModelAccess::text);
    }

    /**
     * What the endpoint takes.
     *
     * @param key a model key
     * @return its category's spec
     */
    public static CategorySpec spec(String key) {
        return AnyModel.of(key).fields();
    }

    private static String text(Media m) {
        return m.url().orElseGet(() -> m.path().map(Object::toString).orElseThrow());
    }
}
