package dev.kling4j.v2v;

import dev.kling4j.core.model.BaseVideoModel;
import dev.kling4j.core.model.ModelProvider;
import java.util.ArrayList;
import java.util.List;

/** Contributes the video-to-video edit and reference models to the {@link dev.kling4j.core.model.ModelRegistry}. */
public final class VideoToVideoModels implements ModelProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public VideoToVideoModels() {}

    @Override
    public List<BaseVideoModel<?>> models() {
        List<BaseVideoModel<?>> models = new ArrayList<>(VideoEdit.all());
        models.addAll(VideoReference.all());
        return List.copyOf(models);
    }
}
