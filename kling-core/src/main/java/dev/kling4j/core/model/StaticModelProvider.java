package dev.kling4j.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ModelProvider} serving fixed lists of models: what a category module's provider is, once it has
 * named its models.
 *
 * <pre>{@code
 * public static final class Provider extends StaticModelProvider {
 *     public Provider() {
 *         super(ImageToVideo.all());
 *     }
 * }
 * }</pre>
 */
public abstract class StaticModelProvider implements ModelProvider {
    private final List<BaseVideoModel<?>> models;

    /**
     * Serves these models, in order.
     *
     * @param groups the models, e.g. each class's {@code all()}
     */
    @SafeVarargs
    protected StaticModelProvider(List<? extends BaseVideoModel<?>>... groups) {
        List<BaseVideoModel<?>> all = new ArrayList<>();
        for (List<? extends BaseVideoModel<?>> group : groups) {
            all.addAll(group);
        }
        this.models = List.copyOf(all);
    }

    @Override
    public final List<BaseVideoModel<?>> models() {
        return models;
    }
}
