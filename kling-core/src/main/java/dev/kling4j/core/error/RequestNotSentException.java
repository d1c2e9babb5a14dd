package dev.kling4j.core.error;

/**
 * A call kling4j refused before anything reached fal: nothing was uploaded or submitted, nothing was
 * spent, and there is no request id. Fix what the message names and call again.
 *
 * <p>The classes: {@link InvalidRequestException} (the request breaks the endpoint table's rules, or a
 * local file its limits), {@link BudgetExceededException} (the estimate is over the budget),
 * {@link MissingCredentialsException} (no API key) and {@link UnknownModelException} (no model has the key
 * asked for).
 */
public abstract class RequestNotSentException extends KlingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused and how to fix it
     */
    protected RequestNotSentException(String message) {
        super(message);
    }
}
