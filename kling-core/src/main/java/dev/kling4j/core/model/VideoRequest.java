package dev.kling4j.core.model;

/**
 * A validated request for one category of endpoint. Each category module's typed request (for example
 * {@code ImageToVideoRequest}) implements it; its builder's {@code build()} checks the input with
 * {@link RequestValidator}, so an instance is always valid for its category.
 */
public interface VideoRequest {

    /**
     * The request's fields by wire name.
     *
     * @return the input
     */
    VideoInput input();
}
