package dev.todo.domain.model;

/**
 * A change was made on the condition that the todo still had a given version, and it no longer has it: someone else
 * changed it since the caller read it. Nothing was changed; the caller should read the todo again and decide.
 */
public final class VersionMismatchException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final transient TodoId id;
    private final long expected;
    private final long actual;

    /** Creates the {@code VersionMismatchException}. */
    public VersionMismatchException(TodoId id, long expected, long actual) {
        super("The todo has changed since it was read");
        this.id = id;
        this.expected = expected;
        this.actual = actual;
    }

    /** {@return the todo} */
    public TodoId id() {
        return id;
    }

    /** {@return the version the caller expected} */
    public long expected() {
        return expected;
    }

    /** {@return the version the todo has} */
    public long actual() {
        return actual;
    }
}
