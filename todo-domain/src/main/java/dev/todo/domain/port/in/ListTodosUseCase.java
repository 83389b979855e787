package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import java.util.List;

/** List the todos of a tenant. */
public interface ListTodosUseCase {

    /**
     * Lists the todos of the tenant, in one unit of work.
     *
     * @param tenant who asks
     * @return every todo of the tenant, oldest first by creation time, then by id; never another tenant's
     */
    List<Todo> list(TenantId tenant);
}
