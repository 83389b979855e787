package dev.todo.domain.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The order of a list of todos: by one field, ascending or descending, then by id in the same direction, so that the
 * order is total and a page can start exactly after the last todo of the previous one.
 */
public record TodoSort(Field field, boolean descending) {

    /** The order of the plain list: oldest first. */
    public static final TodoSort CREATION = new TodoSort(Field.CREATED_AT, false);

    /** What a list can be ordered by. */
    public enum Field {
        CREATED_AT,
        UPDATED_AT,
        TITLE
    }

    public TodoSort {
        Objects.requireNonNull(field, "field");
    }

    /** {@return how this sort orders todos, the id breaking ties} */
    public Comparator<Todo> comparator() {
        Comparator<Todo> byField = switch (field) {
            case CREATED_AT -> Comparator.comparing(Todo::createdAt);
            case UPDATED_AT -> Comparator.comparing(Todo::updatedAt);
            case TITLE -> Comparator.comparing(todo -> todo.title().value(), TodoSort::compareCodePoints);
        };
        Comparator<Todo> total = byField.thenComparing(Todo::id);
        return descending ? total.reversed() : total;
    }

    /** {@return the sort key of a todo under this sort, in the text form a {@link TodoPosition} keeps} */
    public String keyOf(Todo todo) {
        return switch (field) {
            case CREATED_AT -> todo.createdAt().toString();
            case UPDATED_AT -> todo.updatedAt().toString();
            case TITLE -> todo.title().value();
        };
    }

    /**
     * Compares two strings by Unicode code point, as titles are ordered here and as PostgreSQL's "C" collation does
     * with UTF-8; adapters that order titles themselves use it to agree with the database.
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
