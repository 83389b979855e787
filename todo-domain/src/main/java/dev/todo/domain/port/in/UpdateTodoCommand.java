package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import java.util.Objects;

/**
 * Change parts of a todo of a tenant.
 *
 * @param tenant  who asks
 * @param id      which todo
 * @param changes what changes; {@link TodoChanges#none()} changes nothing
 */
public record UpdateTodoCommand(TenantId tenant, TodoId id, TodoChanges changes) {

    /**
     * Checks that every member is there.
     *
     * @throws NullPointerException if a member is null
     */
    public UpdateTodoCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(changes, "changes");
    }
}
