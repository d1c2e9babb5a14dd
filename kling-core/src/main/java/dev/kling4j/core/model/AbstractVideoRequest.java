package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every category's typed request is made of: a {@link ValidatedInput}, the getters of what every
 * category takes, value equality and a {@code toString} that shows the values. A subclass adds its
 * {@code builder()} and {@code toBuilder()}, and the getters of its own fields (most come from the
 * {@code Has…} interfaces: {@link HasDuration}, {@link HasAspectRatio}, {@link HasReferenceImages},
 * {@link HasElements}, {@link HasEndFrame}).
 *
 * <p>Two requests are equal when they are of the same class and send the same fields; the mode and table
 * they were checked with do not count.
 */
public abstract class AbstractVideoRequest implements VideoRequest {
    private final ValidatedInput validated;

    /**
     * Wraps a validated input.
     *
     * @param validated the input, valid for the subclass's category
     */
    protected AbstractVideoRequest(ValidatedInput validated) {
        this.validated = Objects.requireNonNull(validated, "validated");
    }

    @Override
    public final VideoInput input() {
        return validated.input();
    }

    @Override
    public final List<Problem> warnings() {
        return validated.warnings();
    }

    @Override
    public final Validation validation() {
        return validated.validation();
    }

    @Override
    public final Catalog catalog() {
        return validated.catalog();
    }

    /**
     * The prompt ({@code prompt}).
     *
     * @return the prompt, or empty when a storyboard is used
     */
    public final Optional<String> prompt() {
        return input().get("prompt", String.class);
    }

    /**
     * How shots are cut ({@code shot_type}), an open value: text kling4j does not know comes back as it was set.
     *
     * @return the shot type, or empty for fal's default ({@code customize})
     */
    public final Optional<ShotType> shotType() {
        return input().get("shot_type", String.class).map(ShotType::of);
    }

    /**
     * The body properties added with {@code extraBody}, sent as they are; one named like a modelled field is
     * sent in its place (lenient validation only).
     *
     * @return an unmodifiable map, in the order they were added
     */
    public final Map<String, Object> extraBody() {
        return input().extraBody();
    }

    /**
     * A media field.
     *
     * @param field the wire name of an image or video field
     * @return the media, or empty when not set
     */
    protected final Optional<Media> media(String field) {
        return input().get(field, Media.class);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && input().equals(((AbstractVideoRequest) o).input());
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), input());
    }

    /**
     * The class name, then each field by wire name with its value: media as their URL (without its query,
     * where a signed URL carries its signature), path or file name, never their bytes; texts longer than 200
     * characters cut; then the extra body properties, the mode when lenient and the number of warnings.
     *
     * @return e.g. {@code ImageToVideoRequest{image_url=hero.png, prompt="The hero waves", duration=10}}
     */
    @Override
    public final String toString() {
        StringBuilder out = new StringBuilder(getClass().getSimpleName()).append('{');
        out.append(input().fields().entrySet().stream()
                .map(e -> e.getKey() + "=" + Shown.value(e.getValue()))
                .collect(Collectors.joining(", ")));
        if (!extraBody().isEmpty()) {
            out.append(input().fields().isEmpty() ? "" : ", ")
                    .append("extraBody=")
                    .append(Shown.value(extraBody()));
        }
        if (validation() == Validation.LENIENT) {
            out.append(", lenient");
            if (!warnings().isEmpty()) {
                out.append(", ").append(warnings().size()).append(warnings().size() == 1 ? " warning" : " warnings");
            }
        }
        return out.append('}').toString();
    }
}
