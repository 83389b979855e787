package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;

/** Flip a todo between open and done. */
public interface ToggleTodoUseCase {

    /**
     * Marks an open todo done and a done todo open, reading and changing it in one unit of work, so that two toggles
     * at once flip it twice rather than once.
     *
     * @param tenant who asks
     * @param id     which todo
     * @return the todo after the change
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     */
    Todo toggle(TenantId tenant, TodoId id);
}
