package dev.todo.domain.port.in;

import dev.todo.domain.model.Todo;

/** Create a todo. */
public interface CreateTodoUseCase {

    /** Creates an open todo, owned by the command's tenant, in one unit of work. */
    Todo create(CreateTodoCommand command);
}
