package dev.todo.rest.tenant;

/**
 * A bearer token was refused (401): retrying the same one cannot succeed. Its message is the {@link #description()},
 * a fixed sentence per reason, safe for the client; it has no cause, so no library message quoting the token leaks.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String description;

    InvalidTokenException(String description) {
        // No stack trace: a refused token is an ordinary outcome, and a flood of bad tokens should stay cheap.
        super(description, null, false, false);
        this.description = description;
    }

    /** A short, safe description for the client, such as "The token has expired". */
    public String description() {
        return description;
    }
}
