package dev.todo.domain.port.in;

import dev.todo.domain.model.Todo;

/** Move a todo in its tenant's hand-made order, and in or out of a parent. */
public interface MoveTodoUseCase {

    /**
     * Gives the todo a {@linkplain dev.todo.domain.model.OrderKey key} right after {@code after} (first when null),
     * among the todos of its new parent; only the moved todo changes. Moving a todo where it already is changes
     * nothing.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     * @throws dev.todo.domain.model.VersionMismatchException if the todo no longer has the expected version
     * @throws dev.todo.domain.model.ValidationException naming {@code after} if it is the moved todo, not a todo of
     *     the tenant, or not a todo of the same parent; naming {@code parent_id} if the parent is the moved todo, not a
     *     todo of the tenant, a subtask, or if the moved todo has subtasks of its own
     */
    Todo move(MoveTodoCommand command);
}
