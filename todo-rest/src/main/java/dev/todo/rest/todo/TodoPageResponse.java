package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the todos of a tenant (the list route with {@code limit}).
 *
 * @param items      the todos of this page, in the requested order
 * @param count      how many todos this page holds
 * @param nextCursor the cursor of the next page, or null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TodoPage", description = "A page of the tenant's todos (when limit is given).",
        requiredProperties = {"items", "count", "next_cursor"})
public record TodoPageResponse(
        @Schema(description = "The todos of this page, in the requested order.") List<TodoResponse> items,
        @Schema(description = "How many todos this page holds.", example = "50") int count,
        @Nullable @JsonProperty("next_cursor")
        @Schema(description = "Pass it as cursor (with the same sort and completed) for the next page; null on the "
                + "last page.", nullable = true)
        String nextCursor) {

    /** Keeps an unmodifiable copy of the todos. */
    public TodoPageResponse {
        items = List.copyOf(items);
    }
}
