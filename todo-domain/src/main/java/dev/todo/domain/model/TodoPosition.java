package dev.todo.domain.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a page of todos ends: the sort key and the id of its last todo. The next page starts strictly after it (keyset
 * paging), so a todo created, changed or deleted meanwhile neither shifts nor repeats the others.
 * @param key the last todo's sort key: an ISO-8601 instant for the time fields, the title for {@code TITLE}
 */
public record TodoPosition(TodoSort sort, String key, TodoId id) {

    public TodoPosition {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        if (sort.field() != TodoSort.Field.TITLE) {
            try {
                Instant.parse(key);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the key of a " + sort.field() + " position must be an instant");
            }
        }
    }

    /** Returns the position right after it. */
    public static TodoPosition after(TodoSort sort, Todo todo) {
        return new TodoPosition(sort, sort.keyOf(todo), todo.id());
    }

    /** {@return the key as an instant, for the time fields} */
    public Instant instant() {
        return Instant.parse(key);
    }

    /** Returns true if the todo comes after this position in its order, and so belongs to a later page. */
    public boolean precedes(Todo todo) {
        int c = switch (sort.field()) {
            case CREATED_AT -> todo.createdAt().compareTo(instant());
            case UPDATED_AT -> todo.updatedAt().compareTo(instant());
            case TITLE -> TodoSort.compareCodePoints(todo.title().value(), key);
        };
        if (c == 0) {
            c = todo.id().compareTo(id);
        }
        return sort.descending() ? c < 0 : c > 0;
    }
}
