package dev.kling4j.core.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An I/O failure of one attempt, with whether the request had started to go out on the wire. Raised by
 * the OkHttp adapter and turned into a {@link dev.kling4j.core.error.KlingException} by the retry layer.
 * Not API.
 */
public final class HttpIOException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /** Whether the request reached the wire before the failure. */
    private final boolean requestSent;

    /**
     * Creates the exception.
     *
     * @param cause the failure
     * @param requestSent whether writing the request had started (the server may have it)
     */
    public HttpIOException(IOException cause, boolean requestSent) {
        super(cause.toString(), cause);
        this.requestSent = requestSent;
    }

    /**
     * Whether writing the request had started when the failure happened.
     *
     * @return true when the server may have received the request
     */
    public boolean requestSent() {
        return requestSent;
    }
}
