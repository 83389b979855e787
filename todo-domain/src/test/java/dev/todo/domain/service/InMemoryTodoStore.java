package dev.todo.domain.service;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import java.util.HashMap;
import java.util.Map;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A small in-memory store for the service tests: units of work run one at a time and roll back on an exception.
 * It records the units of work it ran, so tests can check that each use case is exactly one.
 */
final class InMemoryTodoStore implements TodoRepository, UnitOfWork {

    record Key(TenantId tenant, TodoId id) {
    }

    /** A unit of work the store ran. */
    record Unit(TenantId tenant, Intent intent) {
    }

    private record Stored(Todo todo, long position) {
    }

    private record Tombstone(Instant deletedAt, long position) {
    }

    /** Everything the store holds; copied at the start of a unit of work, restored if it fails. */
    private record State(Map<Key, Stored> todos, Map<Key, Tombstone> tombstones, Map<TenantId, Long> positions,
                         Map<TenantId, Long> forgotten) {
        State copy() {
            return new State(new HashMap<>(todos), new HashMap<>(tombstones), new HashMap<>(positions),
                    new HashMap<>(forgotten));
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private State state = new State(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    private final List<Unit> units = new ArrayList<>();
    private final List<TenantId> holds = new ArrayList<>();
    private int writes;

    /** Runs a unit of work alone, records it, and restores the state if it fails. */
    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        lock.lock();
        try {
            units.add(new Unit(tenant, intent));
            State before = state.copy();
            try {
                return work.get();
            } catch (RuntimeException e) {
                state = before;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    List<Unit> units() {
        return units;
    }

    int writes() {
        return writes;
    }

    private void requireUnit() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("repository used outside a unit of work");
        }
    }

    private static void requireOwner(TenantId tenant, Todo todo) {
        if (!todo.isOwnedBy(tenant)) {
            throw new IllegalArgumentException("todo not owned by " + tenant);
        }
    }

    private long nextPosition(TenantId tenant) {
        writes++;
        return state.positions().merge(tenant, 1L, Long::sum);
    }

    @Override
    public boolean insert(TenantId tenant, Todo todo, int maxTodos) {
        if (!lock.isHeldByCurrentThread()) {
            return execute(tenant, Intent.WRITE, () -> insert(tenant, todo, maxTodos));
        }
        requireOwner(tenant, todo);
        if (state.todos().keySet().stream().filter(k -> k.tenant().equals(tenant)).count() >= maxTodos) {
            return false;
        }
        Key key = new Key(tenant, todo.id());
        if (state.todos().containsKey(key)) {
            throw new IllegalStateException("duplicate id " + todo.id());
        }
        state.todos().put(key, new Stored(todo, nextPosition(tenant)));
        return true;
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        requireUnit();
        return Optional.ofNullable(state.todos().get(new Key(tenant, id))).map(Stored::todo);
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        requireUnit();
        return todosOf(tenant).sorted(Todo.CREATION_ORDER).toList();
    }

    private java.util.stream.Stream<Todo> todosOf(TenantId tenant) {
        return state.todos().values().stream().map(Stored::todo).filter(t -> t.isOwnedBy(tenant));
    }

    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        requireUnit();
        return todosOf(tenant)
                .filter(query::selects)
                .sorted(query.sort().comparator(query.filter().search().orElse(null)))
                .limit(query.limit().isPresent() ? query.limit().getAsInt() : Long.MAX_VALUE)
                .toList();
    }

    @Override
    public List<TagCount> countTags(TenantId tenant) {
        requireUnit();
        Map<String, Long> counts = new HashMap<>();
        todosOf(tenant).forEach(t -> t.tags().names().forEach(name -> counts.merge(name, 1L, Long::sum)));
        return counts.entrySet().stream().map(e -> new TagCount(new Tag(e.getKey()), e.getValue())).toList();
    }

    @Override
    public Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at) {
        if (!lock.isHeldByCurrentThread()) {
            return execute(tenant, Intent.WRITE, () -> change(tenant, id, expectedVersion, edit, at));
        }
        Key key = new Key(tenant, id);
        Stored stored = state.todos().get(key);
        if (stored == null || !matches(stored.todo(), expectedVersion)) {
            return Optional.empty();
        }
        Todo changed = edit.applyTo(stored.todo(), at);
        if (changed.version() != stored.todo().version()) {
            state.todos().put(key, new Stored(changed, nextPosition(tenant)));
        }
        return Optional.of(new Changed(stored.todo(), changed));
    }

    @Override
    public boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt) {
        requireUnit();
        Key key = new Key(tenant, id);
        Stored stored = state.todos().get(key);
        if (stored == null || !matches(stored.todo(), expectedVersion)) {
            return false;
        }
        state.todos().remove(key);
        state.tombstones().put(key, new Tombstone(deletedAt, nextPosition(tenant)));
        return true;
    }

