package dev.todo.domain.testkit;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A plain, correct store (one lock for all units of work, a snapshot to roll back to) into which bugs can be switched
 * on, each a mistake a real adapter could make. With no flaw it must pass both contracts; with any flaw it must fail
 * them. {@link ContractsCatchFlawedAdaptersTest} checks both.
 */
final class FlawedTodoStore implements TodoRepository, UnitOfWork {

    enum Flaw {
        /** find and findForUpdate look the id up in every tenant (a WHERE clause without the tenant). */
        FINDS_ACROSS_TENANTS,
        /** find and findForUpdate ignore the id and return some todo of the tenant. */
        FIND_IGNORES_ID,
        /** findAll lists every tenant's todos. */
        LISTS_EVERY_TENANT,
        /** update and delete look the id up in every tenant. */
        WRITES_ACROSS_TENANTS,
        /** insert and update do not check that the tenant owns the todo. */
        ACCEPTS_FOREIGN_OWNER,
        /** todos are stored under their id alone, so two tenants' todos with one id collide. */
        KEYED_BY_ID_ONLY,
        /** ids of todos created at the same time are compared with UUID.compareTo (signed). */
        SIGNED_ID_ORDER,
        /** todos are listed by their last change, not their creation. */
        ORDERED_BY_LAST_CHANGE,
        /** update ignores the expected version. */
        IGNORES_EXPECTED_VERSION,
        /** update stores the new fields but keeps the stored version number. */
        KEEPS_THE_STORED_VERSION,
        /** update of a todo the tenant does not have inserts it. */
        UPSERTS,
        /** update keeps the stored description when the new state has none (a merge instead of a replace). */
        MERGES_UPDATES,
        /** delete answers true even when there was nothing to delete. */
        DELETE_ALWAYS_TRUE,
        /** an empty description is stored as none. */
        EMPTY_DESCRIPTION_AS_NONE,
        /** timestamps are stored to the millisecond. */
        MILLISECOND_TIMESTAMPS,
        /** titles are stored trimmed. */
        TRIMS_TITLES,
        /** titles are cut to 200 characters. */
        CUTS_LONG_TITLES,
        /** a unit whose work throws keeps what it wrote. */
        NO_ROLLBACK,
        /** a unit rolls back on exceptions only, not on errors. */
        ROLLS_BACK_EXCEPTIONS_ONLY,
        /** a unit wraps what its work throws in another exception. */
        WRAPS_FAILURES,
        /** a WRITE unit returns null instead of what its work returned. */
        DROPS_WRITE_RESULTS,
        /** units do not wait for each other: others see writes that may yet be rolled back. */
        DIRTY_READS,
        /** writes are applied when the unit ends, so the unit does not see its own writes. */
        BUFFERS_WRITES
    }

    private record Key(TenantId tenant, TodoId id) {
    }

    private final Set<Flaw> flaws;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, Todo> todos = Collections.synchronizedMap(new LinkedHashMap<>());
    private final ThreadLocal<List<Runnable>> buffered = new ThreadLocal<>();

    FlawedTodoStore(Set<Flaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    }

