package dev.kling4j.core.media;

/** What a request field expects a {@link Media} to be. */
public enum MediaRole {
    /** An image: start or end frame, reference image, element image. */
    IMAGE,
    /** A video: a video-to-video source or an element's video. */
    VIDEO
}
