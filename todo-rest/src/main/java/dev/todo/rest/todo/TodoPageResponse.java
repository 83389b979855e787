package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the todos of a tenant (the list route with {@code limit}); the whole list is
 * {@link TodoListResponse}. The OpenAPI document's {@code TodoList} describes both (docs/adr/0030).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TodoPageResponse(List<TodoResponse> items, int count,
                               @Nullable @JsonProperty("next_cursor") String nextCursor) {

    /** Keeps an unmodifiable copy of the todos. */
    public TodoPageResponse {
        items = List.copyOf(items);
    }
}
