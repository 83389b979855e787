package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import java.util.List;

/** List the todos of a tenant. */
public interface ListTodosUseCase {

    /** Lists the todos of the tenant, in one unit of work. */
    List<Todo> list(TenantId tenant);

    /**
     * A page of the tenant's todos. Paging through all pages visits every todo that exists throughout, and whose sort
     * key does not change meanwhile, exactly once (keyset paging: a todo whose key moves may move past the position, or
     * behind it).
     * @throws dev.todo.domain.model.ListTooLargeException if the query has no limit and more todos match than
     *   {@link dev.todo.domain.model.TodoLimits#maxUnpagedList()}
     */
    TodoPage list(ListTodosQuery query);
}
