package dev.kling4j.core.media;

import java.util.List;

/** The image and video formats kling4j can recognise from a file's header. */
public enum MediaFormat {
    /** PNG image. */
    PNG("image/png", false, "png"),
    /** JPEG image. */
    JPEG("image/jpeg", false, "jpg", "jpeg"),
    /** GIF image. */
    GIF("image/gif", false, "gif"),
    /** WebP image (lossy, lossless or extended). */
    WEBP("image/webp", false, "webp"),
    /** AVIF image. */
    AVIF("image/avif", false, "avif"),
    /** MPEG-4 video. */
    MP4("video/mp4", true, "mp4"),
    /** QuickTime video. */
    MOV("video/quicktime", true, "mov");

    private final String mimeType;
    private final boolean video;
    private final List<String> extensions;

    MediaFormat(String mimeType, boolean video, String... extensions) {
        this.mimeType = mimeType;
        this.video = video;
        this.extensions = List.of(extensions);
    }

    /**
     * The MIME type to upload the file with.
     *
     * @return e.g. {@code image/png}
     */
    public String mimeType() {
        return mimeType;
    }

    /**
     * Whether this is a video format.
     *
     * @return true for MP4 and MOV
     */
    public boolean isVideo() {
        return video;
    }

    /**
     * The lower-case file extensions of this format, the usual one first.
     *
     * @return e.g. {@code [jpg, jpeg]}
     */
    public List<String> extensions() {
        return extensions;
    }
}
