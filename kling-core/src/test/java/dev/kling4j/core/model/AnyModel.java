package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;

/** A model of any endpoint, with a request that only wraps the input: what a category module adds, and no more. */
final class AnyModel extends BaseVideoModel<AnyModel.Request> {
    record Request(VideoInput input) implements VideoRequest {}

    AnyModel(EndpointSpec endpoint) {
        super(endpoint);
    }

    static AnyModel of(String key) {
        return new AnyModel(Catalog.standard().endpoint(key).orElseThrow());
    }

    @Override
    protected Request wrap(VideoInput validated) {
        return new Request(validated);
    }
}
