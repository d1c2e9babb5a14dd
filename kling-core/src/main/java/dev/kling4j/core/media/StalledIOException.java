package dev.kling4j.core.media;

import java.io.IOException;

/** An upload body that stopped progressing, with how far it got; turned into a TransferStalledException. */
final class StalledIOException extends IOException {
    private static final long serialVersionUID = 1L;

    final long transferred;

    StalledIOException(long transferred, IOException cause) {
        super("no progress after " + transferred + " bytes", cause);
        this.transferred = transferred;
    }
}
