package dev.kling4j.core.catalog;

import java.util.Objects;

/**
 * One of the 13 Kling O3 endpoints: its model key, fal endpoint id, category and tier.
 *
 * @param key the model key, e.g. {@code kling_o3_pro_i2v}
 * @param endpointId fal's endpoint id, e.g. {@code fal-ai/kling-video/o3/pro/image-to-video}
 * @param category what the endpoint does
 * @param tier its quality tier
 */
public record EndpointSpec(String key, String endpointId, Category category, Tier tier) {

    /**
     * Validates the components.
     *
     * @param key the model key, e.g. {@code kling_o3_pro_i2v}
     * @param endpointId fal's endpoint id, e.g. {@code fal-ai/kling-video/o3/pro/image-to-video}
     * @param category what the endpoint does
     * @param tier its quality tier
     */
    public EndpointSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(tier, "tier");
    }
}
