package dev.todo.domain.port.out;

import dev.todo.domain.model.TenantId;
import java.util.function.Supplier;

/**
 * A unit of work: everything a use case reads and writes through the out-ports happens all at once or not at all (a
 * database transaction, a lock).
 */
public interface UnitOfWork {

    /** What a unit of work intends to do. */
    enum Intent {
        READ,
        WRITE
    }

    /**
     * Runs {@code work} as one unit of work for {@code tenant}; if it throws, nothing it wrote is kept and the
     * exception propagates unchanged. Started inside a unit of work for the same tenant, it joins it; inside one for
     * another tenant, it is refused before its work runs.
     * @throws dev.todo.domain.model.StorageUnavailableException if the store cannot be reached
     * @throws IllegalStateException if started inside a unit of work for another tenant
     */
    <T> T execute(TenantId tenant, Intent intent, Supplier<T> work);
}
