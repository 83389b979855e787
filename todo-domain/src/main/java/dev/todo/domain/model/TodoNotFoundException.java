package dev.todo.domain.model;

/**
 * The tenant has no todo with the requested id. It is raised alike whether the id is unknown or belongs to another
 * tenant, so that nobody can learn that another tenant's todo exists.
 */
public final class TodoNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final transient TodoId id;

    /** Makes the exception for an id the tenant does not have. */
    public TodoNotFoundException(TodoId id) {
        super("Todo not found");
        this.id = id;
    }

    /** {@return the id that was asked for} */
    public TodoId id() {
        return id;
    }
}
