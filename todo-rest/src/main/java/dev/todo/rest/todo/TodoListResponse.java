package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The todos of a tenant (the list route without {@code limit}); the OpenAPI document's {@code TodoList}, whose
 * {@code next_cursor} is optional, describes it (docs/adr/0030).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TodoListResponse(List<TodoResponse> items, int count) {

    /** Keeps an unmodifiable copy of the todos. */
    public TodoListResponse {
        items = List.copyOf(items);
    }
}
