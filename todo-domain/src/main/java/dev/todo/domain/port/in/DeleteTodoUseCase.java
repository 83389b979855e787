package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;

/** Delete a todo. */
public interface DeleteTodoUseCase {

    /**
     * Deletes a todo of the tenant, in one unit of work.
     *
     * @param tenant who asks
     * @param id     which todo
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     */
    void delete(TenantId tenant, TodoId id);
}
