package dev.kling4j.t2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.StaticModelProvider;
import java.util.List;

/**
 * The Kling O3 text-to-video models, one per tier; endpoint ids and prices come from the endpoint and
 * price tables. fal publishes no price for the standard tier: its estimates say so.
 */
public final class TextToVideo extends BaseVideoModel<TextToVideoRequest> {
    /** {@code kling_o3_standard_t2v}. */
    public static final TextToVideo STANDARD = new TextToVideo(Tier.STANDARD);
    /** {@code kling_o3_pro_t2v}. */
    public static final TextToVideo PRO = new TextToVideo(Tier.PRO);
    /** {@code kling_o3_4k_t2v}. */
    public static final TextToVideo FOUR_K = new TextToVideo(Tier.FOUR_K);

    private TextToVideo(Tier tier) {
        super(Category.TEXT_TO_VIDEO, tier, TextToVideoRequest::new);
    }

    /**
     * Every tier, in table order.
     *
     * @return the models
     */
    public static List<TextToVideo> all() {
        return List.of(STANDARD, PRO, FOUR_K);
    }

    /** Contributes the text-to-video models to the {@link dev.kling4j.core.model.ModelRegistry}. */
    public static final class Provider extends StaticModelProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(all());
        }
    }
}
