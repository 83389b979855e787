package dev.todo.domain.model;

/**
 * The root of every error the domain raises on purpose. Adapters translate its subtypes into their own protocol
 * (an HTTP status, a message to a caller); anything else that escapes a use case is a defect.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception with a message.
     *
     * @param message a message for humans; it never contains tenant data beyond what the caller sent
     */
    protected DomainException(String message) {
        super(message);
    }

    /**
     * Makes an exception with a message and its cause.
     *
     * @param message a message for humans
     * @param cause   the underlying failure, kept for logs
     */
    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
