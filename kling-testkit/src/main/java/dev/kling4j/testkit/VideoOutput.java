package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes a job's output video: an MP4 whose header carries the requested duration (or the source video's)
 * and the tier's resolution turned to the aspect ratio, stored and described as fal's {@code {"video": File}}.
 */
final class VideoOutput {
    private final Catalog catalog;
    private final Storage storage;

    VideoOutput(Catalog catalog, Storage storage) {
        this.catalog = catalog;
        this.storage = storage;
    }

    JsonNode write(Job job) {
        int[] size = resolution(job);
        long millis = durationMillis(job);
        byte[] mp4 = Mp4.write(size[0], size[1], millis);
        String url = storage.putOutput(job.id, "output.mp4", "video/mp4", mp4);
        ObjectNode out = Json.mapper().createObjectNode();
        out.putObject("video").put("url", url).put("content_type", "video/mp4").put("file_name", "output.mp4")
                .put("file_size", mp4.length);
        return out;
    }

    /** The seconds fal bills for the job: its output's length, a fraction of a second rounded up. */
    int billedSeconds(Job job) {
        return (int) ((durationMillis(job) + 999) / 1000);
    }

    /** The source video's header, read with kling-core's own inspector, when it was uploaded here. */
    private Optional<MediaInfo> sourceVideo(Job job) {
        if (job.input == null || !job.input.hasNonNull("video_url")) {
            return Optional.empty();
        }
        return storage.byUrl(job.input.get("video_url").asText()).flatMap(f -> MediaInspector.inspect(storage.pathOf(f)));
    }

    private long durationMillis(Job job) {
        JsonNode d = job.input == null ? null : job.input.get("duration");
        if (d != null && d.isTextual()) {
            return Long.parseLong(d.asText()) * 1000;
        }
        Category c = job.endpoint.category();
        if (c == Category.VIDEO_TO_VIDEO_EDIT || c == Category.VIDEO_TO_VIDEO_REFERENCE) {
            Optional<Duration> src = sourceVideo(job).flatMap(MediaInfo::duration);
            if (src.isPresent() && !src.get().isZero()) {
                return src.get().toMillis();
            }
        }
        Object def = catalog.category(c).field("duration").flatMap(FieldSpec::defaultIfAbsent).orElse("5");
        return Long.parseLong(def.toString()) * 1000;
    }

    private int[] resolution(Job job) {
        int w;
        int h;
        switch (job.endpoint.tier()) {
            case PRO:
                w = 1920;
                h = 1080;
                break;
            case FOUR_K:
                w = 3840;
                h = 2160;
                break;
            default:
                w = 1280;
                h = 720;
                break;
        }
        String aspect = job.input == null ? "" : job.input.path("aspect_ratio").asText("");
        if (aspect.isEmpty() || aspect.equals("auto")) {
            Optional<MediaInfo> src = sourceVideo(job);
            if (src.isPresent() && src.get().hasSize()) {
                return new int[] {src.get().width(), src.get().height()};
            }
        }
        switch (aspect) {
            case "9:16":
                return new int[] {h, w};
            case "1:1":
                return new int[] {h, h};
            default:
                return new int[] {w, h};
        }
    }
}
