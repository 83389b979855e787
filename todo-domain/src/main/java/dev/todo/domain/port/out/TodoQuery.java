package dev.todo.domain.port.out;

import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link TodoRepository#find(dev.todo.domain.model.TenantId, TodoQuery)} reads.
 * @param filter which todos ({@link TodoFilter#matches})
 * @param now the instant the filter's {@code overdue} is judged at
 * @param after only todos strictly after this position in that order; empty for all
 */
public record TodoQuery(TodoFilter filter, Instant now, TodoSort sort, Optional<TodoPosition> after,
                        OptionalInt limit) {

    public TodoQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(limit, "limit");
    }

    /** Only done or only open todos ({@code completed}), or all of them. */
    public TodoQuery(Optional<Boolean> completed, TodoSort sort, Optional<TodoPosition> after, OptionalInt limit) {
        this(TodoFilter.completed(completed), Instant.EPOCH, sort, after, limit);
    }

    /** {@return whether only done or only open todos are read} */
    public Optional<Boolean> completed() {
        return filter.completed();
    }

    /** {@return true if the todo is one this query reads, wherever it is in the order} */
    public boolean matches(Todo todo) {
        return filter.matches(todo, now);
    }

    /** {@return true if the todo is one this query reads and comes after its position} */
    public boolean selects(Todo todo) {
        return matches(todo) && after.map(p -> p.precedes(todo, filter.search().orElse(null))).orElse(true);
    }
}
