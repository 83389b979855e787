package dev.todo.domain.model;

/** No todo of the tenant carries the tag. Another tenant's tags are never seen, as if they did not exist. */
public final class TagNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /** Makes the exception for a tag name no todo of the tenant carries. */
    public TagNotFoundException(String name) {
        super("Tag not found");
        this.name = name;
    }

    /** {@return the name that was asked for} */
    public String name() {
        return name;
    }
}
