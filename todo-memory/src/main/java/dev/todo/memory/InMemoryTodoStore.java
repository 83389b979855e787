package dev.todo.memory;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Todos kept in memory: both out-ports of the domain in one object, for tests, tools and services that embed the
 * domain without a database. Nothing survives the object.
 *
 * <pre>{@code
 * InMemoryTodoStore store = new InMemoryTodoStore();
 * TodoService todos = new TodoService(store, store, Clock.systemUTC());
 * }</pre>
 *
 * <p><b>Units of work.</b> Each tenant has a read-write lock. A {@link Intent#WRITE WRITE} unit of work holds its
 * tenant's lock alone; {@link Intent#READ READ} units of the same tenant share it. Units of different tenants never
 * wait for each other. (A {@code READ} unit of a tenant that has no todos when it starts holds nothing and sees no
 * todos until it ends, as if it had run before any writer that overlaps it.) A unit's writes are visible to it at once and to other units only when it ends; if its work
 * throws (an exception or an error), every write it made is undone and the very same throwable propagates. Because a
 * writing unit holds its tenant alone, {@link #findForUpdate} needs no lock of its own: concurrent changes of a todo
 * apply one after another, each to the latest state.
 *
 * <p><b>Rules of use</b>, each enforced with an {@link IllegalStateException}: the repository methods run inside a unit
 * of work of this store, on the thread that runs the unit, with the tenant the unit acts for; a {@code READ} unit only
 * reads ({@link #insert}, {@link #update}, {@link #delete} and {@link #findForUpdate} need a {@code WRITE} unit). A
 * unit started inside another on the same thread joins it (its writes are kept or undone with the outer unit) if it
 * acts for the same tenant and does not write inside a reading unit; otherwise it is refused.
 *
 * <p>Instances are thread-safe. A tenant takes memory only while it has todos.
 */
public final class InMemoryTodoStore implements TodoRepository, UnitOfWork {

    /** The todos of one tenant, guarded by its lock. */
    private static final class Tenant {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<TodoId, Todo> todos = new HashMap<>();
    }

    /** What a write replaced, so that it can be put back: the previous todo, or null if there was none. */
    private record Undo(TodoId id, Todo previous) {
    }

    /** A unit of work in progress, seen only by the thread that runs it. */
    private static final class Unit {
        final TenantId tenantId;
        /** Null for a READ unit of a tenant that had no todos when it started: it sees none. */
        final Tenant tenant;
        final Intent intent;
        final Deque<Undo> undo = new ArrayDeque<>();

        Unit(TenantId tenantId, Tenant tenant, Intent intent) {
            this.tenantId = tenantId;
            this.tenant = tenant;
            this.intent = intent;
        }

        Map<TodoId, Todo> todos() {
            return tenant == null ? Map.of() : tenant.todos;
        }

        void rollBack() {
            while (!undo.isEmpty()) {
                Undo u = undo.pop();
                if (u.previous() == null) {
                    tenant.todos.remove(u.id());
                } else {
                    tenant.todos.put(u.id(), u.previous());
                }
            }
        }
    }

    private final ConcurrentHashMap<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    /** An empty store. */
    public InMemoryTodoStore() {
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: {@code WRITE} units of a tenant run one at a time, {@code READ} units of a tenant alongside each other,
     * and units of different tenants independently. A unit started inside another one on the same thread joins it.
     *
     * @throws IllegalStateException if a unit is started inside one for another tenant, or a {@code WRITE} unit inside
     *                               a {@code READ} one
     */
    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(work, "work");
        Unit outer = current.get();
        if (outer != null) {
            if (!outer.tenantId.equals(tenant)) {
                throw new IllegalStateException("a unit of work cannot run inside one that acts for another tenant");
            }
            if (intent == Intent.WRITE && outer.intent == Intent.READ) {
                throw new IllegalStateException("a WRITE unit of work cannot run inside a READ one");
            }
            return work.get();
        }
        Tenant state = lock(tenant, intent);
        Unit unit = new Unit(tenant, state, intent);
        current.set(unit);
        try {
            return work.get();
        } catch (Throwable e) {
            unit.rollBack();
            throw e;
        } finally {
            current.remove();
            if (state != null) {
                release(tenant, state, intent);
            }
        }
    }

    /**
     * Locks the tenant's todos for a unit of work: shared for reading, alone for writing. A READ unit of a tenant
     * without todos gets null and sees none, and leaves nothing behind.
     */
    private Tenant lock(TenantId tenant, Intent intent) {
        while (true) {
            Tenant state = intent == Intent.READ ? tenants.get(tenant) : tenants.computeIfAbsent(tenant, t -> new Tenant());
            if (state == null) {
                return null;
            }
            Lock lock = lockOf(state, intent);
            lock.lock();
            // A writer that emptied the tenant may have dropped this state while we waited: start again.
            if (tenants.get(tenant) == state) {
                return state;
            }
            lock.unlock();
        }
    }

    private void release(TenantId tenant, Tenant state, Intent intent) {
        if (intent == Intent.WRITE && state.todos.isEmpty()) {
            tenants.remove(tenant, state);
        }
        lockOf(state, intent).unlock();
    }

    private static Lock lockOf(Tenant state, Intent intent) {
        return intent == Intent.READ ? state.lock.readLock() : state.lock.writeLock();
    }

    private Unit unit(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Unit unit = current.get();
        if (unit == null) {
            throw new IllegalStateException("the repository is used outside a unit of work of this store");
        }
        if (!unit.tenantId.equals(tenant)) {
            throw new IllegalStateException("the repository is used for another tenant than its unit of work's");
        }
        return unit;
    }

    private Unit writingUnit(TenantId tenant) {
        Unit unit = unit(tenant);
        if (unit.intent != Intent.WRITE) {
            throw new IllegalStateException("a READ unit of work cannot write or lock todos");
        }
        return unit;
    }

    private static void requireOwner(TenantId tenant, Todo todo) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(todo, "todo");
        if (!todo.isOwnedBy(tenant)) {
            throw new IllegalArgumentException("todo " + todo.id() + " is not owned by the acting tenant");
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the tenant already has a todo with that id, or outside a {@code WRITE} unit of
     *                               work of this store for {@code tenant}
     */
    @Override
    public void insert(TenantId tenant, Todo todo) {
        requireOwner(tenant, todo);
        Unit unit = writingUnit(tenant);
        if (unit.tenant.todos.putIfAbsent(todo.id(), todo) != null) {
            throw new IllegalStateException("the tenant already has a todo with id " + todo.id());
        }
        unit.undo.push(new Undo(todo.id(), null));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a unit of work of this store for {@code tenant}
     */
    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(unit(tenant).todos().get(id));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the {@code WRITE} unit of work already holds the tenant alone, so this is {@link #find}.
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(writingUnit(tenant).todos().get(id));
    }

    /**
     * {@inheritDoc}
     *
     * @return an unmodifiable list
     * @throws IllegalStateException outside a unit of work of this store for {@code tenant}
     */
    @Override
    public List<Todo> findAll(TenantId tenant) {
        return unit(tenant).todos().values().stream().sorted(Todo.CREATION_ORDER).toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public boolean update(TenantId tenant, Todo todo, long expectedVersion) {
        requireOwner(tenant, todo);
        Unit unit = writingUnit(tenant);
        Todo stored = unit.tenant.todos.get(todo.id());
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        unit.tenant.todos.put(todo.id(), todo);
        unit.undo.push(new Undo(todo.id(), stored));
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public boolean delete(TenantId tenant, TodoId id) {
        Objects.requireNonNull(id, "id");
        Unit unit = writingUnit(tenant);
        Todo removed = unit.tenant.todos.remove(id);
        if (removed == null) {
            return false;
        }
        unit.undo.push(new Undo(id, removed));
        return true;
    }
}
