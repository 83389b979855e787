package dev.todo.rest.tenant;

/**
 * The keys to check a token could not be had: the JWKS endpoint did not answer, answered an error, or sent
 * something that is not a key set. Nothing is known about the token, which may well be valid, so this is the
 * service's trouble, not the client's: answer 503 and let the client retry the same token later, rather than 401,
 * which would tell it to throw away a good token and sign in again.
 *
 * <p>The message names the failure of the key fetch and never the token. The cause, kept for the server log, is
 * about the fetch only (an I/O or parse error for the JWKS URL), never about the token.
 */
public final class KeysUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private static final String DESCRIPTION = "The service cannot fetch the keys to verify tokens. Retry later.";

    KeysUnavailableException(Throwable cause) {
        super(DESCRIPTION, cause);
    }

    /**
     * @return a short, safe description for the client
     */
    public String description() {
        return DESCRIPTION;
    }
}
