package dev.todo.domain.service;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A small in-memory store for the service tests: units of work run one at a time and roll back on an exception.
 * It records the units of work it ran, so tests can check that each use case is exactly one.
 */
final class InMemoryTodoStore implements TodoRepository, UnitOfWork {

    record Key(TenantId tenant, TodoId id) {
    }

    record Unit(TenantId tenant, Intent intent) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private Map<Key, Todo> todos = new HashMap<>();
    private final List<Unit> units = new ArrayList<>();
    private int writes;

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        lock.lock();
        try {
            units.add(new Unit(tenant, intent));
            Map<Key, Todo> before = new HashMap<>(todos);
            try {
                return work.get();
            } catch (RuntimeException e) {
                todos = before;
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

    @Override
    public void insert(TenantId tenant, Todo todo) {
        requireUnit();
        requireOwner(tenant, todo);
        if (todos.putIfAbsent(new Key(tenant, todo.id()), todo) != null) {
            throw new IllegalStateException("duplicate id " + todo.id());
        }
        writes++;
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        requireUnit();
        return Optional.ofNullable(todos.get(new Key(tenant, id)));
    }

    @Override
    public Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
        return find(tenant, id);
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        requireUnit();
        return todos.values().stream()
                .filter(t -> t.isOwnedBy(tenant))
                .sorted(Todo.CREATION_ORDER)
                .toList();
    }

    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        requireUnit();
        return todos.values().stream()
                .filter(t -> t.isOwnedBy(tenant))
                .filter(t -> query.completed().map(c -> c == t.completed()).orElse(true))
                .filter(t -> query.after().map(p -> p.precedes(t)).orElse(true))
                .sorted(query.sort().comparator())
                .limit(query.limit().isPresent() ? query.limit().getAsInt() : Long.MAX_VALUE)
                .toList();
    }

    @Override
    public boolean update(TenantId tenant, Todo todo, long expectedVersion) {
        requireUnit();
        requireOwner(tenant, todo);
        Key key = new Key(tenant, todo.id());
        Todo stored = todos.get(key);
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        todos.put(key, todo);
        writes++;
        return true;
    }

    @Override
    public boolean delete(TenantId tenant, TodoId id) {
        requireUnit();
        boolean deleted = todos.remove(new Key(tenant, id)) != null;
        if (deleted) {
            writes++;
        }
        return deleted;
    }
}
