package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;

/** Delete every done todo of a tenant at once. */
public interface ClearCompletedUseCase {

    /** Deletes the tenant's completed todos in one unit of work, leaving a tombstone for each in the change feed. */
    int clearCompleted(TenantId tenant);
}
