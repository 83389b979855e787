package dev.todo.rest.todo;

import io.micronaut.serde.annotation.Serdeable;

/** How many completed todos were deleted. */
@Serdeable
public record ClearedResponse(int deleted) {
}
