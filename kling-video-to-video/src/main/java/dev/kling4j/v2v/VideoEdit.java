package dev.kling4j.v2v;

import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.model.BaseVideoModel;
import java.util.List;

/** The Kling O3 video-to-video edit models, standard and pro; endpoint ids and prices come from the tables. */
public final class VideoEdit extends BaseVideoModel<VideoEditRequest> {
    /** {@code kling_o3_standard_edit}. */
    public static final VideoEdit STANDARD = new VideoEdit(Tier.STANDARD);
    /** {@code kling_o3_pro_edit}. */
    public static final VideoEdit PRO = new VideoEdit(Tier.PRO);

    private VideoEdit(Tier tier) {
        super(Category.VIDEO_TO_VIDEO_EDIT, tier, VideoEditRequest::new);
    }

    /**
     * Every tier, in table order.
     *
     * @return the models
     */
    public static List<VideoEdit> all() {
        return List.of(STANDARD, PRO);
    }
}
