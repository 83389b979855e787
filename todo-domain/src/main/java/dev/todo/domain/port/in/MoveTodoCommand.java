package dev.todo.domain.port.in;

import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Move a todo of a tenant.
 * @param after the todo it goes right after, or null to go first among its parent's subtasks (or the top-level todos)
 * @param changesParent true to set the parent ({@code parent}), false to keep it
 * @param parent the todo it becomes a subtask of, or null for top level; ignored unless {@code changesParent}
 * @param expectedVersion the version the todo must still have, or empty to move it whatever its version
 */
public record MoveTodoCommand(TenantId tenant, TodoId id, @Nullable TodoId after, boolean changesParent,
                              @Nullable TodoId parent, OptionalLong expectedVersion) {

    public MoveTodoCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        if (!changesParent) {
            parent = null;
        }
    }

    /** A move among the todo's siblings, its parent kept. */
    public static MoveTodoCommand after(TenantId tenant, TodoId id, @Nullable TodoId after,
                                       OptionalLong expectedVersion) {
        return new MoveTodoCommand(tenant, id, after, false, null, expectedVersion);
    }

    /** A move under another parent ({@code parent} null: to top level). */
    public static MoveTodoCommand under(TenantId tenant, TodoId id, @Nullable TodoId parent, @Nullable TodoId after,
                                        OptionalLong expectedVersion) {
        return new MoveTodoCommand(tenant, id, after, true, parent, expectedVersion);
    }
}
