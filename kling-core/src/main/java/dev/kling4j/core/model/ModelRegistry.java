package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.error.UnknownModelException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The models on the class path or module path, found by model key ({@code kling_o3_pro_i2v}) or fal endpoint id. The
 * category modules contribute them through {@link ModelProvider} and {@link ServiceLoader}; add the modules
 * you use as dependencies and {@link #standard()} finds them. Immutable once built.
 *
 * <pre>{@code
 * ModelRegistry models = ModelRegistry.standard();
 * BaseVideoModel<?> pro = models.get("kling_o3_pro_i2v");
 * List<BaseVideoModel<?>> fourK = models.byTier(Tier.FOUR_K);
 * }</pre>
 */
public final class ModelRegistry {
    private static volatile ModelRegistry standard;

    private final Map<String, BaseVideoModel<?>> byKey;

    private ModelRegistry(Map<String, BaseVideoModel<?>> byKey) {
        this.byKey = byKey;
    }

    /**
     * The models every {@link ModelProvider} on the class path contributes, loaded once.
     *
     * @return the shared registry
     */
    public static ModelRegistry standard() {
        ModelRegistry r = standard;
        if (r == null) {
            synchronized (ModelRegistry.class) {
                r = standard;
                if (r == null) {
                    r = load(ModelRegistry.class.getClassLoader());
                    standard = r;
                }
            }
        }
        return r;
    }

    /**
     * Loads the models the providers visible to a class loader contribute.
     *
     * @param loader the class loader to search
     * @return a new registry
     * @throws IllegalStateException when two models share a key
     */
    public static ModelRegistry load(ClassLoader loader) {
        Builder b = builder();
        for (ModelProvider provider : ServiceLoader.load(ModelProvider.class, loader)) {
            provider.models().forEach(b::add);
        }
        return b.build();
    }

    /**
     * Starts a registry of hand-picked models (tests, custom set-ups).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every model, in the endpoint table's order.
     *
     * @return an immutable list
     */
    public List<BaseVideoModel<?>> all() {
        List<BaseVideoModel<?>> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparingInt(ModelRegistry::tableOrder));
        return List.copyOf(all);
    }

    /**
     * Finds a model by key or endpoint id.
     *
     * @param keyOrEndpointId e.g. {@code kling_o3_pro_i2v} or {@code fal-ai/kling-video/o3/pro/image-to-video}
     * @return the model, or empty
     */
    public Optional<BaseVideoModel<?>> find(String keyOrEndpointId) {
        Objects.requireNonNull(keyOrEndpointId, "keyOrEndpointId");
        BaseVideoModel<?> m = byKey.get(keyOrEndpointId);
        if (m != null) {
            return Optional.of(m);
        }
        return byKey.values().stream()
                .filter(x -> x.endpointId().equals(keyOrEndpointId))
                .findFirst();
    }

    /**
     * Gets a model by key or endpoint id.
     *
     * @param keyOrEndpointId the key or endpoint id
     * @return the model
     * @throws UnknownModelException when there is none; its message lists the close matches
     */
    public BaseVideoModel<?> get(String keyOrEndpointId) {
        return find(keyOrEndpointId)
                .orElseThrow(
                        () -> new UnknownModelException(keyOrEndpointId, closeMatches(keyOrEndpointId), byKey.size()));
    }

    /**
     * The models of one category, in table order.
     *
     * @param category the category
     * @return an immutable list
     */
    public List<BaseVideoModel<?>> byCategory(Category category) {
        return all().stream().filter(m -> m.category() == category).toList();
    }

    /**
     * The models of one tier, in table order.
     *
     * @param tier the tier
     * @return an immutable list
     */
    public List<BaseVideoModel<?>> byTier(Tier tier) {
        return all().stream().filter(m -> m.tier() == tier).toList();
    }

    private List<String> closeMatches(String asked) {
        String a = asked.toLowerCase(Locale.ROOT);
        record Scored(String key, int distance) {}
        return byKey.keySet().stream()
                .map(k -> new Scored(k, distance(a, k)))
                .filter(s ->
                        s.distance() <= Math.max(3, a.length() / 3) || s.key().contains(a))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::key))
                .limit(5)
                .map(Scored::key)
                .toList();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static int tableOrder(BaseVideoModel<?> m) {
        int i = dev.kling4j.core.catalog.Catalog.standard().endpoints().indexOf(m.endpoint());
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @Override
    public String toString() {
        return "ModelRegistry" + byKey.keySet();
    }

    /** Builds a {@link ModelRegistry}. */
    public static final class Builder {
        private final Map<String, BaseVideoModel<?>> byKey = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a model.
         *
         * @param model the model
         * @return this builder
         * @throws IllegalStateException when a model with the same key was added
         */
        public Builder add(BaseVideoModel<?> model) {
            BaseVideoModel<?> old = byKey.putIfAbsent(model.key(), model);
            if (old != null && old != model) {
                throw new IllegalStateException("two models share the key " + model.key() + ": "
                        + old.getClass().getName() + " and " + model.getClass().getName());
            }
            return this;
        }

        /**
         * Builds the registry.
         *
         * @return the registry
         */
        public ModelRegistry build() {
            return new ModelRegistry(new LinkedHashMap<>(byKey));
        }
    }
}
