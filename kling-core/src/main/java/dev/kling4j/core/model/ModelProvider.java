package dev.kling4j.core.model;

import java.util.List;

/**
 * Contributes models to the {@link ModelRegistry}. A category module implements it, declares the
 * implementation in its {@code module-info.java} ({@code provides dev.kling4j.core.model.ModelProvider with …})
 * for the module path, and lists it in {@code META-INF/services/dev.kling4j.core.model.ModelProvider} for the
 * class path, so that {@link java.util.ServiceLoader} finds it on either.
 */
public interface ModelProvider {

    /**
     * The models this module serves, one per endpoint.
     *
     * @return the models
     */
    List<BaseVideoModel<?>> models();
}
