package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Delete a todo of a tenant, optionally only if it still has a given version.
 * @param expectedVersion the version the todo must still have, or empty to delete it whatever its version
 */
public record DeleteTodoCommand(TenantId tenant, TodoId id, OptionalLong expectedVersion) {

    public DeleteTodoCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
}
