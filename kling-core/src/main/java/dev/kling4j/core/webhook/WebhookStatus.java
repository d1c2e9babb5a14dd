package dev.kling4j.core.webhook;

import dev.kling4j.core.OpenEnum;
import java.util.List;

/**
 * The outcome a webhook delivery reports: {@link #OK}, {@link #ERROR}, or a value fal added later, kept as
 * sent (an open enum: an unknown value never fails a parse).
 *
 * <pre>{@code
 * if (event.status().equals(WebhookStatus.OK)) { ... }
 * }</pre>
 */
public final class WebhookStatus extends OpenEnum {
    /** The request succeeded; {@code payload} holds the model's output. */
    public static final WebhookStatus OK = new WebhookStatus("OK");
    /** The request failed; {@code payload} holds the error body. */
    public static final WebhookStatus ERROR = new WebhookStatus("ERROR");

    private static final List<WebhookStatus> KNOWN = List.of(OK, ERROR);

    private WebhookStatus(String value) {
        super(value);
    }

    /**
     * The status for a wire value: a known constant when it is one, else a new unknown status.
     *
     * @param value the {@code status} field as sent
     * @return the status
     */
    public static WebhookStatus of(String value) {
        return lookup(value, KNOWN, WebhookStatus::new);
    }

    /**
     * Whether this is one of the constants of this class.
     *
     * @return true for {@link #OK} and {@link #ERROR}
     */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }
}
