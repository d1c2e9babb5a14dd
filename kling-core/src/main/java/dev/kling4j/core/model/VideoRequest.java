package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.error.Problem;
import java.util.List;

/**
 * A validated request for one category of endpoint. Each category module's typed request (for example
 * {@code ImageToVideoRequest}) implements it, through {@link AbstractVideoRequest}; its builder's
 * {@code build()} checks the input with {@link RequestValidator}, so an instance is always valid for the
 * endpoint table it was checked against.
 */
public interface VideoRequest {

    /**
     * The request's fields by wire name.
     *
     * @return the input
     */
    VideoInput input();

    /**
     * What a {@link Validation#LENIENT} check let through: values past the endpoint table, sent as they are.
     *
     * @return an immutable list; empty for a request checked strictly
     */
    List<Problem> warnings();

    /**
     * The mode the request was checked in.
     *
     * @return {@link Validation#STRICT} unless asked otherwise
     */
    Validation validation();

    /**
     * The endpoint table the request was checked against, and whose field types shape its wire body.
     *
     * @return {@link Catalog#standard()} unless another table was given
     */
    Catalog catalog();
}
