package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import java.util.OptionalLong;

/** Follow a tenant's changes: the todos created, changed and deleted since a client last looked. */
public interface SyncTodosUseCase {

    /** The largest batch. */
    int MAX_BATCH = 500;

    /**
     * The tenant's changes after a position, in feed order. Applying the batches one after another (upserting and
     * deleting by id), starting from nothing, ends with exactly the tenant's todos.
     * @throws dev.todo.domain.model.ChangesForgottenException if deletions after {@code since} are no longer kept
     * @throws dev.todo.domain.model.ValidationException if {@code since} or {@code limit} is out of range
     */
    ChangeBatch changesSince(TenantId tenant, OptionalLong since, int limit);
}
