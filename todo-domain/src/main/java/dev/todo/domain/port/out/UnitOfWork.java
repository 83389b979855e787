package dev.todo.domain.port.out;

import dev.todo.domain.model.TenantId;
import java.util.function.Supplier;

/**
 * A unit of work: everything a use case reads and writes through the out-ports happens all at once or not at
 * all. The services open exactly one per use case; storage adapters implement it (a database transaction, a lock).
 */
public interface UnitOfWork {

    /** What a unit of work intends to do. */
    enum Intent {
        /** It only reads. */
        READ,
        /** It may write. */
        WRITE
    }

    /**
     * Runs {@code work} as one unit of work on behalf of {@code tenant}. If {@code work} throws, nothing it wrote
     * is kept and the exception propagates unchanged. A unit of work started inside another, for the same tenant,
     * joins it: it commits or rolls back with the outer one. One started inside a unit of work for another tenant is
     * refused before its work runs, since it could neither join the outer one (one tenant's work would run as
     * another's) nor run apart from it (the outer one would no longer be all or nothing); the outer unit of work goes
     * on, and fails only if it lets the exception through.
     *
     * @param tenant the tenant the work acts for
     * @param intent whether the work writes
     * @param work   the work
     * @param <T>    what the work returns
     * @return what {@code work} returned
     * @throws dev.todo.domain.model.StorageUnavailableException if the store cannot be reached
     * @throws IllegalStateException                              if started inside a unit of work for another tenant
     */
    <T> T execute(TenantId tenant, Intent intent, Supplier<T> work);

    /**
     * Runs {@code work} that writes through exactly one call of a repository's write method (each of which is
     * atomic on its own), as one unit of work on behalf of {@code tenant}. Since that one call is all the work
     * writes, a store may run it without a transaction around it: a database then commits the write with its
     * statement, in one round trip instead of two. Work that reads, or writes more than once, must use
     * {@link #execute} with {@link Intent#WRITE}; a store may refuse a second statement of such work with an
     * {@link IllegalStateException}, which cannot undo the first. Started inside another unit of work, it joins it
     * as {@link #execute} does.
     *
     * <p>The default runs {@code work} as {@code execute(tenant, Intent.WRITE, work)}, which is always correct.
     *
     * @param tenant the tenant the work acts for
     * @param work   the work: one repository write
     * @param <T>    what the work returns
     * @return what {@code work} returned
     * @throws dev.todo.domain.model.StorageUnavailableException if the store cannot be reached
     * @throws IllegalStateException                              if started inside a unit of work for another tenant
     */
    default <T> T executeSingleWrite(TenantId tenant, Supplier<T> work) {
        return execute(tenant, Intent.WRITE, work);
    }
}
