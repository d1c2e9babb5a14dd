package dev.kling4j.core.model;

import java.util.Optional;

/**
 * The base of the requests that generate a new video (image-, text- and reference-to-video): what
 * {@link AbstractVideoRequest} reads, plus the storyboard, the duration and generated audio.
 */
public abstract class GenerationRequest extends AbstractVideoRequest implements HasDuration {

    /**
     * Wraps a validated input.
     *
     * @param validated the input, valid for the subclass's category
     */
    protected GenerationRequest(ValidatedInput validated) {
        super(validated);
    }

    /**
     * The storyboard ({@code multi_prompt}).
     *
     * @return the storyboard, or empty when a prompt is used
     */
    public final Optional<Storyboard> storyboard() {
        return input().get("multi_prompt", Storyboard.class);
    }

    /**
     * Whether audio is generated ({@code generate_audio}).
     *
     * @return the setting, or empty for fal's default (off)
     */
    public final Optional<Boolean> audio() {
        return input().get("generate_audio", Boolean.class);
    }
}
