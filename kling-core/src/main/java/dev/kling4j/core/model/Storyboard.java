package dev.kling4j.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-shot prompt ({@code multi_prompt}): shots in order, each with its prompt and duration. Used
 * instead of a single {@code prompt}.
 *
 * <pre>{@code
 * Storyboard board = Storyboard.builder()
 *         .shot(4, "A lighthouse at dusk, waves crashing")
 *         .shot(6, "The lamp turns on; the camera pulls back over the sea")
 *         .build();
 * }</pre>
 *
 * At least one shot, each prompt non-blank, each shot 1–15 s; when the request also sets a duration, the
 * shots must add up to it. Checked with the rest of the request.
 */
public final class Storyboard {
    private final List<Shot> shots;

    private Storyboard(List<Shot> shots) {
        this.shots = List.copyOf(shots);
    }

    /**
     * A storyboard of these shots.
     *
     * @param shots the shots, in order
     * @return the storyboard
     */
    public static Storyboard of(List<Shot> shots) {
        return new Storyboard(shots);
    }

    /**
     * Starts a storyboard.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The shots in order.
     *
     * @return an immutable list
     */
    public List<Shot> shots() {
        return shots;
    }

    /**
     * The sum of the shots' durations.
     *
     * @return seconds
     */
    public int totalSeconds() {
        return shots.stream().mapToInt(Shot::seconds).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Storyboard s && shots.equals(s.shots);
    }

    @Override
    public int hashCode() {
        return shots.hashCode();
    }

    @Override
    public String toString() {
        return "Storyboard" + shots;
    }

    /** Builds a {@link Storyboard}. */
    public static final class Builder {
        private final List<Shot> shots = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a shot.
         *
         * @param seconds its duration, 1 to 15
         * @param prompt what happens in it
         * @return this builder
         */
        public Builder shot(int seconds, String prompt) {
            shots.add(new Shot(seconds, Objects.requireNonNull(prompt, "prompt")));
            return this;
        }

        /**
         * Builds the storyboard.
         *
         * @return the storyboard
         */
        public Storyboard build() {
            return new Storyboard(shots);
        }
    }
}
