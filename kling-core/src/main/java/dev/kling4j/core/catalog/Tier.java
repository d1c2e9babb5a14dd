package dev.kling4j.core.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The quality tiers of Kling O3. Within one category every tier takes the same input. */
public enum Tier {
    /** The cheapest tier. */
    STANDARD("standard"),
    /** Higher quality. */
    PRO("pro"),
    /** 4K output, priced flat whether audio is on or off. */
    FOUR_K("4k");

    private final String id;

    Tier(String id) {
        this.id = id;
    }

    /**
     * The tier's id as it appears in endpoint ids and model keys, e.g. {@code 4k}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Finds a tier by its id (case-insensitive).
     *
     * @param id {@code standard}, {@code pro} or {@code 4k}
     * @return the tier, or empty when no tier has that id
     */
    public static Optional<Tier> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
