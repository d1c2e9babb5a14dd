package dev.kling4j.core.webhook;

import dev.kling4j.core.error.KlingException;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook delivery that {@link WebhookVerifier} refused, with the {@link Reason} why.
 *
 * <p>The message names the header or check that failed; it never contains the body. When the delivery
 * carried an {@code X-Fal-Webhook-Request-Id} header, {@link #requestId()} returns it (unverified: it is
 * what the sender claimed). Answer the delivery with {@link Reason#httpStatus()}: a 5xx for a reason on
 * our side makes fal deliver again later; a 4xx for a forged or broken delivery does not matter to fal.
 */
public final class WebhookVerificationException extends KlingException {
    private static final long serialVersionUID = 1L;

    /** Why a delivery was refused. */
    public enum Reason {
        /** A required {@code X-Fal-Webhook-*} header is absent or blank; {@link #header()} names it. */
        MISSING_HEADER(400),
        /** A header is present but unreadable (timestamp not a number, signature not 64 bytes of hex). */
        MALFORMED_HEADER(400),
        /** The timestamp is further from now than the tolerance, in the past or the future: a replay or a bad clock. */
        STALE_TIMESTAMP(400),
        /** No key of the key set verifies the signature, even after fetching the key set again. */
        BAD_SIGNATURE(401),
        /** The key set holds no Ed25519 key at all. */
        NO_KEY(503),
        /** The key set could not be fetched or read; fal will deliver again, so answer 503. */
        JWKS_UNAVAILABLE(503),
        /** The signature verified but the body is not a webhook JSON object (only from {@code verifyAndParse}). */
        MALFORMED_BODY(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /**
         * The HTTP status a receiver should answer with: 5xx when the failure is on the receiver's side
         * (so fal retries the delivery), 4xx otherwise.
         *
         * @return the status code
         */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /** Why the delivery was refused. */
    private final Reason reason;
    /** The canonical name of the header at fault, or null. */
    private final String header;

    WebhookVerificationException(Reason reason, String header, String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.header = header;
    }

    /**
     * Why the delivery was refused.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The header at fault, for {@link Reason#MISSING_HEADER}, {@link Reason#MALFORMED_HEADER} and
     * {@link Reason#STALE_TIMESTAMP}.
     *
     * @return the canonical header name, e.g. {@code X-Fal-Webhook-Timestamp}, or empty
     */
    public Optional<String> header() {
        return Optional.ofNullable(header);
    }
}
