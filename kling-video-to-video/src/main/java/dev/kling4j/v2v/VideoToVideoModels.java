package dev.kling4j.v2v;

import dev.kling4j.core.model.StaticModelProvider;

/** Contributes the video-to-video edit and reference models to the {@link dev.kling4j.core.model.ModelRegistry}. */
public final class VideoToVideoModels extends StaticModelProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public VideoToVideoModels() {
        super(VideoEdit.all(), VideoReference.all());
    }
}
