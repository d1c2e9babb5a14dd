package dev.kling4j.i2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.StaticModelProvider;
import java.util.List;

/**
 * The Kling O3 image-to-video models, one per tier; endpoint ids and prices come from the endpoint and
 * price tables.
 *
 * <pre>{@code
 * VideoResult result = client.generate(ImageToVideo.PRO, request);
 * }</pre>
 */
public final class ImageToVideo extends BaseVideoModel<ImageToVideoRequest> {
    /** {@code kling_o3_standard_i2v}. */
    public static final ImageToVideo STANDARD = new ImageToVideo(Tier.STANDARD);
    /** {@code kling_o3_pro_i2v}. */
    public static final ImageToVideo PRO = new ImageToVideo(Tier.PRO);
    /** {@code kling_o3_4k_i2v}. */
    public static final ImageToVideo FOUR_K = new ImageToVideo(Tier.FOUR_K);

    private ImageToVideo(Tier tier) {
        super(Category.IMAGE_TO_VIDEO, tier, ImageToVideoRequest::new);
    }

    /**
     * Every tier, in table order.
     *
     * @return the models
     */
    public static List<ImageToVideo> all() {
        return List.of(STANDARD, PRO, FOUR_K);
    }

    /** Contributes the image-to-video models to the {@link dev.kling4j.core.model.ModelRegistry}. */
    public static final class Provider extends StaticModelProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(all());
        }
    }
}
