package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import java.util.OptionalLong;

/** Delete a todo. */
public interface DeleteTodoUseCase {

    /**
     * Deletes a todo, in one unit of work.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     * @throws dev.todo.domain.model.VersionMismatchException if the todo no longer has the expected version
     */
    void delete(DeleteTodoCommand command);

    /**
     * Deletes a todo whatever its version.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     */
    default void delete(TenantId tenant, TodoId id) {
        delete(new DeleteTodoCommand(tenant, id, OptionalLong.empty()));
    }
}
