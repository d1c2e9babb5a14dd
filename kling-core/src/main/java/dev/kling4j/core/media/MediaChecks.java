package dev.kling4j.core.media;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Limits;
import dev.kling4j.core.error.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks input media against the endpoint table's limits before anything is uploaded or submitted.
 *
 * <p>Local files and bytes (and base64 data URIs, decoded) are checked in full: the file exists, is a regular
 * file (a pipe or a device is refused before anything reads it) and can be read, is not empty and not over the
 * size limit, its header is a format of the expected role that the table accepts, the file is complete (not cut
 * short, a video with a video track and frames: see {@link MediaInfo#defect()}), an image's shorter side and
 * aspect ratio are within limits, a video's length, frame rate and both sides are within limits. The format is
 * read from the header, not the name, so {@code photo.jpeg.bin} holding a JPEG passes. Remote URLs are not
 * fetched and never refused here: fal checks them.
 *
 * <p>A video's length is its video track's ({@link MediaInfo#duration()}), compared exactly with the limits: a
 * 15.015 s clip is over a 15 s limit, since the bill counts a started second in full ({@code BilledSeconds}
 * rounds the same length up). The frame rate is compared after rounding to the nearest whole frame per
 * second, so NTSC's 23.976 and 59.94 count as 24 and 60.
 *
 * <pre>{@code
 * List<Problem> problems = MediaChecks.standard().check(Media.file(path), MediaRole.IMAGE, "image_url");
 * }</pre>
 */
public final class MediaChecks {
    private final Limits limits;

    private MediaChecks(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Checks against {@code Catalog.standard().limits()}.
     *
     * @return the checks
     */
    public static MediaChecks standard() {
        return new MediaChecks(Catalog.standard().limits());
    }

    /**
     * Checks against other limits.
     *
     * @param limits the limits
     * @return the checks
     */
    public static MediaChecks of(Limits limits) {
        return new MediaChecks(limits);
    }

    /**
     * The limits these checks hold local files to.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * Checks one media input.
     *
     * @param media the input
     * @param role what the field expects
     * @param field the field path, e.g. {@code elements[0].frontal_image_url}
     * @return every problem found, empty when the input passes (always for remote URLs)
     */
    public List<Problem> check(Media media, MediaRole role, String field) {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(field, "field");
        List<Problem> problems = new ArrayList<>();
        switch (media.kind()) {
            case FILE:
                checkFile(media.path().orElseThrow(), role, field, problems);
                break;
            case BYTES:
                byte[] bytes = media.bytes().orElseThrow();
                checkContent(bytes.length, MediaInspector.inspect(bytes), media.describe(), role, field, problems);
                break;
            case DATA_URI:
                checkDataUri(media, role, field, problems);
                break;
            default:
                break; // a remote URL: fal fetches and checks it
        }
        return List.copyOf(problems);
    }

    private void checkFile(Path path, MediaRole role, String field, List<Problem> problems) {
        if (!Files.exists(path)) {
            problems.add(new Problem(field, "file " + path + " does not exist", "check the path"));
            return;
        }
        if (!Files.isRegularFile(path)) {
            problems.add(new Problem(
                    field,
                    path + " is not a regular file (a directory, pipe or device)",
                    "pass a regular file: write a stream to a file first"));
            return;
        }
        if (!Files.isReadable(path)) {
            problems.add(
                    new Problem(field, path + " is not a readable file", "pass a regular file this process may read"));
            return;
        }
        long size;
        Optional<MediaInfo> info;
        try {
            size = Files.size(path);
            info = MediaInspector.inspect(path);
        } catch (IOException | UncheckedIOException e) {
            problems.add(new Problem(
                    field, "cannot read " + path + ": " + e.getMessage(), "pass a file this process may read"));
            return;
        }
        checkContent(size, info, path.toString(), role, field, problems);
    }

    private void checkDataUri(Media media, MediaRole role, String field, List<Problem> problems) {
        String uri = media.url().orElseThrow();
        String mime = media.contentType().orElse("").toLowerCase(Locale.ROOT);
        String expected = role == MediaRole.IMAGE ? "image/" : "video/";
        if (!mime.isEmpty() && !mime.startsWith(expected)) {
            problems.add(new Problem(
                    field,
                    "the data URI holds " + mime + ", not " + expected + "*",
                    "pass " + (role == MediaRole.IMAGE ? "an image" : "a video") + " here"));
            return;
        }
        int comma = uri.indexOf(',');
        if (!uri.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return; // percent-encoded data: rare for media, left to fal
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(uri.substring(comma + 1).trim());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(
                    field,
                    "the data URI's base64 is invalid: " + e.getMessage(),
                    "encode the file with standard base64"));
            return;
        }
        checkContent(bytes.length, MediaInspector.inspect(bytes), media.describe(), role, field, problems);
    }

    private void checkContent(
            long size, Optional<MediaInfo> found, String what, MediaRole role, String field, List<Problem> problems) {
        boolean image = role == MediaRole.IMAGE;
        Set<String> formats = image ? limits.imageFormats() : limits.videoFormats();
        String noun = image ? "image" : "video";
        if (size == 0) {
            problems.add(new Problem(field, what + " is empty", "pass a non-empty " + noun));
            return;
        }
        long max = image ? limits.imageMaxBytes() : limits.videoMaxBytes();
        if (size > max) {
            problems.add(new Problem(
                    field,
                    what + " is " + mib(size) + ", over the " + noun + " limit of " + mib(max),
                    image ? "compress or scale the image down" : "shorten, scale or re-encode the video"));
        }
        if (found.isEmpty()) {
            problems.add(new Problem(
                    field,
                    what + " is not " + (image ? "an image" : "a video") + " kling4j recognises",
                    "pass a file of one of these formats: " + String.join(", ", new TreeSet<>(formats))));
            return;
        }
        MediaInfo info = found.get();
        if (info.format().isVideo() == image) {
            problems.add(new Problem(
                    field,
                    what + " is " + article(info.format()) + " " + info.format()
                            + (image ? " video, not an image" : " image, not a video"),
                    "pass " + (image ? "an image" : "a video") + " (" + String.join(", ", new TreeSet<>(formats))
                            + ") here"));
            return;
        }
        if (info.format().extensions().stream().noneMatch(formats::contains)) {
            problems.add(new Problem(
                    field,
                    what + " is " + article(info.format()) + " " + info.format() + " " + noun
                            + ", which fal does not take here",
                    "convert it to one of " + String.join(", ", new TreeSet<>(formats))));
            return;
        }
        if (info.defect().isPresent()) {
            MediaInfo.Defect d = info.defect().get();
            problems.add(new Problem(field, what + " " + d.message(), d.fix()));
            return;
        }
        if (image) {
            checkImage(info, what, field, problems);
        } else {
            checkVideo(info, what, field, problems);
        }
    }

    private void checkImage(MediaInfo info, String what, String field, List<Problem> problems) {
        int w = info.width();
        int h = info.height();
        int min = limits.imageMinSidePx();
        if (Math.min(w, h) < min) {
            problems.add(new Problem(
                    field,
                    what + " is " + w + "x" + h + " px, smaller than " + min + " px on a side",
                    "use an image at least " + min + "x" + min + " px"));
        }
        BigDecimal width = BigDecimal.valueOf(w);
        BigDecimal height = BigDecimal.valueOf(h);
        BigDecimal aspect = width.divide(height, 2, RoundingMode.HALF_UP); // for the message; the test is exact
        if (width.compareTo(limits.imageAspectMin().multiply(height)) < 0
                || width.compareTo(limits.imageAspectMax().multiply(height)) > 0) {
            problems.add(new Problem(
                    field,
                    what + " has aspect ratio " + aspect.toPlainString() + " (" + w + "x" + h + "), outside "
                            + ratio(limits.imageAspectMin()) + "–" + ratio(limits.imageAspectMax()),
                    "crop the image to a width/height ratio within that range"));
        }
    }

    private void checkVideo(MediaInfo info, String what, String field, List<Problem> problems) {
        int minS = limits.videoMinSeconds();
        int maxS = limits.videoMaxSeconds();
        Duration duration = info.duration().orElse(Duration.ZERO); // a video without a defect has one
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        boolean tooShort = seconds.compareTo(BigDecimal.valueOf(minS)) < 0;
        if (tooShort || seconds.compareTo(BigDecimal.valueOf(maxS)) > 0) {
            // shown to the millisecond, rounded away from the limit, so a refused length never looks allowed
            String shown = seconds.setScale(3, tooShort ? RoundingMode.FLOOR : RoundingMode.CEILING)
                    .stripTrailingZeros()
                    .toPlainString();
            problems.add(new Problem(
                    field,
                    what + " lasts " + shown + " s, outside " + minS + "–" + maxS + " s",
                    tooShort
                            ? "use a video of " + minS + "–" + maxS + " s"
                            : "trim the video to at most " + maxS + " s; the length is checked exactly, since a"
                                    + " started second is billed in full"));
        }
        OptionalDouble fps = info.frameRate();
        int minFps = limits.videoMinFps();
        int maxFps = limits.videoMaxFps();
        if (fps.isPresent() && (Math.round(fps.getAsDouble()) < minFps || Math.round(fps.getAsDouble()) > maxFps)) {
            problems.add(new Problem(
                    field,
                    what + " has a frame rate of " + fps(fps.getAsDouble()) + " fps, outside " + minFps + "–" + maxFps
                            + " fps",
                    "re-encode it at " + minFps + "–" + maxFps + " fps, e.g. ffmpeg -i in.mp4 -r 30 out.mp4"));
        }
        int minPx = limits.videoMinSidePx();
        int maxPx = limits.videoMaxSidePx();
        int w = info.width();
        int h = info.height();
        if (Math.min(w, h) < minPx || Math.max(w, h) > maxPx) {
            problems.add(new Problem(
                    field,
                    what + " is " + w + "x" + h + " px, but each side must be " + minPx + "–" + maxPx + " px",
                    "scale the video so both sides are within " + minPx + "–" + maxPx + " px"));
        }
    }

    /** A frame rate as people write it: 30, 23.976, 59.94. */
    private static String fps(double fps) {
        return BigDecimal.valueOf(fps)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String article(MediaFormat f) {
        return f == MediaFormat.AVIF || f == MediaFormat.MP4 ? "an" : "a";
    }

    private static String ratio(BigDecimal r) {
        return r.setScale(Math.max(2, r.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String mib(long bytes) {
        return BigDecimal.valueOf(bytes)
                        .divide(BigDecimal.valueOf(1 << 20), 1, RoundingMode.HALF_UP)
                        .toPlainString() + " MiB";
    }
}
