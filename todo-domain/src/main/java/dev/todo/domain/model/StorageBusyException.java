package dev.todo.domain.model;

/**
 * The store answers, but is busy with other work: the use case waited its turn for longer than the store allows and
 * did not run, so nothing changed. Unlike {@link StorageUnavailableException} nothing is broken; the same request
 * is likely to succeed if retried after a moment. Out-port implementations raise it.
 */
public final class StorageBusyException extends DomainException {

    private static final long serialVersionUID = 1L;

    /** Makes the exception for a use case that could not get its turn in time. */
    public StorageBusyException(String message) {
        super(message);
    }
}
