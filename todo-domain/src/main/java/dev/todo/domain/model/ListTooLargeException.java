package dev.todo.domain.model;

/**
 * A list without a page size would hold more todos than {@link TodoLimits#maxUnpagedList()}: it is refused, so that no
 * single answer grows with the tenant's todos, and must be read page by page.
 */
public final class ListTooLargeException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    /** Creates the {@code ListTooLargeException}. */
    public ListTooLargeException(int limit) {
        super("The list holds more than " + limit + " todos, the most one answer may hold; read it page by page");
        this.limit = limit;
    }

    /** {@return how many todos an unpaged list may hold} */
    public int limit() {
        return limit;
    }
}
