package dev.todo.rest.todo;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** How many completed todos were deleted. */
@Serdeable
@Schema(name = "Cleared", description = "How many completed todos were deleted.", requiredProperties = {"deleted"})
public record ClearedResponse(@Schema(description = "How many completed todos were deleted.", example = "3")
                              int deleted) {
}
