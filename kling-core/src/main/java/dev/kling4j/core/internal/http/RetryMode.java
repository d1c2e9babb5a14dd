package dev.kling4j.core.internal.http;

/** Which failures of a call the retry layer may repeat. Not API. */
public enum RetryMode {
    /** Never repeated. */
    NONE,
    /**
     * A call that starts billed work (a queue submit): repeated only when fal cannot have accepted it
     * (connection failed before the request was written, 429, 502/503/504 without {@code x-fal-request-id}).
     */
    SUBMIT,
    /** An idempotent call (cancel, upload PUT, download): connection failures, 408, 429, 502, 503, 504. */
    IDEMPOTENT,
    /** A status or result read: as {@link #IDEMPOTENT}, plus 500. */
    READ
}
