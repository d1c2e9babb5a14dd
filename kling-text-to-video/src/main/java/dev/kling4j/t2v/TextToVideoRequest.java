package dev.kling4j.t2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.model.GenerationRequest;
import dev.kling4j.core.model.GenerationRequestBuilder;
import dev.kling4j.core.model.HasAspectRatio;
import dev.kling4j.core.model.ValidatedInput;

/**
 * A text-to-video request: a prompt or a storyboard, a duration (3–15 s, fal's default 5), an aspect ratio
 * ({@code 16:9} default, {@code 9:16}, {@code 1:1}) and audio on or off. Immutable; valid once built; every
 * value reads back through its getter.
 *
 * <pre>{@code
 * TextToVideoRequest fox = TextToVideoRequest.builder()
 *         .storyboard(Storyboard.builder()
 *                 .shot(3, "A red fox steps out of the forest into fresh snow")
 *                 .shot(5, "The fox leaps, snow bursting around it, slow motion")
 *                 .build())
 *         .duration(8)
 *         .aspectRatio(AspectRatio.PORTRAIT_9_16)
 *         .build();
 * }</pre>
 *
 * No elements and no voices: in O3 those belong to reference-to-video.
 */
public final class TextToVideoRequest extends GenerationRequest implements HasAspectRatio {

    TextToVideoRequest(ValidatedInput validated) {
        super(validated);
    }

    /**
     * Starts a request.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder holding this request (its fields, endpoint table and validation mode), to change some of it.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link TextToVideoRequest}; {@link #build()} reports every problem at once. */
    public static final class Builder extends GenerationRequestBuilder<Builder, TextToVideoRequest>
            implements HasAspectRatio.Setter<Builder> {
        private Builder(TextToVideoRequest from) {
            super(Category.TEXT_TO_VIDEO, TextToVideoRequest::new, from);
        }
    }
}
