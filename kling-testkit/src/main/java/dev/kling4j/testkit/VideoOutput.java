package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A job's output video, described as fal's {@code {"video": File}}: a {@link TestVideo} laid out when the job
 * completes (which gives {@code file_size} exactly, in microseconds) and rendered when first downloaded; or
 * the file a script names ({@link JobScript#output(Path)}).
 *
 * <p>Its duration is the billed one: the requested {@code duration}, else a storyboard's total, else (video
 * to video) the source video's, else the category's default. Its size is the tier's (1280x720, 1920x1080,
 * 3840x2160), turned for 9:16 and square for 1:1; video-to-video with {@code auto} follows the source, and
 * image-to-video the start image's orientation. It has sound when {@code generate_audio} or
 * {@code keep_audio} (with the catalog's defaults) ask for it.
 */
final class VideoOutput {
    private static final String FILE_NAME = "output.mp4";
    private static final String MP4 = "video/mp4";

    private final Catalog catalog;
    private final Storage storage;

    VideoOutput(Catalog catalog, Storage storage) {
        this.catalog = catalog;
        this.storage = storage;
    }

    /**
     * Stores the job's output and describes it.
     *
     * @throws java.io.UncheckedIOException when a scripted output file cannot be copied
     */
    JsonNode write(Job job) {
        Path scripted = job.plan.output();
        if (scripted != null) {
            String name = scripted.getFileName().toString();
            String url = storage.putCopy(job.id, name, contentType(name), scripted);
            return describe(
                    url,
                    contentType(name),
                    name,
                    storage.file(job.id).orElseThrow().size());
        }
        TestVideo video = video(job);
        String url = storage.putGenerated(job.id, FILE_NAME, MP4, video.fileSize(), video::write);
        return describe(url, MP4, FILE_NAME, video.fileSize());
    }

    /** The video the emulator renders for a job. */
    TestVideo video(Job job) {
        JsonNode input = job.input == null ? Json.mapper().createObjectNode() : job.input;
        int[] size = resolution(job, input);
        TestVideo.Builder b = TestVideo.builder(size[0], size[1], Duration.ofMillis(durationMillis(job, input)))
                .caption("kling4j fal emulator \u00b7 " + job.endpoint.key())
                .caption(job.endpoint.endpointId())
                .caption("request " + job.id)
                .audio(audio(job, input));
        JsonNode shots = input.path("multi_prompt");
        if (shots.isArray() && !shots.isEmpty()) {
            for (JsonNode shot : shots) {
                b.shot(shot.path("prompt").asText(""), Duration.ofSeconds(seconds(shot.get("duration"), 5)));
            }
        } else {
            b.prompt(input.path("prompt").asText(""));
        }
        return b.build();
    }

    private static JsonNode describe(String url, String contentType, String name, long size) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.putObject("video")
                .put("url", url)
                .put("content_type", contentType)
                .put("file_name", name)
                .put("file_size", size);
        return out;
    }

    /**
     * The seconds fal bills for the job: its output's length, a fraction of a second rounded up. A scripted
     * output file is billed as the rendered video would have been.
     */
    int billedSeconds(Job job) {
        JsonNode input = job.input == null ? Json.mapper().createObjectNode() : job.input;
        return (int) ((durationMillis(job, input) + 999) / 1000);
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mp4") || lower.endsWith(".m4v")) {
            return MP4;
        }
        if (lower.endsWith(".mov")) {
            return "video/quicktime";
        }
        if (lower.endsWith(".webm")) {
            return "video/webm";
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed == null ? "application/octet-stream" : guessed;
    }

    /** The header of an input file uploaded here, read with kling-core's own inspector. */
    private Optional<MediaInfo> uploaded(JsonNode input, String field) {
        if (!input.hasNonNull(field)) {
            return Optional.empty();
        }
        return storage.byUrl(input.get(field).asText()).flatMap(f -> MediaInspector.inspect(storage.pathOf(f)));
    }

    private static boolean isVideoToVideo(Job job) {
        Category c = job.endpoint.category();
        return c == Category.VIDEO_TO_VIDEO_EDIT || c == Category.VIDEO_TO_VIDEO_REFERENCE;
    }

    private long durationMillis(Job job, JsonNode input) {
        JsonNode d = input.get("duration");
        if (d != null && !d.isNull()) {
            return seconds(d, 5) * 1000;
        }
        JsonNode shots = input.path("multi_prompt");
        if (shots.isArray() && !shots.isEmpty()) {
            long total = 0;
            for (JsonNode shot : shots) {
                total += seconds(shot.get("duration"), 5);
            }
            return total * 1000;
        }
        if (isVideoToVideo(job)) {
            Optional<Duration> src = uploaded(input, "video_url").flatMap(MediaInfo::duration);
            if (src.isPresent() && !src.get().isZero()) {
                return src.get().toMillis();
            }
        }
        Object def = catalog.category(job.endpoint.category())
                .field("duration")
                .flatMap(FieldSpec::defaultIfAbsent)
                .orElse("5");
        return seconds(Json.mapper().getNodeFactory().textNode(def.toString()), 5) * 1000;
    }

    /** A wire duration ("5"), at least 1 s; {@code orElse} when absent or not a number. */
    private static long seconds(JsonNode value, long orElse) {
        if (value == null || value.isNull()) {
            return orElse;
        }
        try {
            return Math.max(1, Long.parseLong(value.asText().trim()));
        } catch (NumberFormatException e) {
            return orElse;
        }
    }

    private boolean audio(Job job, JsonNode input) {
        CategorySpec c = catalog.category(job.endpoint.category());
        return flag(c, input, "generate_audio") || flag(c, input, "keep_audio");
    }

    private static boolean flag(CategorySpec c, JsonNode input, String name) {
        if (!c.takes(name)) {
            return false;
        }
        JsonNode v = input.get(name);
        if (v != null && v.isBoolean()) {
            return v.asBoolean();
        }
        return c.field(name)
                .flatMap(FieldSpec::defaultIfAbsent)
                .map(Boolean.TRUE::equals)
                .orElse(false);
    }

    private int[] resolution(Job job, JsonNode input) {
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
        String aspect = input.path("aspect_ratio").asText("");
        if (isVideoToVideo(job) && (aspect.isEmpty() || aspect.equals("auto"))) {
            Optional<MediaInfo> src = uploaded(input, "video_url");
            if (src.isPresent() && src.get().hasSize()) {
                // H.264 in 4:2:0 needs even sides
                return new int[] {even(src.get().width()), even(src.get().height())};
            }
        }
        if (job.endpoint.category() == Category.IMAGE_TO_VIDEO) {
            Optional<MediaInfo> image = uploaded(input, "image_url").filter(MediaInfo::hasSize);
            if (image.isPresent()) {
                int iw = image.get().width();
                int ih = image.get().height();
                aspect = iw == ih ? "1:1" : ih > iw ? "9:16" : "16:9";
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

    private static int even(int side) {
        return Math.max(16, Math.min(8192, side & ~1));
    }
}