    private boolean has(Flaw flaw) {
        return flaws.contains(flaw);
    }

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        boolean locking = !has(Flaw.DIRTY_READS);
        if (locking) {
            lock.lock();
        }
        boolean outermost = buffered.get() == null;
        if (outermost) {
            buffered.set(new ArrayList<>());
        }
        Map<Key, Todo> before;
        synchronized (todos) {
            before = new LinkedHashMap<>(todos);
        }
        try {
            T result = work.get();
            if (outermost) {
                buffered.get().forEach(Runnable::run);
            }
            return intent == Intent.WRITE && has(Flaw.DROPS_WRITE_RESULTS) ? null : result;
        } catch (RuntimeException e) {
            rollBack(before);
            throw has(Flaw.WRAPS_FAILURES) ? new RuntimeException("the unit of work failed", e) : e;
        } catch (Error e) {
            if (!has(Flaw.ROLLS_BACK_EXCEPTIONS_ONLY)) {
                rollBack(before);
            }
            throw e;
        } finally {
            if (outermost) {
                buffered.remove();
            }
            if (locking) {
                lock.unlock();
            }
        }
    }

    private void rollBack(Map<Key, Todo> before) {
        if (!has(Flaw.NO_ROLLBACK)) {
            synchronized (todos) {
                todos.clear();
                todos.putAll(before);
            }
        }
    }

    private void write(Runnable change) {
        if (has(Flaw.BUFFERS_WRITES)) {
            buffered.get().add(change);
        } else {
            change.run();
        }
    }

    private Key key(TenantId tenant, TodoId id) {
        return new Key(has(Flaw.KEYED_BY_ID_ONLY) ? null : tenant, id);
    }

    private void requireOwner(TenantId tenant, Todo todo) {
        if (!has(Flaw.ACCEPTS_FOREIGN_OWNER) && !todo.isOwnedBy(tenant)) {
            throw new IllegalArgumentException("not the tenant's todo");
        }
    }

    /** The todo as this store keeps it, after the flaws that change what is stored. */
    private Todo stored(Todo todo) {
        Title title = todo.title();
        if (has(Flaw.TRIMS_TITLES)) {
            title = Title.of(title.value().strip());
        }
        if (has(Flaw.CUTS_LONG_TITLES)) {
            title = Title.of(title.value().codePoints().limit(200)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        }
        Description description = todo.description().orElse(null);
        if (has(Flaw.EMPTY_DESCRIPTION_AS_NONE) && description != null && description.value().isEmpty()) {
            description = null;
        }
        Instant createdAt = todo.createdAt();
        Instant updatedAt = todo.updatedAt();
        if (has(Flaw.MILLISECOND_TIMESTAMPS)) {
            createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
            updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
        }
        return Todo.restore(todo.id(), todo.owner(), title, description, todo.completed(), createdAt, updatedAt,
                todo.version());
    }

    private Optional<Map.Entry<Key, Todo>> lookUp(TenantId tenant, TodoId id, boolean acrossTenants,
                                                  boolean anyId) {
        synchronized (todos) {
            return todos.entrySet().stream()
                    .filter(e -> acrossTenants || e.getValue().isOwnedBy(tenant))
                    .filter(e -> anyId || e.getKey().id().equals(id))
                    .findFirst()
                    .map(e -> Map.entry(e.getKey(), e.getValue()));
        }
    }

    @Override
    public void insert(TenantId tenant, Todo todo) {
        requireOwner(tenant, todo);
        Todo stored = stored(todo);
        write(() -> todos.put(key(tenant, todo.id()), stored));
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        return lookUp(tenant, id, has(Flaw.FINDS_ACROSS_TENANTS), has(Flaw.FIND_IGNORES_ID))
                .map(Map.Entry::getValue);
    }

    @Override
    public Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
        return find(tenant, id);
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        Comparator<Todo> order = has(Flaw.ORDERED_BY_LAST_CHANGE)
                ? Comparator.comparing(Todo::updatedAt)
                : has(Flaw.SIGNED_ID_ORDER)
                        ? Comparator.comparing(Todo::createdAt).thenComparing(t -> t.id().value())
                        : Todo.CREATION_ORDER;
        synchronized (todos) {
            return todos.values().stream()
                    .filter(t -> has(Flaw.LISTS_EVERY_TENANT) || t.isOwnedBy(tenant))
                    .sorted(order)
                    .toList();
        }
    }

    @Override
    public boolean update(TenantId tenant, Todo todo, long expectedVersion) {
        requireOwner(tenant, todo);
        Optional<Map.Entry<Key, Todo>> found = lookUp(tenant, todo.id(), has(Flaw.WRITES_ACROSS_TENANTS), false);
        if (found.isEmpty()) {
            if (has(Flaw.UPSERTS)) {
                insert(tenant, todo);
                return true;
            }
            return false;
        }
        Todo current = found.get().getValue();
        if (current.version() != expectedVersion && !has(Flaw.IGNORES_EXPECTED_VERSION)) {
            return false;
        }
        Todo next = stored(todo);
        if (has(Flaw.MERGES_UPDATES) && next.description().isEmpty()) {
            next = Todo.restore(next.id(), next.owner(), next.title(), current.description().orElse(null),
                    next.completed(), next.createdAt(), next.updatedAt(), next.version());
        }
        if (has(Flaw.KEEPS_THE_STORED_VERSION)) {
            next = Todo.restore(next.id(), next.owner(), next.title(), next.description().orElse(null),
                    next.completed(), next.createdAt(), next.updatedAt(), current.version());
        }
        Todo replacement = next;
        write(() -> todos.put(found.get().getKey(), replacement));
        return true;
    }

    @Override
    public boolean delete(TenantId tenant, TodoId id) {
        Optional<Map.Entry<Key, Todo>> found = lookUp(tenant, id, has(Flaw.WRITES_ACROSS_TENANTS), false);
        found.ifPresent(e -> write(() -> todos.remove(e.getKey())));
        return found.isPresent() || has(Flaw.DELETE_ALWAYS_TRUE);
    }
}
