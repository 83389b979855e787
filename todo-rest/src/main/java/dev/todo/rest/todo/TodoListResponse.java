package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The todos of a tenant.
 *
 * @param items the todos, oldest first
 * @param count how many there are
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TodoList", description = "Every todo of the tenant, oldest first by (created_at, id).",
        requiredProperties = {"items", "count"})
public record TodoListResponse(
        @Schema(description = "The todos, oldest first.") List<TodoResponse> items,
        @Schema(description = "How many todos there are.", example = "1") int count) {

    /** Keeps an unmodifiable copy of the todos. */
    public TodoListResponse {
        items = List.copyOf(items);
    }
}
