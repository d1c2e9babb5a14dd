package dev.kling4j.core.media;

import dev.kling4j.core.error.TransferStalledException;
import java.time.Duration;
import okio.Timeout;

/**
 * Ends a transfer that stops progressing. It moves the deadline of the connection's Okio timeout forward
 * each time another {@value TransferStalledException#MIN_PROGRESS_BYTES} bytes have moved; a read or write
 * still blocked when the deadline passes is then interrupted by OkHttp's own watchdog (which closes the
 * socket), so a body trickling in under the per-read timeout cannot hold a transfer forever, and no thread
 * of ours watches. OkHttp clears the deadline when the body is done, before the connection is reused.
 */
final class StallGuard {
    private final Timeout timeout;
    private final long windowNanos;
    private long mark;
    private long deadline;

    private StallGuard(Timeout timeout, Duration window, long startBytes) {
        this.timeout = timeout;
        this.windowNanos = window.toNanos();
        this.mark = startBytes;
        arm();
    }

    /** Guards a transfer whose byte count starts at {@code startBytes}, through the timeout of its sink or source. */
    static StallGuard on(Timeout timeout, Duration window, long startBytes) {
        return new StallGuard(timeout, window, startBytes);
    }

    /** Records how many bytes have moved in all; moves the deadline on when enough has moved since the last time. */
    void progress(long bytes) {
        if (bytes - mark >= TransferStalledException.MIN_PROGRESS_BYTES) {
            mark = bytes;
            arm();
        }
    }

    /** Whether the deadline has passed: a failure now is the stall's doing. */
    boolean stalled() {
        return System.nanoTime() - deadline >= 0;
    }

    private void arm() {
        deadline = System.nanoTime() + windowNanos;
        timeout.deadlineNanoTime(deadline);
    }
}
