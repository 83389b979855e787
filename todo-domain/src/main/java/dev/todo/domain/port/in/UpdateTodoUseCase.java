package dev.todo.domain.port.in;

import dev.todo.domain.model.Todo;

/** Change parts of a todo. */
public interface UpdateTodoUseCase {

    /**
     * Applies the changes to the latest state of the todo, atomically: the change is written only onto the state it was
     * applied to, so that of two changes at once neither is lost (ADR 0022). Empty changes write nothing and return the
     * todo as it is.
     * @throws dev.todo.domain.model.TodoNotFoundException if the tenant has no todo with that id
     * @throws dev.todo.domain.model.VersionMismatchException if the command expects a version the todo no longer has
     *   (checked even when the changes are empty)
     */
    Todo update(UpdateTodoCommand command);
}
