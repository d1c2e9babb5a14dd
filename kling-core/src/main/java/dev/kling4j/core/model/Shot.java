package dev.kling4j.core.model;

import java.util.Objects;

/**
 * One shot of a {@link Storyboard}: a prompt and its length in whole seconds.
 *
 * @param seconds the shot's duration, sent as a string ({@code "4"})
 * @param prompt what happens in the shot; may use {@code @}-references
 */
public record Shot(int seconds, String prompt) {

    /**
     * Checks the prompt is present; ranges are checked with the request.
     *
     * @param seconds the shot's duration, sent as a string ({@code "4"})
     * @param prompt what happens in the shot; may use {@code @}-references
     */
    public Shot {
        Objects.requireNonNull(prompt, "prompt");
    }
}
