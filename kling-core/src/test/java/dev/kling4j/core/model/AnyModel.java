package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;

/** A model of any endpoint, with a request that only wraps the input: what a category module adds, and no more. */
final class AnyModel extends BaseVideoModel<AnyModel.Request> {
    static final class Request extends AbstractVideoRequest {
        Request(ValidatedInput validated) {
            super(validated);
        }
    }

    AnyModel(EndpointSpec endpoint) {
        super(endpoint, Request::new);
    }

    static AnyModel of(String key) {
        return new AnyModel(Catalog.standard().endpoint(key).orElseThrow());
    }

    /** A request of an input as it is, unchecked, as a test needs it. */
    Request unchecked(VideoInput input) {
        return new Request(
                new ValidatedInput(input, Catalog.standard(), category(), Validation.STRICT, java.util.List.of()));
    }
}
