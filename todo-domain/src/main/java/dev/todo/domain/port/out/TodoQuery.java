package dev.todo.domain.port.out;

import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link TodoRepository#find(dev.todo.domain.model.TenantId, TodoQuery)} reads.
 * @param after only todos strictly after this position in that order; empty for all
 */
public record TodoQuery(Optional<Boolean> completed, TodoSort sort, Optional<TodoPosition> after, OptionalInt limit) {

    public TodoQuery {
        Objects.requireNonNull(completed, "completed");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(limit, "limit");
    }
}
