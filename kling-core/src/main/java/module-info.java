/**
 * The kling4j client for fal.ai's Kling O3 video models: {@link dev.kling4j.core.KlingClient}, the fal queue,
 * the endpoint table, the model layer, pricing, media, the journal, webhooks and errors.
 *
 * <p>Exports only API packages; {@code dev.kling4j.core.internal} and its subpackages are sealed (not exported
 * or opened to anyone). The category modules ({@code dev.kling4j.i2v}, {@code dev.kling4j.t2v},
 * {@code dev.kling4j.ref}, {@code dev.kling4j.v2v}) provide their models as
 * {@link dev.kling4j.core.model.ModelProvider} services, which {@link dev.kling4j.core.model.ModelRegistry}
 * finds on the module path as on the class path.
 */
module dev.kling4j.core {
    // Transitive for one method only, KlingClient.Builder.okHttpClient(OkHttpClient): the hook for the user's own
    // client is the one OkHttp type in the API. okhttp3 in turn reads okio (automatic) and kotlin.stdlib
    // transitively, which is how kling-core reads the okio types its transfers use inside.
    requires transitive okhttp3;
    requires okhttp3.sse;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.kling4j.core;
    exports dev.kling4j.core.catalog;
    exports dev.kling4j.core.error;
    exports dev.kling4j.core.journal;
    exports dev.kling4j.core.media;
    exports dev.kling4j.core.model;
    exports dev.kling4j.core.pricing;
    exports dev.kling4j.core.prompt;
    exports dev.kling4j.core.queue;
    exports dev.kling4j.core.webhook;

    // VideoFile is read by Jackson through its package-private @JsonCreator constructor and @JsonAnySetter.
    opens dev.kling4j.core to
            com.fasterxml.jackson.databind;

    uses dev.kling4j.core.model.ModelProvider;
}
