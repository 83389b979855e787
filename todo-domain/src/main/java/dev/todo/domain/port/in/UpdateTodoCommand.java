package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Change parts of a todo of a tenant, optionally only if it still has a given version.
 * @param changes what changes; {@link TodoChanges#none()} changes nothing
 * @param expectedVersion the version the todo must still have, or empty to change it whatever its version
 */
public record UpdateTodoCommand(TenantId tenant, TodoId id, TodoChanges changes, OptionalLong expectedVersion) {

    /**
     * Checks that every member is there.
     * @throws NullPointerException if a member is null
     */
    public UpdateTodoCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }

    /** An unconditional change. */
    public UpdateTodoCommand(TenantId tenant, TodoId id, TodoChanges changes) {
        this(tenant, id, changes, OptionalLong.empty());
    }
}
