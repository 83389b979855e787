package dev.todo.domain.model;

/** The tenant already has as many todos as it may have; nothing was created. */
public final class QuotaExceededException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    /** Creates the {@code QuotaExceededException}. */
    public QuotaExceededException(int limit) {
        super("The tenant already has " + limit + " todos, the most it may have");
        this.limit = limit;
    }

    /** {@return how many todos a tenant may have} */
    public int limit() {
        return limit;
    }
}
