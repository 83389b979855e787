package dev.todo.domain.port.out;

import dev.todo.domain.model.TenantId;

/**
 * What happened to todos, told once the use case's unit of work has returned: for counters, notifications or audit.
 * (When the use case runs inside an enclosing unit of work, such as an idempotent request's, that one commits
 * afterwards.) The methods must return quickly and must not fail; they are not part of the unit of work.
 */
public interface TodoEvents {

    /** Listens to nothing. */
    TodoEvents NONE = new TodoEvents() {
    };

    /** A todo was created. */
    default void created(TenantId tenant) {
    }

    /** An open todo was marked done. */
    default void completed(TenantId tenant) {
    }

    /** Todos were deleted. */
    default void deleted(TenantId tenant, int count) {
    }
}
