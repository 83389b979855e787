package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import java.util.OptionalLong;

/** Flip a todo between open and done. */
public interface ToggleTodoUseCase {

    /**
     * Marks an open todo done and a done todo open, writing the flip only onto the state it read, so that two toggles
     * at once flip it twice rather than once.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     */
    default Todo toggle(TenantId tenant, TodoId id) {
        return toggle(tenant, id, OptionalLong.empty());
    }

    /**
     * Flips the todo if it still has the expected version.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     * @throws dev.todo.domain.model.VersionMismatchException if the todo no longer has the expected version
     */
    Todo toggle(TenantId tenant, TodoId id, OptionalLong expectedVersion);
}
