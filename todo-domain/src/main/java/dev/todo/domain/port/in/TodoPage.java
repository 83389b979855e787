package dev.todo.domain.port.in;

import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoPosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list of todos.
 * @param next where the next page starts; empty when there are no more todos
 */
public record TodoPage(List<Todo> items, Optional<TodoPosition> next) {

    public TodoPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
