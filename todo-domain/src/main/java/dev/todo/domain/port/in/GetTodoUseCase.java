package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;

/** Read one todo of a tenant. */
public interface GetTodoUseCase {

    /**
     * Reads one todo of the tenant, in one unit of work.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id, including when the id
     *   belongs to another tenant
     */
    Todo get(TenantId tenant, TodoId id);
}
