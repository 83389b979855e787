package dev.todo.domain.port.out;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage for todos. Every method is scoped to one tenant: a todo of another tenant is invisible to it, exactly
 * as if it did not exist. Methods are called inside a {@link UnitOfWork} and take part in it.
 *
 * <p>Every write (insert, update, delete) also takes the next position of the tenant's change feed
 * ({@link #changesSince}); writes of one tenant are serialised by it, so positions increase in commit order. A
 * deletion leaves a tombstone in the feed until {@link #forgetDeletionsBefore} drops it.
 *
 * <p>Implementations raise {@link dev.todo.domain.model.StorageUnavailableException} when the store cannot be
 * reached.
 */
public interface TodoRepository {

    /**
     * Stores a new todo, unless the tenant already has {@code maxTodos} todos. Counting and inserting are one atomic
     * step: concurrent inserts never take a tenant past the limit.
     *
     * @param tenant   the tenant acting; it owns {@code todo}
     * @param todo     the todo
     * @param maxTodos how many todos the tenant may have, at least 1
     * @return true if stored; false if the tenant is at the limit
     * @throws IllegalArgumentException if {@code todo} is not owned by {@code tenant}, or {@code maxTodos} is below 1
     */
    boolean insert(TenantId tenant, Todo todo, int maxTodos);

    /**
     * Returns the tenant's todo with that id, if any.
     *
     * @param tenant the tenant acting
     * @param id     the todo's id
     * @return the tenant's todo with that id, if any
     */
    Optional<Todo> find(TenantId tenant, TodoId id);

    /**
     * Reads a todo in order to change it: other units of work that want to change the same todo wait until this
     * one ends, so that changes apply one after another to the latest state.
     *
     * @param tenant the tenant acting
     * @param id     the todo's id
     * @return the tenant's todo with that id, if any
     */
    Optional<Todo> findForUpdate(TenantId tenant, TodoId id);

    /**
     * Returns every todo of the tenant, oldest first by {@link Todo#createdAt()}, then by id.
     *
     * @param tenant the tenant acting
     * @return every todo of the tenant, oldest first by {@link Todo#createdAt()}, then by id
     */
    List<Todo> findAll(TenantId tenant);

    /**
     * Returns the tenant's todos that match, in the query's order ({@link dev.todo.domain.model.TodoSort#comparator()}).
     *
     * @param tenant the tenant acting
     * @param query  which todos, in what order, from where, how many
     * @return the tenant's todos that match, in the query's order ({@link dev.todo.domain.model.TodoSort#comparator()})
     */
    List<Todo> find(TenantId tenant, TodoQuery query);

    /**
     * Replaces a stored todo with a newer state of it, if the stored one still has the expected version.
     *
     * @param tenant          the tenant acting; it owns {@code todo}
     * @param todo            the new state
     * @param expectedVersion the version the stored todo must have
     * @return true if it was replaced; false if the tenant has no such todo or its version differs
     * @throws IllegalArgumentException if {@code todo} is not owned by {@code tenant}
     */
    boolean update(TenantId tenant, Todo todo, long expectedVersion);

    /**
     * Deletes a todo and leaves its tombstone in the change feed.
     *
     * @param tenant    the tenant acting
     * @param id        the todo's id
     * @param deletedAt when, for the tombstone
     * @return true if the tenant's todo was deleted; false if the tenant has no such todo
     */
    boolean delete(TenantId tenant, TodoId id, Instant deletedAt);

    /**
     * Deletes every completed todo of the tenant, each leaving a tombstone with its own feed position.
     *
     * @param tenant    the tenant acting
     * @param deletedAt when, for the tombstones
     * @return how many todos were deleted
     */
    int deleteCompleted(TenantId tenant, Instant deletedAt);

    /**
     * Reads the tenant's change feed after a position.
     *
     * @param tenant the tenant acting
     * @param after  a feed position (0 for the beginning)
     * @param limit  at most this many changes
     * @return the tenant's changes after {@code after}, by position: each todo once, as it is now, at its latest
     *         position; each remembered tombstone at its position
     */
    List<TodoChange> changesSince(TenantId tenant, long after, int limit);

    /**
     * Drops the tenant's tombstones of deletions before {@code horizon}.
     *
     * @param tenant  the tenant acting
     * @param horizon deletions before this are forgotten
     */
    void forgetDeletionsBefore(TenantId tenant, Instant horizon);

    /**
     * Keeps at most {@code keep} of the tenant's tombstones, those of the latest deletions (the highest feed
     * positions), and drops the others, whatever their age, as {@link #forgetDeletionsBefore} does: they count as
     * forgotten ({@link #forgottenThrough}). A tenant that deletes fast thus cannot make its tombstones outgrow this
     * bound before the retention drops them.
     *
     * @param tenant the tenant acting
     * @param keep   how many tombstones the tenant keeps, at least 1
     * @throws IllegalArgumentException if {@code keep} is below 1
     */
    void forgetDeletionsBeyond(TenantId tenant, int keep);

    /**
     * Tells how far back the feed's deletions are remembered.
     *
     * @param tenant the tenant acting
     * @return the highest feed position of a forgotten deletion, or 0 if none was forgotten: a client that last
     *         synced before it may have missed a deletion
     */
    long forgottenThrough(TenantId tenant);
}
