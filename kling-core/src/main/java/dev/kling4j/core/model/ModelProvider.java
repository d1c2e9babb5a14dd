package dev.kling4j.core.model;

import java.util.List;

/**
 * Contributes models to the {@link ModelRegistry}. A category module implements it and lists the
 * implementation in {@code META-INF/services/dev.kling4j.core.model.ModelProvider}, so that
 * {@link java.util.ServiceLoader} finds it on the class path.
 */
public interface ModelProvider {

    /**
     * The models this module serves, one per endpoint.
     *
     * @return the models
     */
    List<BaseVideoModel<?>> models();
}
