/**
 * Kling O3 video-to-video: {@link dev.kling4j.v2v.VideoEdit} and {@link dev.kling4j.v2v.VideoReference} (standard, pro) and their requests.
 *
 * <p>Provides its models to {@link dev.kling4j.core.model.ModelRegistry} as a
 * {@link dev.kling4j.core.model.ModelProvider} service (and through {@code META-INF/services} on the class path).
 */
module dev.kling4j.v2v {
    requires transitive dev.kling4j.core;

    exports dev.kling4j.v2v;

    provides dev.kling4j.core.model.ModelProvider with
            dev.kling4j.v2v.VideoToVideoModels;
}
