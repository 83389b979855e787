package dev.todo.domain.model;

/**
 * The root of every error the domain raises on purpose. Adapters translate its subtypes into their own protocol (an
 * HTTP status, a message to a caller); anything else that escapes a use case is a defect.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Makes an exception with a message. */
    protected DomainException(String message) {
        super(message);
    }

    /** Makes an exception with a message and its cause. */
    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
