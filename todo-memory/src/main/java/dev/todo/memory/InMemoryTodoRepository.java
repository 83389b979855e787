package dev.todo.memory;

import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.memory.InMemoryTodoStore.Entry;
import dev.todo.memory.InMemoryTodoStore.Tenant;
import dev.todo.memory.InMemoryTodoStore.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * {@link TodoRepository} of an {@link InMemoryTodoStore}. Each tenant keeps its feed by position, so a batch costs a
 * logarithm plus what it reads; a page reads all the tenant's todos, filters and sorts them, as a test double may.
 */
final class InMemoryTodoRepository implements TodoRepository {

    private final InMemoryTodoStore store;

    InMemoryTodoRepository(InMemoryTodoStore store) {
        this.store = store;
    }

    /** @throws IllegalStateException if the tenant already has a todo with that id (and room for it) */
    @Override
    public boolean insert(TenantId tenant, Todo todo, int maxTodos) {
        if (store.current.get() == null) {
            return store.unitOfWork().execute(tenant, Intent.WRITE, () -> insert(tenant, todo, maxTodos));
        }
        if (!todo.isOwnedBy(Objects.requireNonNull(tenant, "tenant"))) {
            throw new IllegalArgumentException("todo " + todo.id() + " is not owned by the acting tenant");
        } else if (maxTodos < 1) {
            throw new IllegalArgumentException("maxTodos must be at least 1, not " + maxTodos);
        }
        Unit unit = store.writingUnit(tenant);
        if (unit.writable().todos.size() >= maxTodos) {
            return false;
        }
        if (unit.writable().todos.containsKey(todo.id())) {
            throw new IllegalStateException("the tenant already has a todo with id " + todo.id());
        }
        put(unit, todo);
        return true;
    }

