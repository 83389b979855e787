package dev.todo.domain.port.out;

import dev.todo.domain.model.DomainException;

/**
 * The store cannot be reached right now (it is down, unreachable or overloaded). Nothing was changed; the same
 * request may succeed if retried later.
 */
public final class StorageUnavailableException extends DomainException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for logs; never shown to end users as it is
     * @param cause   the underlying failure
     */
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