    private static boolean matches(Todo todo, OptionalLong expectedVersion) {
        return expectedVersion.isEmpty() || expectedVersion.getAsLong() == todo.version();
    }

    @Override
    public int deleteCompleted(TenantId tenant, Instant deletedAt) {
        requireUnit();
        List<TodoId> completed = todosOf(tenant).filter(Todo::completed).map(Todo::id).toList();
        List<TodoId> done = todosOf(tenant)
                .filter(t -> t.completed() || t.parent().filter(completed::contains).isPresent())
                .map(Todo::id).sorted().toList();
        done.forEach(id -> delete(tenant, id, OptionalLong.empty(), deletedAt));
        return done.size();
    }

    @Override
    public int deleteSubtasks(TenantId tenant, TodoId parent, Instant deletedAt) {
        requireUnit();
        List<TodoId> subtasks = todosOf(tenant).filter(t -> t.parent().filter(parent::equals).isPresent())
                .map(Todo::id).sorted().toList();
        subtasks.forEach(id -> delete(tenant, id, OptionalLong.empty(), deletedAt));
        return subtasks.size();
    }

    /** Every unit of work already runs alone: records the call only. */
    @Override
    public void holdWrites(TenantId tenant) {
        requireUnit();
        holds.add(tenant);
    }

    List<TenantId> holds() {
        return holds;
    }

    @Override
    public List<TodoChange> changesSince(TenantId tenant, long after, int limit) {
        requireUnit();
        List<TodoChange> changes = new ArrayList<>();
        state.todos().forEach((key, stored) -> {
            if (key.tenant().equals(tenant) && stored.position() > after) {
                changes.add(new TodoChange.Upserted(stored.todo(), stored.position()));
            }
        });
        state.tombstones().forEach((key, tombstone) -> {
            if (key.tenant().equals(tenant) && tombstone.position() > after) {
                changes.add(new TodoChange.Removed(key.id(), tombstone.deletedAt(), tombstone.position()));
            }
        });
        return changes.stream().sorted(Comparator.comparingLong(TodoChange::position)).limit(limit).toList();
    }

    @Override
    public void forgetDeletionsBefore(TenantId tenant, Instant horizon) {
        requireUnit();
        state.tombstones().entrySet().removeIf(entry -> {
            boolean old = entry.getKey().tenant().equals(tenant) && entry.getValue().deletedAt().isBefore(horizon);
            if (old) {
                state.forgotten().merge(tenant, entry.getValue().position(), Math::max);
            }
            return old;
        });
    }

    @Override
    public void forgetDeletionsBeyond(TenantId tenant, int keep) {
        requireUnit();
        var mine = state.tombstones().entrySet().stream().filter(entry -> entry.getKey().tenant().equals(tenant))
                .sorted(Comparator.comparingLong(entry -> entry.getValue().position())).toList();
        for (var entry : mine.subList(0, Math.max(0, mine.size() - keep))) {
            state.tombstones().remove(entry.getKey());
            state.forgotten().merge(tenant, entry.getValue().position(), Math::max);
        }
    }

    @Override
    public long forgottenThrough(TenantId tenant) {
        requireUnit();
        return state.forgotten().getOrDefault(tenant, 0L);
    }
}
