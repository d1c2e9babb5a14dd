package dev.kling4j.core.error;

import java.util.List;

/**
 * No model has the key or endpoint id asked for ({@code ModelRegistry.get}); the message lists the close
 * matches and how many models are registered. Nothing was sent.
 */
public class UnknownModelException extends RequestNotSentException {
    private static final long serialVersionUID = 1L;

    /** The key or endpoint id asked for. */
    private final String asked;

    private final transient List<String> closeMatches;

    /**
     * Creates the exception.
     *
     * @param asked the key or endpoint id asked for
     * @param closeMatches keys that are spelled alike, best first
     * @param known how many models the registry holds
     */
    public UnknownModelException(String asked, List<String> closeMatches, int known) {
        super("no model '" + asked + "'"
                + (closeMatches.isEmpty() ? "" : "; did you mean " + String.join(", ", closeMatches) + "?")
                + (known == 0
                        ? " (no model is registered: add kling-image-to-video, kling-text-to-video, "
                                + "kling-reference-to-video or kling-video-to-video to the class path)"
                        : " (" + known
                                + " models are registered; list them with ModelRegistry.all() or `kling models`)"));
        this.asked = asked;
        this.closeMatches = List.copyOf(closeMatches);
    }

    /**
     * What was asked for.
     *
     * @return the key or endpoint id
     */
    public String asked() {
        return asked;
    }

    /**
     * Registered keys spelled like the one asked for, best first.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> closeMatches() {
        return closeMatches;
    }
}
