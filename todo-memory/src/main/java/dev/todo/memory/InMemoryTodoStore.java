package dev.todo.memory;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Todos kept in memory: the domain's out-ports in one object ({@link TodoRepository}, {@link UnitOfWork} and
 * {@link IdempotencyKeys}), for tests, tools and services that embed the domain without a database. Nothing survives
 * the object.
 *
 * <pre>{@code
 * InMemoryTodoStore store = new InMemoryTodoStore();
 * TodoService todos = new TodoService(store, store, Clock.systemUTC());
 * IdempotencyService once = new IdempotencyService(store, store, Clock.systemUTC(), Duration.ofHours(24));
 * }</pre>
 *
 * <p><b>Units of work.</b> Each tenant has a read-write lock. A {@link Intent#WRITE WRITE} unit of work holds its
 * tenant's lock alone; {@link Intent#READ READ} units of the same tenant share it. Units of different tenants never
 * wait for each other. (A {@code READ} unit of a tenant that has never written anything when it starts holds nothing
 * and sees nothing until it ends, as if it had run before any writer that overlaps it.) A unit's writes are visible to
 * it at once and to other units only when it ends; if its work throws (an exception or an error), every write it made
 * is undone (todos, feed positions, tombstones, forgotten deletions and idempotency keys alike) and the very same
 * throwable propagates. Because a writing unit holds its tenant alone, {@link #findForUpdate} needs no lock of its own:
 * concurrent changes of a todo apply one after another, each to the latest state; counting and inserting are one step,
 * so the quota holds; and the tenant's writes take their feed positions in the order they are kept.
 *
 * <p><b>Idempotency keys.</b> A claim needs a {@code WRITE} unit, which holds its tenant alone, so no other unit of
 * work can hold a key of that tenant at the same time, and {@link #claim} always succeeds. A second request with the
 * same key, made while the first one runs, therefore does not fail with
 * {@link dev.todo.domain.model.IdempotencyKeyInFlightException}: its unit of work waits for the first one to end, and
 * then finds its outcome and replays it.
 *
 * <p><b>Queries.</b> Each tenant keeps its todos in every order of {@link TodoSort} (titles by code point, ties by id
 * as {@link TodoId#compareTo} orders them), and its feed by position, so a page or a batch costs the logarithm of the
 * tenant's size plus what it reads (and skips, for a completion filter); every write costs a few logarithms.
 *
 * <p><b>Rules of use</b>, each enforced with an {@link IllegalStateException}: the out-port methods run inside a unit
 * of work of this store, on the thread that runs the unit, with the tenant the unit acts for; a {@code READ} unit only
 * reads ({@link #insert}, {@link #update}, {@link #delete}, {@link #deleteCompleted},
 * {@link #forgetDeletionsBefore}, {@link #forgetDeletionsBeyond}, {@link #findForUpdate}, {@link #claim},
 * {@link #record}, {@link #forgetAllBut} and {@link #forgetExpired} need a {@code WRITE} unit). A unit started inside another on the same thread joins it (its writes are kept or undone
 * with the outer unit) if it acts for the same tenant and does not write inside a reading unit; otherwise it is
 * refused before its work runs.
 *
 * <p>Instances are thread-safe. A tenant takes memory from its first write that is kept on, and keeps it: like its
 * todos, its tombstones and idempotency keys, the position of its feed must outlive them, or a client that synced
 * before would miss what comes after.
 */
public final class InMemoryTodoStore implements TodoRepository, UnitOfWork, IdempotencyKeys {

    /** A todo's place in one order: its sort key (the instant or the title, the other one null), then its id. */
    private record Place(@Nullable Instant instant, @Nullable String title, TodoId id) {
    }

    private static final Comparator<Place> BY_INSTANT =
            Comparator.comparing(Place::instant).thenComparing(Place::id);
    private static final Comparator<Place> BY_TITLE =
            Comparator.comparing(Place::title, TodoSort::compareCodePoints).thenComparing(Place::id);
    private static final Comparator<TodoChange.Removed> BY_DELETION =
            Comparator.comparing(TodoChange.Removed::deletedAt).thenComparingLong(TodoChange.Removed::position);

    /** A todo and the feed position of its latest write. */
    private record Entry(Todo todo, long position) {
    }

    /** Everything of one tenant, guarded by its lock. */
    private static final class Tenant {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<TodoId, Entry> todos = new HashMap<>();
        final Map<TodoSort.Field, NavigableMap<Place, Todo>> orders = new EnumMap<>(TodoSort.Field.class);
        final NavigableMap<Long, TodoChange> feed = new TreeMap<>();
        final Map<TodoId, TodoChange.Removed> tombstones = new HashMap<>();
        final NavigableSet<TodoChange.Removed> tombstonesByDeletion = new TreeSet<>(BY_DELETION);
        final Map<IdempotencyKey, RecordedOutcome> keys = new HashMap<>();
        long lastPosition;
        long forgottenThrough;

        Tenant() {
            for (TodoSort.Field field : TodoSort.Field.values()) {
                orders.put(field, new TreeMap<>(field == TodoSort.Field.TITLE ? BY_TITLE : BY_INSTANT));
            }
        }

        /** The todos in the order of one field; the constructor made one for each. */
        NavigableMap<Place, Todo> order(TodoSort.Field field) {
            return Objects.requireNonNull(orders.get(field), "every field has an order");
        }

        /** True if nothing was ever kept: every kept write takes a position, and keys are kept apart. */
        boolean isBlank() {
            return lastPosition == 0 && keys.isEmpty();
        }

        void link(Entry entry) {
            Todo todo = entry.todo();
            todos.put(todo.id(), entry);
            orders.forEach((field, order) -> order.put(place(field, todo), todo));
            feed.put(entry.position(), new TodoChange.Upserted(todo, entry.position()));
        }

        void unlink(Entry entry) {
            Todo todo = entry.todo();
            todos.remove(todo.id());
            orders.forEach((field, order) -> order.remove(place(field, todo)));
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
    private static final class Unit {
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

        /** The tenant's state, which a WRITE unit always has: it is made, if need be, when the unit starts. */
        Tenant writable() {
            if (tenant == null) {
                throw new IllegalStateException("a READ unit of work cannot write or lock");
            }
            return tenant;
        }

        /** Takes the tenant's next feed position, to be given back if the unit is undone. */
        long nextPosition() {
            Tenant state = writable();
            long position = ++state.lastPosition;
            undo.push(() -> state.lastPosition--);
            return position;
        }
    }

    private final ConcurrentHashMap<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
    // Per store, not static (Error Prone's ThreadLocalUsage): a thread's unit of work belongs to one store, and a unit
    // of another store on the same thread must not join it.
    @SuppressWarnings("ThreadLocalUsage")
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
     * Locks the tenant for a unit of work: shared for reading, alone for writing. A READ unit of a tenant that has
     * never kept a write gets null and sees nothing, and leaves nothing behind.
     */
    // The lock outlives this method on purpose (Error Prone's LockNotBeforeTry): the unit of work holds it, and
    // execute's finally block releases it.
    @SuppressWarnings("LockNotBeforeTry")
    private @Nullable Tenant lock(TenantId tenant, Intent intent) {
        while (true) {
            Tenant state = intent == Intent.READ ? tenants.get(tenant) : tenants.computeIfAbsent(tenant, t -> new Tenant());
            if (state == null) {
                return null;
            }
            Lock lock = lockOf(state, intent);
            lock.lock();
            // A writer that kept nothing may have dropped this state while we waited: start again.
            if (tenants.get(tenant) == state) {
                return state;
            }
            lock.unlock();
        }
    }

    private void release(TenantId tenant, Tenant state, Intent intent) {
        if (intent == Intent.WRITE && state.isBlank()) {
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
            throw new IllegalStateException("the store is used outside a unit of work of this store");
        }
        if (!unit.tenantId.equals(tenant)) {
            throw new IllegalStateException("the store is used for another tenant than its unit of work's");
        }
        return unit;
    }

    private Unit writingUnit(TenantId tenant) {
        Unit unit = unit(tenant);
        if (unit.intent != Intent.WRITE) {
            throw new IllegalStateException("a READ unit of work cannot write or lock");
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

    private static Place place(TodoSort.Field field, Todo todo) {
        return switch (field) {
            case CREATED_AT -> new Place(todo.createdAt(), null, todo.id());
            case UPDATED_AT -> new Place(todo.updatedAt(), null, todo.id());
            case TITLE -> new Place(null, todo.title().value(), todo.id());
        };
    }

    private static Place place(TodoPosition position) {
        return position.sort().field() == TodoSort.Field.TITLE
                ? new Place(null, position.key(), position.id())
                : new Place(position.instant(), null, position.id());
    }

    // --- writes -----------------------------------------------------------------------------------------------------

    /** Stores a todo at the next position, replacing its earlier state, if any. */
    private static void put(Unit unit, Todo todo) {
        Tenant tenant = unit.writable();
        Entry previous = tenant.todos.get(todo.id());
        Entry entry = new Entry(todo, unit.nextPosition());
        if (previous != null) {
            tenant.unlink(previous);
        }
        tenant.link(entry);
        unit.undo.push(() -> {
            tenant.unlink(entry);
            if (previous != null) {
                tenant.link(previous);
            }
        });
    }

    /** Deletes a todo and leaves its tombstone at the next position. */
    private static void remove(Unit unit, Entry entry, Instant deletedAt) {
        Tenant tenant = unit.writable();
        TodoId id = entry.todo().id();
        TodoChange.Removed tombstone = new TodoChange.Removed(id, deletedAt, unit.nextPosition());
        TodoChange.Removed earlier = tenant.tombstones.get(id);
        tenant.unlink(entry);
        if (earlier != null) {
            tenant.unlink(earlier);
        }
        tenant.link(tombstone);
        unit.undo.push(() -> {
            tenant.unlink(tombstone);
            if (earlier != null) {
                tenant.link(earlier);
            }
            tenant.link(entry);
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the tenant already has a todo with that id (and room for it), or outside a
     *                               {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public boolean insert(TenantId tenant, Todo todo, int maxTodos) {
        requireOwner(tenant, todo);
        if (maxTodos < 1) {
            throw new IllegalArgumentException("maxTodos must be at least 1, not " + maxTodos);
        }
        Unit unit = writingUnit(tenant);
        if (unit.writable().todos.size() >= maxTodos) {
            return false;
        }
        if (unit.writable().todos.containsKey(todo.id())) {
            throw new IllegalStateException("the tenant already has a todo with id " + todo.id());
        }
        put(unit, todo);
        return true;
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
        Entry stored = unit.writable().todos.get(todo.id());
        if (stored == null || stored.todo().version() != expectedVersion) {
            return false;
        }
        put(unit, todo);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public boolean delete(TenantId tenant, TodoId id, Instant deletedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Unit unit = writingUnit(tenant);
        Entry entry = unit.writable().todos.get(id);
        if (entry == null) {
            return false;
        }
        remove(unit, entry, deletedAt);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the tombstones take their positions in the order of the todos' ids.
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public int deleteCompleted(TenantId tenant, Instant deletedAt) {
        Objects.requireNonNull(deletedAt, "deletedAt");
        Unit unit = writingUnit(tenant);
        List<Entry> done = unit.writable().todos.values().stream().filter(entry -> entry.todo().completed())
                .sorted(Comparator.comparing(entry -> entry.todo().id())).toList();
        done.forEach(entry -> remove(unit, entry, deletedAt));
        return done.size();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public void forgetDeletionsBeyond(TenantId tenant, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one tombstone, not " + keep);
        }
        Unit unit = writingUnit(tenant);
        Tenant state = unit.writable();
        if (state.tombstones.size() <= keep) {
            return;
        }
        List<TodoChange.Removed> forgotten = state.tombstones.values().stream()
                .sorted(Comparator.comparingLong(TodoChange.Removed::position))
                .limit(state.tombstones.size() - (long) keep).toList();
        forget(unit, state, forgotten);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public void forgetDeletionsBefore(TenantId tenant, Instant horizon) {
        Objects.requireNonNull(horizon, "horizon");
        Unit unit = writingUnit(tenant);
        Tenant state = unit.writable();
        List<TodoChange.Removed> forgotten = new ArrayList<>();
        for (Iterator<TodoChange.Removed> i = state.tombstonesByDeletion.iterator(); i.hasNext(); ) {
            TodoChange.Removed tombstone = i.next();
            if (!tombstone.deletedAt().isBefore(horizon)) {
                break;
            }
            forgotten.add(tombstone);
        }
        if (forgotten.isEmpty()) {
            return;
        }
        forget(unit, state, forgotten);
    }

    /** Drops these tombstones and raises the feed's horizon past them, undone if the unit of work rolls back. */
    private static void forget(Unit unit, Tenant state, List<TodoChange.Removed> forgotten) {
        long forgottenBefore = state.forgottenThrough;
        for (TodoChange.Removed tombstone : forgotten) {
            state.unlink(tombstone);
            state.forgottenThrough = Math.max(state.forgottenThrough, tombstone.position());
        }
        unit.undo.push(() -> {
            forgotten.forEach(state::link);
            state.forgottenThrough = forgottenBefore;
        });
    }

    // --- reads ------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a unit of work of this store for {@code tenant}
     */
    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        Objects.requireNonNull(id, "id");
        Tenant state = unit(tenant).tenant;
        return state == null ? Optional.empty() : Optional.ofNullable(state.todos.get(id)).map(Entry::todo);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the {@code WRITE} unit of work already holds the tenant alone, so this is {@link #find(TenantId, TodoId)}.
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(writingUnit(tenant).writable().todos.get(id)).map(Entry::todo);
    }

    /**
     * {@inheritDoc}
     *
     * @return an unmodifiable list
     * @throws IllegalStateException outside a unit of work of this store for {@code tenant}
     */
    @Override
    public List<Todo> findAll(TenantId tenant) {
        Tenant state = unit(tenant).tenant;
        return state == null ? List.of() : List.copyOf(state.order(TodoSort.Field.CREATED_AT).values());
    }

    /**
     * {@inheritDoc}
     *
     * @return an unmodifiable list
     * @throws IllegalArgumentException if the query starts from a position in an order by another field
     * @throws IllegalStateException    outside a unit of work of this store for {@code tenant}
     */
    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        Objects.requireNonNull(query, "query");
        Tenant state = unit(tenant).tenant;
        int limit = query.limit().orElse(Integer.MAX_VALUE);
        if (state == null || limit <= 0) {
            return List.of();
        }
        NavigableMap<Place, Todo> order = state.order(query.sort().field());
        if (query.sort().descending()) {
            order = order.descendingMap();
        }
        if (query.after().isPresent()) {
            if (!query.after().get().sort().field().equals(query.sort().field())) {
                throw new IllegalArgumentException("the position belongs to another order");
            }
            order = order.tailMap(place(query.after().get()), false);
        }
        List<Todo> found = new ArrayList<>();
        for (Todo todo : order.values()) {
            if (query.completed().map(completed -> completed == todo.completed()).orElse(true)) {
                found.add(todo);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * {@inheritDoc}
     *
     * @return an unmodifiable list
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws IllegalStateException    outside a unit of work of this store for {@code tenant}
     */
    @Override
    public List<TodoChange> changesSince(TenantId tenant, long after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Tenant state = unit(tenant).tenant;
        if (state == null) {
            return List.of();
        }
        return state.feed.tailMap(after, false).values().stream().limit(limit).toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a unit of work of this store for {@code tenant}
     */
    @Override
    public long forgottenThrough(TenantId tenant) {
        Tenant state = unit(tenant).tenant;
        return state == null ? 0 : state.forgottenThrough;
    }

    // --- idempotency keys -------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Here the {@code WRITE} unit of work already holds its tenant alone: no other unit can hold a key of that
     * tenant, so the claim always succeeds.
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public boolean claim(TenantId tenant, IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        writingUnit(tenant);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a unit of work of this store for {@code tenant}
     */
    @Override
    public Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Tenant state = unit(tenant).tenant;
        return state == null ? Optional.empty()
                : Optional.ofNullable(state.keys.get(key)).filter(outcome -> outcome.expiresAt().isAfter(now));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        Unit unit = writingUnit(tenant);
        Map<IdempotencyKey, RecordedOutcome> keys = unit.writable().keys;
        RecordedOutcome previous = keys.put(key, outcome);
        unit.undo.push(() -> {
            if (previous == null) {
                keys.remove(key);
            } else {
                keys.put(key, previous);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public void forgetAllBut(TenantId tenant, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep cannot be negative: " + keep);
        }
        Unit unit = writingUnit(tenant);
        Map<IdempotencyKey, RecordedOutcome> keys = unit.writable().keys;
        if (keys.size() <= keep) {
            return;
        }
        Map<IdempotencyKey, RecordedOutcome> forgotten = new HashMap<>();
        keys.entrySet().stream()
                .sorted(Map.Entry.<IdempotencyKey, RecordedOutcome>comparingByValue(
                                Comparator.comparing(RecordedOutcome::expiresAt))
                        .thenComparing(Map.Entry.comparingByKey(Comparator.comparing(IdempotencyKey::value))))
                .limit(keys.size() - (long) keep)
                .forEach(entry -> forgotten.put(entry.getKey(), entry.getValue()));
        keys.keySet().removeAll(forgotten.keySet());
        unit.undo.push(() -> keys.putAll(forgotten));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public void forgetExpired(TenantId tenant, Instant now) {
        Objects.requireNonNull(now, "now");
        Unit unit = writingUnit(tenant);
        Map<IdempotencyKey, RecordedOutcome> keys = unit.writable().keys;
        Map<IdempotencyKey, RecordedOutcome> expired = new HashMap<>();
        keys.forEach((key, outcome) -> {
            if (!outcome.expiresAt().isAfter(now)) {
                expired.put(key, outcome);
            }
        });
        if (!expired.isEmpty()) {
            keys.keySet().removeAll(expired.keySet());
            unit.undo.push(() -> keys.putAll(expired));
        }
    }
}
