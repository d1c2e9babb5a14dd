/**
 * Kling O3 image-to-video: {@link dev.kling4j.i2v.ImageToVideo} (standard, pro, 4k) and its request.
 *
 * <p>Provides its models to {@link dev.kling4j.core.model.ModelRegistry} as a
 * {@link dev.kling4j.core.model.ModelProvider} service (and through {@code META-INF/services} on the class path).
 */
module dev.kling4j.i2v {
    requires transitive dev.kling4j.core;

    exports dev.kling4j.i2v;

    provides dev.kling4j.core.model.ModelProvider with
            dev.kling4j.i2v.ImageToVideo.Provider;
}
