package dev.todo.rest.tenant;

/**
 * A bearer token was refused: it is malformed, wrongly signed, expired, meant for someone else, or names no valid
 * tenant. The client should get a new token; retrying the same one cannot succeed.
 *
 * <p>Checked, so that a resolver cannot forget to answer it. The message is the {@link #description()}: a short
 * sentence fixed per reason, safe to send to the client. It never contains the token, and the exception has no
 * cause, so that no library message, which may quote the token's decoded parts, reaches a log through it.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String description;

    /**
     * @param description the reason, a fixed sentence that quotes nothing from the token
     */
    InvalidTokenException(String description) {
        // No stack trace: a refused token is an ordinary outcome, and a flood of bad tokens should stay cheap.
        super(description, null, false, false);
        this.description = description;
    }

    /**
     * @return a short, safe description for the client, e.g. "The token has expired"
     */
    public String description() {
        return description;
    }
}
