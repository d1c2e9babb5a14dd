package dev.kling4j.ref;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.StaticModelProvider;
import java.util.List;

/** The Kling O3 reference-to-video models, one per tier; endpoint ids and prices come from the tables. */
public final class ReferenceToVideo extends BaseVideoModel<ReferenceToVideoRequest> {
    /** {@code kling_o3_standard_ref}. */
    public static final ReferenceToVideo STANDARD = new ReferenceToVideo(Tier.STANDARD);
    /** {@code kling_o3_pro_ref}. */
    public static final ReferenceToVideo PRO = new ReferenceToVideo(Tier.PRO);
    /** {@code kling_o3_4k_ref}. */
    public static final ReferenceToVideo FOUR_K = new ReferenceToVideo(Tier.FOUR_K);

    private ReferenceToVideo(Tier tier) {
        super(Category.REFERENCE_TO_VIDEO, tier, ReferenceToVideoRequest::new);
    }

    /**
     * Every tier, in table order.
     *
     * @return the models
     */
    public static List<ReferenceToVideo> all() {
        return List.of(STANDARD, PRO, FOUR_K);
    }

    /** Contributes the reference-to-video models to the {@link dev.kling4j.core.model.ModelRegistry}. */
    public static final class Provider extends StaticModelProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(all());
        }
    }
}
