package dev.kling4j.core.model;

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
}
