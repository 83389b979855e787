package dev.todo.domain.model;

/** A request with the same idempotency key is being processed right now; retry when it has finished. */
public final class IdempotencyKeyInFlightException extends DomainException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public IdempotencyKeyInFlightException() {
        super("A request with this idempotency key is still being processed");
    }
}