    @Override
    public Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(at, "at");
        if (store.current.get() == null) {
            return store.unitOfWork().execute(tenant, Intent.WRITE, () -> change(tenant, id, expectedVersion, edit, at));
        }
        Unit unit = store.writingUnit(tenant);
        Entry stored = unit.writable().todos.get(id);
        if (stored == null || !matches(stored, expectedVersion)) {
            return Optional.empty();
        }
        Todo changed = edit.applyTo(stored.todo(), at);
        if (changed.version() != stored.todo().version()) {
            put(unit, changed);
        }
        return Optional.of(new Changed(stored.todo(), changed));
    }

    @Override
    public boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Unit unit = store.writingUnit(tenant);
        Entry entry = unit.writable().todos.get(id);
        if (entry == null || !matches(entry, expectedVersion)) {
            return false;
        }
        remove(unit, entry, deletedAt);
        return true;
    }

    /**
     * Here the tombstones take their positions in the order of the todos' ids; the subtasks of a completed todo go
     * with it, open or not.
     */
    @Override
    public int deleteCompleted(TenantId tenant, Instant deletedAt) {
        Objects.requireNonNull(deletedAt, "deletedAt");
        Unit unit = store.writingUnit(tenant);
        Map<TodoId, Entry> todos = unit.writable().todos;
        return removeAll(unit, todos.values().stream().filter(entry -> entry.todo().completed()
                || entry.todo().parent().map(todos::get).filter(parent -> parent.todo().completed()).isPresent()),
                deletedAt);
    }

    /** Here the tombstones take their positions in the order of the subtasks' ids. */
    @Override
    public int deleteSubtasks(TenantId tenant, TodoId parent, Instant deletedAt) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Unit unit = store.writingUnit(tenant);
        return removeAll(unit, unit.writable().todos.values().stream()
                .filter(entry -> entry.todo().parent().filter(parent::equals).isPresent()), deletedAt);
    }

    /** Deletes these todos in the order of their ids, a tombstone each; returns how many. */
    private static int removeAll(Unit unit, Stream<Entry> entries, Instant deletedAt) {
        List<Entry> doomed = entries.sorted(Comparator.comparing(entry -> entry.todo().id())).toList();
        doomed.forEach(entry -> remove(unit, entry, deletedAt));
        return doomed.size();
    }

    /**
     * A {@code WRITE} unit of work of this store already holds its tenant alone from its start to its end, so every
     * other write of the tenant waits for it: nothing more to hold.
     * @throws IllegalStateException outside a {@code WRITE} unit of work of this store for {@code tenant}
     */
    @Override
    public void holdWrites(TenantId tenant) {
        store.writingUnit(tenant);
    }

    @Override
    public void forgetDeletionsBeyond(TenantId tenant, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one tombstone, not " + keep);
        }
        Unit unit = store.writingUnit(tenant);
        Tenant state = unit.writable();
        if (state.tombstones.size() > keep) {
            forget(unit, state, state.tombstones.values().stream()
                    .sorted(Comparator.comparingLong(TodoChange.Removed::position))
                    .limit(state.tombstones.size() - (long) keep).toList());
        }
    }

    @Override
    public void forgetDeletionsBefore(TenantId tenant, Instant horizon) {
        Objects.requireNonNull(horizon, "horizon");
        Unit unit = store.writingUnit(tenant);
        Tenant state = unit.writable();
        List<TodoChange.Removed> forgotten = new ArrayList<>();
        for (Iterator<TodoChange.Removed> i = state.tombstonesByDeletion.iterator(); i.hasNext(); ) {
            TodoChange.Removed tombstone = i.next();
            if (!tombstone.deletedAt().isBefore(horizon)) {
                break;
            }
            forgotten.add(tombstone);
        }
        if (!forgotten.isEmpty()) {
            forget(unit, state, forgotten);
        }
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        Objects.requireNonNull(id, "id");
        Tenant state = store.unit(tenant).tenant;
        return state == null ? Optional.empty() : Optional.ofNullable(state.todos.get(id)).map(Entry::todo);
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        Tenant state = store.unit(tenant).tenant;
        return state == null ? List.of() : todosOf(state).sorted(Todo.CREATION_ORDER).toList();
    }

    /**
     * Reads every todo of the tenant and keeps the ones the query selects.
     * @throws IllegalArgumentException if the query starts from a position in an order by another field
     */
    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        Objects.requireNonNull(query, "query");
        Tenant state = store.unit(tenant).tenant;
        int limit = query.limit().orElse(Integer.MAX_VALUE);
        if (state == null || limit <= 0) {
            return List.of();
        }
        if (query.after().isPresent() && !query.after().get().sort().field().equals(query.sort().field())) {
            throw new IllegalArgumentException("the position belongs to another order");
        }
        return todosOf(state).filter(query::selects)
                .sorted(query.sort().comparator(query.filter().search().orElse(null)))
                .limit(limit).toList();
    }

    @Override
    public List<TagCount> countTags(TenantId tenant) {
        Tenant state = store.unit(tenant).tenant;
        if (state == null) {
            return List.of();
        }
        Map<String, Long> counts = new HashMap<>();
        todosOf(state).forEach(todo -> todo.tags().names().forEach(name -> counts.merge(name, 1L, Long::sum)));
        return counts.entrySet().stream().map(count -> new TagCount(new Tag(count.getKey()), count.getValue()))
                .toList();
    }

    private static Stream<Todo> todosOf(Tenant state) {
        return state.todos.values().stream().map(Entry::todo);
    }

    /** @throws IllegalArgumentException if {@code limit} is negative */
    @Override
    public List<TodoChange> changesSince(TenantId tenant, long after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Tenant state = store.unit(tenant).tenant;
        return state == null ? List.of() : state.feed.tailMap(after, false).values().stream().limit(limit).toList();
    }

    @Override
    public long forgottenThrough(TenantId tenant) {
        Tenant state = store.unit(tenant).tenant;
        return state == null ? 0 : state.forgottenThrough;
    }

    private static boolean matches(Entry entry, OptionalLong expectedVersion) {
        return expectedVersion.isEmpty() || expectedVersion.getAsLong() == entry.todo().version();
    }

    /**
     * Stores a todo at the next position, replacing its earlier state, if any.
     * @throws IllegalStateException if another todo of the tenant has its key in the hand-made order
     */
    private static void put(Unit unit, Todo todo) {
        Tenant tenant = unit.writable();
        TodoId holder = tenant.positions.get(todo.position());
        if (holder != null && !holder.equals(todo.id())) {
            throw new IllegalStateException("todo " + holder + " already has the key " + todo.position());
        }
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

    /** Drops these tombstones and raises the feed's horizon past them. */
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
}
