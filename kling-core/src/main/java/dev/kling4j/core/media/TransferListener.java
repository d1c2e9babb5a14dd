package dev.kling4j.core.media;

/**
 * Receives the progress of an upload or a download. Called from the threads doing the transfer (several at
 * once for a multipart upload): keep it quick and thread-safe.
 */
@FunctionalInterface
public interface TransferListener {
    /** A listener that ignores progress. */
    TransferListener NONE = (name, done, total) -> {};

    /**
     * Reports progress. {@code done} only grows, except when a download the server would not resume starts
     * over from 0.
     *
     * @param name the file being transferred (a path, a file name or a URL)
     * @param done bytes transferred so far
     * @param total bytes in all, or -1 when not known
     */
    void onProgress(String name, long done, long total);
}
