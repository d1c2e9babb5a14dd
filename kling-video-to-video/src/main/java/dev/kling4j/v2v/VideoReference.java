package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.model.BaseVideoModel;
import java.util.List;

/** The Kling O3 video-to-video reference models, standard and pro; endpoint ids and prices come from the tables. */
public final class VideoReference extends BaseVideoModel<VideoReferenceRequest> {
    /** {@code kling_o3_standard_v2v_ref}. */
    public static final VideoReference STANDARD = new VideoReference(Tier.STANDARD);
    /** {@code kling_o3_pro_v2v_ref}. */
    public static final VideoReference PRO = new VideoReference(Tier.PRO);

    private VideoReference(Tier tier) {
        super(Category.VIDEO_TO_VIDEO_REFERENCE, tier, VideoReferenceRequest::new);
    }

    /**
     * Every tier, in table order.
     *
     * @return the models
     */
    public static List<VideoReference> all() {
        return List.of(STANDARD, PRO);
    }
}
