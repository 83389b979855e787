package dev.todo.domain.port.out;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import java.util.List;
import java.util.Optional;

/**
 * Storage for todos. Every method is scoped to one tenant: a todo of another tenant is invisible to it, exactly
 * as if it did not exist. Methods are called inside a {@link UnitOfWork} and take part in it.
 *
 * <p>Implementations raise {@link dev.todo.domain.model.StorageUnavailableException} when the store cannot be reached.
 */
public interface TodoRepository {

    /**
     * Stores a new todo.
     *
     * @param tenant the tenant acting; it owns {@code todo}
     * @param todo   the todo
     * @throws IllegalArgumentException if {@code todo} is not owned by {@code tenant}
     */
    void insert(TenantId tenant, Todo todo);

    /**
     * Reads a todo of the tenant.
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
     * Reads every todo of the tenant.
     *
     * @param tenant the tenant acting
     * @return every todo of the tenant, oldest first by {@link Todo#createdAt()}, then by id
     */
    List<Todo> findAll(TenantId tenant);

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
     * Deletes a todo of the tenant.
     *
     * @param tenant the tenant acting
     * @param id     the todo's id
     * @return true if the tenant's todo was deleted; false if the tenant has no such todo
     */
    boolean delete(TenantId tenant, TodoId id);
}
