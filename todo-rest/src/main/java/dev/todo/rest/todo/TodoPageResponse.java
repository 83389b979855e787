package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the todos of a tenant (the list route with {@code limit}). The OpenAPI document describes both list
 * answers with this record's schema, {@code TodoList}: {@code next_cursor} is optional there, since the whole list
 * ({@link TodoListResponse}) has none (docs/adr/0030).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TodoList", description = "The tenant's todos. Without limit: every todo, oldest first by "
        + "(created_at, id), as {items, count}. With limit: one page, {items, count, next_cursor}.",
        requiredProperties = {"items", "count"})
public record TodoPageResponse(
        @Schema(description = "The todos (of this page), in the requested order.") List<TodoResponse> items,
        @Schema(description = "How many todos there are (in this page).", example = "1") int count,
        @Nullable @JsonProperty("next_cursor")
        @Schema(description = "Only when paging (with limit), and then always present: pass it as cursor (with the "
                + "same limit, sort and completed) for the next page; null on the last page.", nullable = true)
        String nextCursor) {

    /** Keeps an unmodifiable copy of the todos. */
    public TodoPageResponse {
        items = List.copyOf(items);
    }
}
