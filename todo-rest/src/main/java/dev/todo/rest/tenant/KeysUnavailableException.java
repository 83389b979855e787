package dev.todo.rest.tenant;

/**
 * The key set could not be fetched, so nothing is known about the token: 503, retry the same token later (a 401
 * would have the client throw a good token away). The message and the cause (for the log) are about the fetch only.
 */
public final class KeysUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private static final String DESCRIPTION = "The service cannot fetch the keys to verify tokens. Retry later.";

    KeysUnavailableException(Throwable cause) {
        super(DESCRIPTION, cause);
    }

    /** A short, safe description for the client. */
    public String description() {
        return DESCRIPTION;
    }
}
