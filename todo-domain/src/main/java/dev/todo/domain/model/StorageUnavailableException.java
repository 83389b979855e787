package dev.todo.domain.model;

/**
 * The store cannot be reached right now (it is down, unreachable or overloaded): the use case could not run, and the
 * same request may succeed if retried later. Out-port implementations raise it; it is a model error so that callers of
 * the in-ports can handle it without knowing the out-ports.
 */
public final class StorageUnavailableException extends DomainException {

    private static final long serialVersionUID = 1L;

    /** Makes the exception for a store that could not be reached. */
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
