package dev.todo.domain.model;

/** An idempotency key came back with a different request than the one it was first used for; nothing was done. */
public final class IdempotencyKeyReusedException extends DomainException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public IdempotencyKeyReusedException() {
        super("The idempotency key was used for a different request");
    }
}
