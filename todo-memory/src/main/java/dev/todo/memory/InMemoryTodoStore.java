package dev.todo.memory;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Todos kept in memory, for tests, tools and services that embed the domain without a database: the state the three
 * out-ports share; each port is a view of it. Thread-safe; nothing survives the object.
 *
 * <p>A {@code WRITE} unit of work holds its tenant alone, {@code READ} units share it, tenants never wait for each
 * other; a unit that throws is undone. Port methods run in a unit of work of this store, on its thread, for its tenant,
 * and write only in a {@code WRITE} one ({@link IllegalStateException}); {@code insert} and {@code change} outside one
 * run in one of their own. Two todos of a tenant never share a key of the hand-made order: a write that would is
 * refused ({@link IllegalStateException}), as a unique index refuses it in SQL.
 */
public final class InMemoryTodoStore {

    /** A todo and the feed position of its latest write. */
    record Entry(Todo todo, long position) {
    }

    private static final Comparator<TodoChange.Removed> BY_DELETION =
            Comparator.comparing(TodoChange.Removed::deletedAt).thenComparingLong(TodoChange.Removed::position);

    /** Everything of one tenant, guarded by its lock. */
    static final class Tenant {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<TodoId, Entry> todos = new HashMap<>();
        /** Which todo has each key of the hand-made order: keys are unique per tenant, as a SQL unique index keeps them. */
        final Map<OrderKey, TodoId> positions = new HashMap<>();
        final NavigableMap<Long, TodoChange> feed = new TreeMap<>();
        final Map<TodoId, TodoChange.Removed> tombstones = new HashMap<>();
        final NavigableSet<TodoChange.Removed> tombstonesByDeletion = new TreeSet<>(BY_DELETION);
        final Map<IdempotencyKey, RecordedOutcome> keys = new HashMap<>();
        long lastPosition;
        long forgottenThrough;

        /** True if nothing was ever kept: every kept write takes a position, and keys are kept apart. */
        boolean isBlank() {
            return lastPosition == 0 && keys.isEmpty();
        }

        void link(Entry entry) {
            Todo todo = entry.todo();
            todos.put(todo.id(), entry);
            positions.put(todo.position(), todo.id());
            feed.put(entry.position(), new TodoChange.Upserted(todo, entry.position()));
        }

        void unlink(Entry entry) {
            Todo todo = entry.todo();
            todos.remove(todo.id());
            positions.remove(todo.position(), todo.id());
            feed.remove(entry.position());
        }

        void link(TodoChange.Removed tombstone) {
            tombstones.put(tombstone.id(), tombstone);
            tombstonesByDeletion.add(tombstone);
            feed.put(tombstone.position(), tombstone);
        }

        void unlink(TodoChange.Removed tombstone) {
            tombstones.remove(tombstone.id());
            tombstonesByDeletion.remove(tombstone);
            feed.remove(tombstone.position());
        }
    }

    /** A unit of work in progress, seen only by the thread that runs it. */
    static final class Unit {
        final TenantId tenantId;
        /** Null for a READ unit of a tenant that had never written when it started: it sees nothing. */
        final @Nullable Tenant tenant;
        final Intent intent;
        /** How to undo each write, the latest first. */
        final Deque<Runnable> undo = new ArrayDeque<>();

        Unit(TenantId tenantId, @Nullable Tenant tenant, Intent intent) {
            this.tenantId = tenantId;
            this.tenant = tenant;
            this.intent = intent;
        }

        void rollBack() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }

        /** The tenant's state, which a WRITE unit always has. */
        Tenant writable() {
            if (tenant == null) {
                throw new IllegalStateException("a READ unit of work cannot write or lock");
            }
            return tenant;
        }

        /** Takes the tenant's next feed position, given back if the unit is undone. */
        long nextPosition() {
            Tenant state = writable();
            long position = ++state.lastPosition;
            undo.push(() -> state.lastPosition--);
            return position;
        }
    }

    final ConcurrentHashMap<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
    // Per store (Error Prone's ThreadLocalUsage): a unit of another store on the same thread must not join this one's.
    @SuppressWarnings("ThreadLocalUsage")
    final ThreadLocal<Unit> current = new ThreadLocal<>();

    /** An empty store. */
    public InMemoryTodoStore() {
    }

    /** {@return the todos of this store} */
    public TodoRepository repository() {
        return new InMemoryTodoRepository(this);
    }

    /** {@return the units of work of this store} */
    public UnitOfWork unitOfWork() {
        return new InMemoryUnitOfWork(this);
    }

    /** {@return the idempotency keys of this store} */
    public IdempotencyKeys idempotencyKeys() {
        return new InMemoryIdempotencyKeys(this);
    }

    /** The unit of work on this thread, which must act for {@code tenant}. */
    Unit unit(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Unit unit = current.get();
        if (unit == null) {
            throw new IllegalStateException("the store is used outside a unit of work of this store");
        }
        if (!unit.tenantId.equals(tenant)) {
            throw new IllegalStateException("the store is used for another tenant than its unit of work's");
        }
        return unit;
    }

    /** The {@code WRITE} unit of work on this thread, which must act for {@code tenant}. */
    Unit writingUnit(TenantId tenant) {
        Unit unit = unit(tenant);
        if (unit.intent != Intent.WRITE) {
            throw new IllegalStateException("a READ unit of work cannot write or lock");
        }
        return unit;
    }
}
