package dev.todo.domain.model;

/**
 * A client asked for the changes since a position older than the tenant's oldest remembered deletion: some deletions
 * since then have been forgotten (tombstones are kept for a while only), so the client must sync again from the
 * beginning.
 */
public final class ChangesForgottenException extends DomainException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ChangesForgottenException() {
        super("Changes this old are no longer kept; sync again from the beginning");
    }
}
