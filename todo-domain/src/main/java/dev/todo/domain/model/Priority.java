package dev.todo.domain.model;

import java.util.Locale;

/** How much a todo matters, ordered {@code NONE < LOW < MEDIUM < HIGH}; a new todo has {@link #NONE}. */
public enum Priority {
    NONE(0),
    LOW(1),
    MEDIUM(2),
    HIGH(3);

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "priority";

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    /** {@return the name clients read and write: {@code none}, {@code low}, {@code medium} or {@code high}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return 0 for {@link #NONE} up to 3 for {@link #HIGH}: the order, and the stored form} */
    public int rank() {
        return rank;
    }

    /**
     * The priority of a rank.
     * @throws IllegalArgumentException if the rank is not 0 to 3
     */
    public static Priority ofRank(int rank) {
        for (Priority priority : values()) {
            if (priority.rank == rank) {
                return priority;
            }
        }
        throw new IllegalArgumentException("no priority has rank " + rank);
    }

    /**
     * The priority a client named, exactly as {@link #wireName()} spells it.
     * @throws ValidationException naming {@code field} if it names none
     */
    public static Priority parse(String name, String field) {
        for (Priority priority : values()) {
            if (priority.wireName().equals(name)) {
                return priority;
            }
        }
        throw ValidationException.of(field, "must be one of none, low, medium, high");
    }

    /** {@link #parse(String, String)} for the todo's own {@value #FIELD} member. */
    public static Priority parse(String name) {
        return parse(name, FIELD);
    }
}
