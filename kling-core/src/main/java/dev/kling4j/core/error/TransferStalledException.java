package dev.kling4j.core.error;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * An upload or a download made no progress for the client's {@code transferStallTimeout} (less than
 * {@value #MIN_PROGRESS_BYTES} bytes in that time, on every attempt it was given) and was abandoned. The
 * message says how far it got. A download resumes from where it stopped on each of its attempts; an upload
 * part is resent from its start.
 */
public final class TransferStalledException extends KlingConnectionException {
    private static final long serialVersionUID = 1L;

    /** The least a transfer must move within the stall timeout to count as progressing. */
    public static final long MIN_PROGRESS_BYTES = 16 * 1024;

    /** The file uploaded or the URL downloaded. */
    private final String what;
    /** Bytes moved before the stall. */
    private final long transferred;
    /** Bytes in all, or -1 when not known. */
    private final long total;
    /** The time without progress after which the transfer was abandoned. */
    private final Duration stallTimeout;

    /**
     * Creates the exception.
     *
     * @param what the file uploaded or the URL downloaded
     * @param transferred the bytes moved before it stalled
     * @param total the bytes in all, or -1 when not known
     * @param stallTimeout the time without progress after which it was abandoned
     * @param requestId fal's request id when the transfer belongs to one, or null
     * @param cause the I/O failure the stall ended in
     */
    public TransferStalledException(
            String what, long transferred, long total, Duration stallTimeout, String requestId, Throwable cause) {
        super(
                what + " stalled after " + transferred + (total >= 0 ? " of " + total : "") + " bytes: less than "
                        + MIN_PROGRESS_BYTES / 1024 + " KiB moved in "
                        + (stallTimeout.toMillis() % 1000 == 0
                                ? stallTimeout.toSeconds() + " s"
                                : stallTimeout.toMillis() + " ms")
                        + "; check the network, "
                        + "or raise KlingClient.Builder.transferStallTimeout for a slow link",
                requestId,
                cause);
        this.what = what;
        this.transferred = transferred;
        this.total = total;
        this.stallTimeout = stallTimeout;
    }

    /**
     * The file uploaded or the URL downloaded.
     *
     * @return a description
     */
    public String what() {
        return what;
    }

    /**
     * How far the transfer got.
     *
     * @return bytes moved before it stalled
     */
    public long transferred() {
        return transferred;
    }

    /**
     * The size of the whole transfer.
     *
     * @return the bytes in all, or empty when not known
     */
    public OptionalLong total() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }

    /**
     * The time without progress after which the transfer was abandoned.
     *
     * @return the stall timeout
     */
    public Duration stallTimeout() {
        return stallTimeout;
    }
}
