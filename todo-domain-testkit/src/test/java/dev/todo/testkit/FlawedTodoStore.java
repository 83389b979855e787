package dev.todo.testkit;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.TodoRepository.Completing;
import dev.todo.domain.port.out.TodoRepository.Retag;
import dev.todo.domain.port.out.UnitOfWork;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A plain, correct store (one lock for all units of work, a snapshot to roll back to) into which bugs can be switched
 * on, each a mistake a real adapter could make. With no flaw it must pass both contracts; with any flaw it must fail
 * them. {@link ContractsCatchFlawedAdaptersTest} checks both.
 */
final class FlawedTodoStore implements TodoRepository, UnitOfWork {

    enum Flaw {
        /** find looks the id up in every tenant (a WHERE clause without the tenant). */
        FINDS_ACROSS_TENANTS,
        /** find ignores the id and returns some todo of the tenant. */
        FIND_IGNORES_ID,
        /** findAll and find(query) list every tenant's todos. */
        LISTS_EVERY_TENANT,
        /** change, delete and deleteCompleted look todos up in every tenant. */
        WRITES_ACROSS_TENANTS,
        /** insert does not check that the tenant owns the todo. */
        ACCEPTS_FOREIGN_OWNER,
        /** todos are stored under their id alone, so two tenants' todos with one id collide. */
        KEYED_BY_ID_ONLY,
        /** ids of todos that tie on the sort key are compared with UUID.compareTo (signed). */
        SIGNED_ID_ORDER,
        /** todos are listed by their last change, not their creation. */
        ORDERED_BY_LAST_CHANGE,
        /** change ignores the expected version. */
        IGNORES_EXPECTED_VERSION,
        /** change stores the new fields but keeps the stored version number. */
        KEEPS_THE_STORED_VERSION,
        /** change of a todo the tenant does not have inserts one. */
        UPSERTS,
        /** change keeps the stored description when the new state has none (a merge instead of a replace). */
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
        BUFFERS_WRITES,

        /** a unit started inside another commits what was written so far when it ends (a transaction of its own). */
        NESTED_UNITS_COMMIT_ON_THEIR_OWN,
        /** a unit for another tenant started inside one runs its work. */
        NESTED_UNIT_OF_ANOTHER_TENANT_RUNS,

        /** insert ignores the limit. */
        QUOTA_IGNORED,
        /** insert refuses only when the tenant has more than the limit (> instead of >=). */
        QUOTA_OFF_BY_ONE,
        /** insert counts every tenant's todos against the limit. */
        QUOTA_COUNTS_EVERY_TENANT,
        /** the tenant's count of todos is not lowered by deletes. */
        QUOTA_COUNT_NOT_LOWERED,
        /**
         * the count and the insert are not one step: a unit that counts the last free place lets another unit count it
         * too before it inserts (the interleaving a count(*) followed by an insert allows, forced).
         */
        QUOTA_COUNTED_WITHOUT_A_LOCK,

        /** descending orders break ties by ascending id ({@code ORDER BY key DESC, id}). */
        DESCENDING_TIES_ASCENDING,
        /** titles are compared by UTF-16 unit (String.compareTo), not by code point. */
        TITLES_BY_UTF16,
        /** a query from a position includes the todo at the position. */
        FIND_AFTER_INCLUSIVE,
        /** a query from a position compares the sort key only ({@code key > :key}), skipping ties. */
        FIND_AFTER_BY_KEY_ONLY,
        /** a query ignores its completion filter. */
        FIND_IGNORES_COMPLETED,
        /** a query ignores its limit. */
        FIND_IGNORES_LIMIT,

        /** a change keeps the todo at the feed position of its previous write. */
        UPDATE_KEEPS_THE_POSITION,
        /** a write's position is one past the highest position of the tenant's todos, tombstones forgotten. */
        POSITION_FROM_THE_LATEST_TODO,
        /** the feed has an entry for every write, not each todo once at its latest state. */
        FEED_REPEATS_UPDATED_TODOS,
        /** delete leaves no tombstone. */
        NO_TOMBSTONES,
        /** deleteCompleted leaves no tombstones. */
        DELETE_COMPLETED_WITHOUT_TOMBSTONES,
        /** deleteCompleted gives every deleted todo the same position. */
        DELETE_COMPLETED_SHARES_A_POSITION,
        /** changesSince includes the change at the position it is given. */
        FEED_INCLUDES_THE_POSITION_ASKED_FROM,
        /** changesSince ignores its limit. */
        FEED_IGNORES_LIMIT,
        /** changesSince reads every tenant's changes. */
        FEED_ACROSS_TENANTS,
        /** tombstones and forgotten positions are kept apart from the todos, and are not rolled back. */
        TOMBSTONES_SURVIVE_ROLLBACK,
        /** forgottenThrough always answers 0. */
        FORGOTTEN_THROUGH_ALWAYS_ZERO,
        /** forgetting also drops deletions made at the horizon itself. */
        FORGETS_AT_THE_HORIZON,
        /** forgetting drops every tenant's old tombstones. */
        FORGETS_EVERY_TENANTS_DELETIONS,
        /** forgottenThrough is set to the highest position of the last deletions forgotten, even if lower. */
        FORGOTTEN_THROUGH_CAN_GO_DOWN,

        /** tags are stored sorted by key, not in the order given. */
        TAGS_SORTED,
        /** a timed due is stored at its instant in UTC, its local time and zone lost. */
        TIMED_DUE_STORED_IN_UTC,
        /** a change keeps the stored due, priority and tags. */
        CHANGE_KEEPS_THE_PLAN,
        /** an edit that changes nothing still writes the todo, at a new feed position. */
        NO_OP_EDIT_WRITES,
        /** a retag is done in the adapter's own terms, matching the tag's spelling exactly (array_replace). */
        RETAG_CASE_SENSITIVE,
        /** a priority filter keeps only the lowest of the priorities asked for (one bound parameter). */
        PRIORITY_FILTER_FIRST_ONLY,
        /** a tag filter matches todos carrying any of the tags, not all of them ({@code &&} instead of {@code @>}). */
        TAG_FILTER_MATCHES_ANY,
        /** due-date bounds exclude the dates given. */
        DUE_BOUNDS_EXCLUSIVE,
        /** overdue compares all-day dues with today in UTC, whatever the query's time zone. */
        OVERDUE_ALL_DAY_IN_UTC,
        /** search words keep their accents (lower case only, no decomposition). */
        SEARCH_KEEPS_ACCENTS,
        /** the last word of a search must match a whole word, not a prefix. */
        SEARCH_LAST_WORD_EXACT,
        /** every word of a search matches as a prefix. */
        SEARCH_EVERY_WORD_A_PREFIX,
        /** a search matches todos with any of its words. */
        SEARCH_ANY_WORD,
        /** a search looks in titles only. */
        SEARCH_TITLE_ONLY,
        /** todos without a due come first when the order by due is descending. */
        NO_DUE_FIRST_WHEN_DESCENDING,
        /** within a day, all-day dues come before timed ones. */
        ALL_DAY_BEFORE_TIMED,
        /** the relevance order ignores the rank: newest first only. */
        RANK_IGNORED,
        /** countTags counts per tag ignoring case, in lower case, not per stored spelling. */
        COUNT_TAGS_BY_KEY,
        /** countTags counts every tenant's tags. */
        COUNT_TAGS_ACROSS_TENANTS,

        /** a change keeps the stored position (the UPDATE does not set the column). */
        CHANGE_KEEPS_THE_POSITION,
        /** the parent is not stored: every todo reads back as a top-level one. */
        PARENT_NOT_STORED,
        /** the next occurrence's id is not stored. */
        NEXT_OCCURRENCE_NOT_STORED,
        /** positions are compared ignoring case (a collation other than "C"). */
        POSITION_IGNORES_CASE,
        /** a query ignores its parent filter. */
        PARENT_FILTER_IGNORED,
        /** deleteSubtasks leaves no tombstones. */
        DELETE_SUBTASKS_WITHOUT_TOMBSTONES,
        /** deleteSubtasks deletes the subtasks of every parent of the tenant. */
        DELETE_SUBTASKS_OF_EVERY_PARENT,
        /** deleteCompleted deletes the completed todos only, leaving their open subtasks behind. */
        DELETE_COMPLETED_LEAVES_SUBTASKS,
        /**
         * a unit of work takes the store's lock at its first write, not when it starts, and holdWrites takes nothing: what
         * it read before may change under it (forced: a unit about to take the lock lets another concurrent one read
         * first: a change on a thread other than the one that made the store waits a while for another to come).
         */
        LOCKS_AT_FIRST_WRITE,
        /** completing a todo completes its subtasks too ({@code WHERE id = ? OR parent_id = ?}). */
        COMPLETES_SUBTASKS_WITH_THEIR_PARENT,
        /** the recurrence is not stored: every todo reads back as one that does not repeat. */
        RECURRENCE_NOT_STORED,

        /**
         * a change outside a unit of work answers as its todo before the todo as it read it before it wrote, not the
         * one it wrote over (a RETURNING that does not tie the row read to the row written; forced, and only then:
         * the first two such changes read before either writes).
         */
        STALE_BEFORE,
        /**
         * a change stores the instant it is given as {@code updatedAt} ({@code updated_at = ?}), not the later of it
         * and a microsecond after the last change, while it answers the domain's todo after.
         */
        UPDATED_AT_WITHOUT_FLOOR,
        /**
         * a completion that makes a recurring todo's next occurrence is written as a plain completion when it names
         * no next occurrence (a one-statement change without the condition on the recurrence).
         */
        COMPLETION_WITHOUT_NEXT,
        /** delete ignores the expected version. */
        DELETE_IGNORES_EXPECTED_VERSION
    }

    private record Key(TenantId tenant, TodoId id) {
    }

    private record Stored(Todo todo, long position) {
    }

    private record Tombstone(TenantId owner, TodoChange.Removed removed) {
    }

    /** Everything the store keeps; copied when a unit starts, to roll back to. */
    private static final class State {
        Map<Key, Stored> todos = new LinkedHashMap<>();
        Map<Key, Tombstone> tombstones = new LinkedHashMap<>();
        Map<TenantId, Long> positions = new HashMap<>();
        Map<TenantId, Long> forgotten = new HashMap<>();
        Map<TenantId, Integer> counts = new HashMap<>();
        /** Every upsert ever made, per tenant: the feed of {@link Flaw#FEED_REPEATS_UPDATED_TODOS}. */
        Map<TenantId, List<TodoChange.Upserted>> history = new HashMap<>();

        State copy() {
            State copy = new State();
            copy.todos = new LinkedHashMap<>(todos);
            copy.tombstones = new LinkedHashMap<>(tombstones);
            copy.positions = new HashMap<>(positions);
            copy.forgotten = new HashMap<>(forgotten);
            copy.counts = new HashMap<>(counts);
            history.forEach((tenant, upserts) -> copy.history.put(tenant, new ArrayList<>(upserts)));
            return copy;
        }
    }

    /** A unit of work in progress on this thread, and the state to roll back to. */
    private static final class Frame {
        final TenantId tenant;
        final Frame outer;
        State before;

        Frame(TenantId tenant, Frame outer, State before) {
            this.tenant = tenant;
            this.outer = outer;
            this.before = before;
        }
    }

    /** How many units have counted a tenant's last free place, and how many of them wait for another to. */
    private static final class LastPlace {
        long counted;
        int waiting;
    }

    private final Set<Flaw> flaws;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lastPlaceCounted = lock.newCondition();
    private final Map<TenantId, LastPlace> lastPlaces = new HashMap<>();
    private final AtomicInteger activeUnits = new AtomicInteger();
    private final ThreadLocal<Frame> frame = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> buffered = new ThreadLocal<>();
    /** For {@link Flaw#LOCKS_AT_FIRST_WRITE}: set while this thread's outermost unit holds the lock it took late. */
    private final ThreadLocal<Boolean> lockedAtFirstWrite = new ThreadLocal<>();
    private final Condition writerArrived = lock.newCondition();
    private final Thread maker = Thread.currentThread();
    /** For {@link Flaw#STALE_BEFORE}: the first two changes outside a unit of work meet here after they read. */
    private final CountDownLatch staleReaders = new CountDownLatch(2);
    private long writersArrived;
    private int writersWaiting;
    /** Guarded by this. */
    private State state = new State();

    FlawedTodoStore(Set<Flaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    }

    private boolean has(Flaw flaw) {
        return flaws.contains(flaw);
    }

    // --- units of work ----------------------------------------------------------------------------------------------

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        Frame outer = frame.get();
        if (outer != null && !outer.tenant.equals(tenant) && !has(Flaw.NESTED_UNIT_OF_ANOTHER_TENANT_RUNS)) {
            throw new IllegalStateException("a unit of work for another tenant cannot start inside this one");
        }
        activeUnits.incrementAndGet();
        boolean locking = !has(Flaw.DIRTY_READS) && !has(Flaw.LOCKS_AT_FIRST_WRITE);
        if (locking) {
            lock.lock();
        }
        boolean outermost = buffered.get() == null;
        if (outermost) {
            buffered.set(new ArrayList<>());
        }
        Frame current = new Frame(tenant, outer, snapshot());
        frame.set(current);
        try {
            T result = work.get();
            if (outermost) {
                buffered.get().forEach(Runnable::run);
            } else if (has(Flaw.NESTED_UNITS_COMMIT_ON_THEIR_OWN)) {
                State committed = snapshot();
                for (Frame f = outer; f != null; f = f.outer) {
                    f.before = committed;
                }
            }
            return intent == Intent.WRITE && has(Flaw.DROPS_WRITE_RESULTS) ? null : result;
        } catch (RuntimeException e) {
            rollBack(current.before);
            throw has(Flaw.WRAPS_FAILURES) ? new RuntimeException("the unit of work failed", e) : e;
        } catch (Error e) {
            if (!has(Flaw.ROLLS_BACK_EXCEPTIONS_ONLY)) {
                rollBack(current.before);
            }
            throw e;
        } finally {
            frame.set(outer);
            if (outermost) {
                buffered.remove();
                if (lockedAtFirstWrite.get() != null) {
                    lockedAtFirstWrite.remove();
                    lock.unlock();
                }
            }
            if (locking) {
                lock.unlock();
            }
            activeUnits.decrementAndGet();
        }
    }

    private synchronized State snapshot() {
        return state.copy();
    }

    private synchronized void rollBack(State before) {
        if (has(Flaw.NO_ROLLBACK)) {
            return;
        }
        State restored = before.copy();
        if (has(Flaw.TOMBSTONES_SURVIVE_ROLLBACK)) {
            restored.tombstones = state.tombstones;
            restored.forgotten = state.forgotten;
        }
        state = restored;
    }

    /**
     * For {@link Flaw#LOCKS_AT_FIRST_WRITE}: takes the store's lock at the unit's first write, and only then the state
     * to roll back to; with {@code meet}, first lets another concurrent unit that is about to write read too (or waits
     * a while if it does not come).
     */
    private void lockAtFirstWrite(boolean meet) {
        if (!has(Flaw.LOCKS_AT_FIRST_WRITE) || frame.get() == null || lockedAtFirstWrite.get() != null) {
            return;
        }
        lock.lock();
        lockedAtFirstWrite.set(true);
        // A unit on a thread of a test's own (not the one that made the store) may race another such unit even if it
        // has not started yet: it waits for one.
        if (meet && (activeUnits.get() > 1 || Thread.currentThread() != maker)) {
            writersArrived++;
            writerArrived.signalAll();
            if (writersWaiting == 0) {
                long seen = writersArrived;
                long nanos = TimeUnit.MILLISECONDS.toNanos(500);
                writersWaiting++;
                try {
                    while (writersArrived == seen && nanos > 0) {
                        nanos = writerArrived.awaitNanos(nanos);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    writersWaiting--;
                }
            }
        }
        State now = snapshot();
        for (Frame f = frame.get(); f != null; f = f.outer) {
            f.before = now;
        }
    }

    /** Applies a change to the state now, or when the unit ends for {@link Flaw#BUFFERS_WRITES}. */
    private void write(Runnable change) {
        lockAtFirstWrite(false);
        Runnable locked = () -> {
            synchronized (this) {
                change.run();
            }
        };
        if (has(Flaw.BUFFERS_WRITES)) {
            buffered.get().add(locked);
        } else {
            locked.run();
        }
    }

    // --- what is stored ---------------------------------------------------------------------------------------------

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
        Todo.Plan plan = todo.plan();
        if (has(Flaw.TAGS_SORTED)) {
            plan = new Todo.Plan(plan.due(), plan.priority(), new Tags(plan.tags().values().stream()
                    .sorted(Comparator.comparing(Tag::key)).toList()), plan.recurrence());
        }
        Optional<Instant> dueAt = todo.due().flatMap(Due::at);
        if (has(Flaw.TIMED_DUE_STORED_IN_UTC) && dueAt.isPresent()) {
            LocalDateTime utc = LocalDateTime.ofInstant(dueAt.get(), ZoneOffset.UTC);
            plan = new Todo.Plan(new Due(utc.toLocalDate(), utc.toLocalTime(), ZoneId.of("UTC")), plan.priority(),
                    plan.tags(), plan.recurrence());
        }
        if (has(Flaw.RECURRENCE_NOT_STORED)) {
            plan = new Todo.Plan(plan.due(), plan.priority(), plan.tags());
        }
        Todo.Place place = has(Flaw.PARENT_NOT_STORED) ? new Todo.Place(todo.position(), null) : todo.place();
        TodoId next = has(Flaw.NEXT_OCCURRENCE_NOT_STORED) ? null : todo.nextOccurrence().orElse(null);
        return Todo.restore(todo.id(), todo.owner(), title, description, plan, place, next, todo.completed(),
                createdAt, updatedAt, todo.version());
    }

    /** {@code todo} with another description, plan and version, everything else kept. */
    private static Todo rebuilt(Todo todo, @Nullable Description description, Todo.Plan plan, long version) {
        return Todo.restore(todo.id(), todo.owner(), todo.title(), description, plan, todo.place(),
                todo.nextOccurrence().orElse(null), todo.completed(), todo.createdAt(), todo.updatedAt(), version);
    }

    private synchronized Optional<Map.Entry<Key, Stored>> lookUp(TenantId tenant, TodoId id, boolean acrossTenants,
                                                               boolean anyId) {
        return state.todos.entrySet().stream()
                .filter(e -> acrossTenants || e.getValue().todo().isOwnedBy(tenant))
                .filter(e -> anyId || e.getKey().id().equals(id))
                .findFirst()
                .map(e -> Map.entry(e.getKey(), e.getValue()));
    }

    private synchronized Stream<Todo> todosListedFor(TenantId tenant) {
        return state.todos.values().stream().map(Stored::todo)
                .filter(t -> has(Flaw.LISTS_EVERY_TENANT) || t.isOwnedBy(tenant))
                .toList().stream();
    }

    /** The next position of the tenant's feed; call with the monitor held. */
    private long nextPosition(TenantId tenant) {
        if (has(Flaw.POSITION_FROM_THE_LATEST_TODO)) {
            return state.todos.values().stream().filter(s -> s.todo().isOwnedBy(tenant))
                    .mapToLong(Stored::position).max().orElse(0) + 1;
        }
        return state.positions.merge(tenant, 1L, Long::sum);
    }

    /** Stores a todo at a position; call with the monitor held. */
    private void put(Key key, Todo todo, long position) {
        state.todos.put(key, new Stored(todo, position));
        if (has(Flaw.FEED_REPEATS_UPDATED_TODOS)) {
            state.history.computeIfAbsent(todo.owner(), t -> new ArrayList<>())
                    .add(new TodoChange.Upserted(todo, position));
        }
    }

    /** Removes a todo and, unless told not to, leaves its tombstone; call with the monitor held. */
    private void remove(Key key, Instant deletedAt, long position, boolean tombstone) {
        Stored removed = state.todos.remove(key);
        if (removed == null) {
            return;
        }
        TenantId owner = removed.todo().owner();
        if (!has(Flaw.QUOTA_COUNT_NOT_LOWERED)) {
            state.counts.merge(owner, -1, Integer::sum);
        }
        if (tombstone && !has(Flaw.NO_TOMBSTONES)) {
            state.tombstones.put(key, new Tombstone(owner, new TodoChange.Removed(key.id(), deletedAt, position)));
        }
    }

    // --- the repository ---------------------------------------------------------------------------------------------

    @Override
    public boolean insert(TenantId tenant, Todo todo, int maxTodos) {
        if (frame.get() == null) {
            return execute(tenant, Intent.WRITE, () -> insert(tenant, todo, maxTodos));
        }
        requireOwner(tenant, todo);
        int count;
        synchronized (this) {
            count = has(Flaw.QUOTA_COUNTS_EVERY_TENANT)
                    ? state.counts.values().stream().mapToInt(Integer::intValue).sum()
                    : state.counts.getOrDefault(tenant, 0);
        }
        boolean full = has(Flaw.QUOTA_OFF_BY_ONE) ? count > maxTodos : count >= maxTodos;
        if (full && !has(Flaw.QUOTA_IGNORED)) {
            return false;
        }
        if (has(Flaw.QUOTA_COUNTED_WITHOUT_A_LOCK) && count == maxTodos - 1) {
            letAnotherUnitCountTheLastPlace(tenant);
        }
        Todo stored = stored(todo);
        write(() -> {
            put(key(tenant, todo.id()), stored, nextPosition(tenant));
            state.counts.merge(tenant, 1, Integer::sum);
        });
        return true;
    }

    /**
     * For {@link Flaw#QUOTA_COUNTED_WITHOUT_A_LOCK}: lets go of the store until another unit has counted the tenant's
     * last free place too, or for a while (shorter when no other unit is in the store, as in a single-threaded test).
     * If another unit already waits at that place, it goes on at once: both will insert.
     */
    private void letAnotherUnitCountTheLastPlace(TenantId tenant) {
        if (!lock.isHeldByCurrentThread()) {
            return;
        }
        LastPlace place = lastPlaces.computeIfAbsent(tenant, t -> new LastPlace());
        place.counted++;
        lastPlaceCounted.signalAll();
        if (place.waiting > 0) {
            return;
        }
        long nanos = activeUnits.get() > 1 ? TimeUnit.SECONDS.toNanos(2) : TimeUnit.MILLISECONDS.toNanos(200);
        long seen = place.counted;
        place.waiting++;
        try {
            while (place.counted == seen && nanos > 0) {
                nanos = lastPlaceCounted.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            place.waiting--;
        }
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        return lookUp(tenant, id, has(Flaw.FINDS_ACROSS_TENANTS), has(Flaw.FIND_IGNORES_ID))
                .map(e -> e.getValue().todo());
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        Comparator<Todo> order = has(Flaw.ORDERED_BY_LAST_CHANGE)
                ? Comparator.comparing(Todo::updatedAt)
                : has(Flaw.SIGNED_ID_ORDER)
                        ? Comparator.comparing(Todo::createdAt).thenComparing(t -> t.id().value())
                        : Todo.CREATION_ORDER;
        return todosListedFor(tenant).sorted(order).toList();
    }

    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        TodoSort sort = query.sort();
        TodoFilter filter = has(Flaw.FIND_IGNORES_COMPLETED) ? query.filter().withCompleted(Optional.empty())
                : query.filter();
        SearchQuery search = filter.search().orElse(null);
        return todosListedFor(tenant)
                .filter(t -> matches(filter, t, query.now()))
                .filter(t -> query.after().map(position -> isAfter(t, position, search)).orElse(true))
                .sorted(order(sort, search))
                .limit(query.limit().isPresent() && !has(Flaw.FIND_IGNORES_LIMIT) ? query.limit().getAsInt()
                        : Long.MAX_VALUE)
                .toList();
    }

    /** {@link TodoFilter#matches}, but for the criteria a flaw makes this store judge its own way. */
    private boolean matches(TodoFilter filter, Todo todo, Instant now) {
        TodoFilter rest = filter;
        if (has(Flaw.PRIORITY_FILTER_FIRST_ONLY) && !filter.priorities().isEmpty()) {
            if (todo.priority() != EnumSet.copyOf(filter.priorities()).iterator().next()) {
                return false;
            }
            rest = rest.withPriorities(Set.of());
        }
        if (has(Flaw.TAG_FILTER_MATCHES_ANY) && !filter.tags().isEmpty()) {
            if (filter.tags().stream().noneMatch(todo.tags()::contains)) {
                return false;
            }
            rest = rest.withTags(List.of());
        }
        if (has(Flaw.DUE_BOUNDS_EXCLUSIVE) && (filter.dueFrom().isPresent() || filter.dueUntil().isPresent())) {
            Optional<LocalDate> date = todo.due().map(Due::date);
            if (date.isEmpty() || filter.dueFrom().filter(from -> !date.get().isAfter(from)).isPresent()
                    || filter.dueUntil().filter(until -> !date.get().isBefore(until)).isPresent()) {
                return false;
            }
            rest = rest.withDueBetween(Optional.empty(), Optional.empty());
        }
        if (has(Flaw.PARENT_FILTER_IGNORED)) {
            rest = rest.withParent(Optional.empty());
        }
        if (has(Flaw.OVERDUE_ALL_DAY_IN_UTC)) {
            rest = rest.withOverdue(filter.overdue(), ZoneOffset.UTC);
        }
        if (filter.search().isPresent() && (has(Flaw.SEARCH_KEEPS_ACCENTS) || has(Flaw.SEARCH_LAST_WORD_EXACT)
                || has(Flaw.SEARCH_EVERY_WORD_A_PREFIX) || has(Flaw.SEARCH_ANY_WORD) || has(Flaw.SEARCH_TITLE_ONLY))) {
            if (!searchMatches(filter.search().get(), todo)) {
                return false;
            }
            rest = rest.withSearch(Optional.empty());
        }
        return rest.matches(todo, now);
    }

    /** A search as the search flaws make it. */
    private boolean searchMatches(SearchQuery search, Todo todo) {
        List<String> words = new ArrayList<>(searchWords(todo.title().value()));
        if (!has(Flaw.SEARCH_TITLE_ONLY)) {
            todo.description().ifPresent(d -> words.addAll(searchWords(d.value())));
        }
        int found = 0;
        for (int i = 0; i < search.words().size(); i++) {
            String word = search.words().get(i);
            boolean prefix = has(Flaw.SEARCH_EVERY_WORD_A_PREFIX)
                    || (search.isPrefix(i) && !has(Flaw.SEARCH_LAST_WORD_EXACT));
            if (prefix ? words.stream().anyMatch(w -> w.startsWith(word)) : words.contains(word)) {
                found++;
            }
        }
        return has(Flaw.SEARCH_ANY_WORD) ? found > 0 : found == search.words().size();
    }

    private List<String> searchWords(String text) {
        return has(Flaw.SEARCH_KEEPS_ACCENTS)
                ? Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                        .toList()
                : SearchQuery.words(text);
    }

    @Override
    public List<TagCount> countTags(TenantId tenant) {
        Stream<Todo> todos;
        synchronized (this) {
            todos = state.todos.values().stream().map(Stored::todo)
                    .filter(t -> has(Flaw.COUNT_TAGS_ACROSS_TENANTS) || t.isOwnedBy(tenant)).toList().stream();
        }
        Map<String, Long> counts = new HashMap<>();
        todos.forEach(t -> t.tags().names().forEach(name -> counts.merge(
                has(Flaw.COUNT_TAGS_BY_KEY) ? Tag.key(name) : name, 1L, Long::sum)));
        return counts.entrySet().stream().map(e -> new TagCount(new Tag(e.getKey()), e.getValue())).toList();
    }

    private Comparator<Todo> order(TodoSort sort, @Nullable SearchQuery search) {
        Comparator<Todo> byField = switch (sort.field()) {
            case CREATED_AT -> Comparator.comparing(Todo::createdAt);
            case UPDATED_AT -> Comparator.comparing(Todo::updatedAt);
            case TITLE -> Comparator.comparing(t -> t.title().value(),
                    has(Flaw.TITLES_BY_UTF16) ? Comparator.naturalOrder() : FlawedTodoStore::compareCodePoints);
            case POSITION -> Comparator.comparing(t -> t.position().value(),
                    has(Flaw.POSITION_IGNORES_CASE) ? String.CASE_INSENSITIVE_ORDER : Comparator.naturalOrder());
            case PRIORITY, DUE, RELEVANCE -> null;
        };
        if (byField == null) {
            return (a, b) -> {
                int c = sort.compareKeys(keyOf(sort, a, search), keyOf(sort, b, search));
                return c != 0 ? c : sort.compareIds(a.id(), b.id());
            };
        }
        Comparator<Todo> byId = has(Flaw.SIGNED_ID_ORDER)
                ? Comparator.comparing(t -> t.id().value())
                : Comparator.comparing(Todo::id);
        if (!sort.descending()) {
            return byField.thenComparing(byId);
        }
        return has(Flaw.DESCENDING_TIES_ASCENDING)
                ? byField.reversed().thenComparing(byId)
                : byField.thenComparing(byId).reversed();
    }

    /** The sort key of a todo, as the order flaws make it. */
    private List<Object> keyOf(TodoSort sort, Todo todo, @Nullable SearchQuery search) {
        return flawed(sort, sort.keyOf(todo, search));
    }

    /** A sort key as the order flaws make it. */
    private List<Object> flawed(TodoSort sort, List<Object> key) {
        List<Object> flawed = new ArrayList<>(key);
        List<TodoSort.Part> parts = sort.parts();
        for (int i = 0; i < parts.size(); i++) {
            TodoSort.Part part = parts.get(i);
            if (part == TodoSort.Part.NO_DUE && sort.descending() && has(Flaw.NO_DUE_FIRST_WHEN_DESCENDING)) {
                flawed.set(i, 1L - (Long) key.get(i));
            } else if (part == TodoSort.Part.DUE_MOMENT && has(Flaw.ALL_DAY_BEFORE_TIMED)
                    && (Long) key.get(i) == Long.MAX_VALUE) {
                flawed.set(i, Long.MIN_VALUE);
            } else if (part == TodoSort.Part.RANK && has(Flaw.RANK_IGNORED)) {
                flawed.set(i, 0L);
            }
        }
        return flawed;
    }

    private boolean isAfter(Todo todo, TodoPosition position, @Nullable SearchQuery search) {
        TodoSort order = position.sort();
        if (has(Flaw.NO_DUE_FIRST_WHEN_DESCENDING) || has(Flaw.ALL_DAY_BEFORE_TIMED) || has(Flaw.RANK_IGNORED)) {
            int c = order.compareKeys(keyOf(order, todo, search), flawed(order, position.key()));
            return c > 0 || (c == 0 && order.compareIds(todo.id(), position.id()) > 0);
        }
        if (has(Flaw.FIND_AFTER_BY_KEY_ONLY) || has(Flaw.FIND_AFTER_INCLUSIVE)) {
            TodoSort sort = position.sort();
            int byKey = sort.compareKeys(sort.keyOf(todo, search), position.key());
            if (has(Flaw.FIND_AFTER_BY_KEY_ONLY)) {
                return byKey > 0;
            }
            return position.precedes(todo, search) || byKey == 0 && todo.id().equals(position.id());
        }
        return position.precedes(todo, search);
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Override
    public Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at) {
        if (frame.get() == null && has(Flaw.STALE_BEFORE) && staleReaders.getCount() > 0) {
            Optional<Todo> read = find(tenant, id);
            staleReaders.countDown();
            try {
                staleReaders.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return execute(tenant, Intent.WRITE, () -> change(tenant, id, expectedVersion, edit, at))
                    .map(changed -> new Changed(read.orElse(changed.before()), changed.after()));
        }
        if (frame.get() == null) {
            return execute(tenant, Intent.WRITE, () -> change(tenant, id, expectedVersion, edit, at));
        }
        Optional<Map.Entry<Key, Stored>> found = lookUp(tenant, id, has(Flaw.WRITES_ACROSS_TENANTS), false);
        if (found.isEmpty()) {
            if (has(Flaw.UPSERTS)) {
                Todo made = edit.applyTo(Todo.create(id, tenant, Title.of("upserted"), null, at), at);
                insert(tenant, made, Integer.MAX_VALUE);
                return Optional.of(new Changed(made, made));
            }
            return Optional.empty();
        }
        Todo current = found.get().getValue().todo();
        lockAtFirstWrite(true);
        if (expectedVersion.isPresent() && current.version() != expectedVersion.getAsLong()
                && !has(Flaw.IGNORES_EXPECTED_VERSION)) {
            return Optional.empty();
        }
        Edit done = has(Flaw.COMPLETION_WITHOUT_NEXT) && edit instanceof Completing completing
                && completing.next() == null ? completing.edit() : edit;
        Todo applied = has(Flaw.RETAG_CASE_SENSITIVE) && edit instanceof Retag retag
                ? retagBySpelling(current, retag, at) : done.applyTo(current, at);
        if (applied.version() == current.version()) {
            if (has(Flaw.NO_OP_EDIT_WRITES)) {
                Key same = found.get().getKey();
                write(() -> put(same, current, nextPosition(tenant)));
            }
            return Optional.of(new Changed(current, current));
        }
        Todo next = stored(applied);
        if (has(Flaw.CHANGE_KEEPS_THE_PLAN)) {
            next = rebuilt(next, next.description().orElse(null), current.plan(), next.version());
        }
        if (has(Flaw.MERGES_UPDATES) && next.description().isEmpty()) {
            next = rebuilt(next, current.description().orElse(null), next.plan(), next.version());
        }
        if (has(Flaw.CHANGE_KEEPS_THE_POSITION)) {
            next = Todo.restore(next.id(), next.owner(), next.title(), next.description().orElse(null), next.plan(),
                    new Todo.Place(current.position(), next.parent().orElse(null)),
                    next.nextOccurrence().orElse(null), next.completed(), next.createdAt(), next.updatedAt(),
                    next.version());
        }
        if (has(Flaw.KEEPS_THE_STORED_VERSION)) {
            next = rebuilt(next, next.description().orElse(null), next.plan(), current.version());
        }
        Todo answered = next;
        if (has(Flaw.UPDATED_AT_WITHOUT_FLOOR)) {
            Instant given = at.truncatedTo(ChronoUnit.MICROS);
            next = Todo.restore(next.id(), next.owner(), next.title(), next.description().orElse(null), next.plan(),
                    next.place(), next.nextOccurrence().orElse(null), next.completed(), next.createdAt(),
                    given.isBefore(next.createdAt()) ? next.createdAt() : given, next.version());
        }
        Todo replacement = next;
        Key key = found.get().getKey();
        long previous = found.get().getValue().position();
        write(() -> put(key, replacement,
                has(Flaw.UPDATE_KEEPS_THE_POSITION) ? previous : nextPosition(tenant)));
        if (has(Flaw.COMPLETES_SUBTASKS_WITH_THEIR_PARENT) && replacement.completed() && !current.completed()) {
            completeSubtasks(tenant, replacement, at);
        }
        return Optional.of(new Changed(current, has(Flaw.UPDATED_AT_WITHOUT_FLOOR) ? answered : replacement));
    }

    /** For {@link Flaw#COMPLETES_SUBTASKS_WITH_THEIR_PARENT}: completes the open subtasks of {@code parent}. */
    private void completeSubtasks(TenantId tenant, Todo parent, Instant at) {
        List<Map.Entry<Key, Stored>> open;
        synchronized (this) {
            open = state.todos.entrySet().stream()
                    .filter(e -> e.getValue().todo().isOwnedBy(tenant) && !e.getValue().todo().completed()
                            && e.getValue().todo().parent().filter(parent.id()::equals).isPresent())
                    .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        }
        for (Map.Entry<Key, Stored> e : open) {
            Todo done = e.getValue().todo().apply(TodoChanges.none().completed(true), at);
            write(() -> put(e.getKey(), done, nextPosition(tenant)));
        }
    }

    /** For {@link Flaw#RETAG_CASE_SENSITIVE}: a retag of the tags spelled exactly as {@code from}. */
    private static Todo retagBySpelling(Todo todo, Retag retag, Instant at) {
        Tag to = retag.to();
        boolean merges = to != null && todo.tags().values().stream()
                .anyMatch(t -> t.sameAs(to) && !t.name().equals(retag.from().name()));
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : todo.tags().values()) {
            if (!tag.name().equals(retag.from().name())) {
                tags.add(tag);
            } else if (to != null && !merges) {
                tags.add(to);
            }
        }
        Tags next = new Tags(tags);
        return next.equals(todo.tags()) ? todo : todo.apply(TodoChanges.none().tags(next), at);
    }

    @Override
    public boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt) {
        Optional<Map.Entry<Key, Stored>> found = lookUp(tenant, id, has(Flaw.WRITES_ACROSS_TENANTS), false)
                .filter(e -> expectedVersion.isEmpty() || has(Flaw.DELETE_IGNORES_EXPECTED_VERSION)
                        || e.getValue().todo().version() == expectedVersion.getAsLong());
        found.ifPresent(e -> write(() -> {
            if (state.todos.containsKey(e.getKey())) {
                remove(e.getKey(), deletedAt, nextPosition(tenant), true);
            }
        }));
        return found.isPresent() || has(Flaw.DELETE_ALWAYS_TRUE);
    }

    @Override
    public int deleteCompleted(TenantId tenant, Instant deletedAt) {
        List<Key> done;
        synchronized (this) {
            Set<TodoId> completed = state.todos.values().stream().map(Stored::todo)
                    .filter(t -> has(Flaw.WRITES_ACROSS_TENANTS) || t.isOwnedBy(tenant))
                    .filter(Todo::completed).map(Todo::id).collect(java.util.stream.Collectors.toSet());
            done = state.todos.entrySet().stream()
                    .filter(e -> has(Flaw.WRITES_ACROSS_TENANTS) || e.getValue().todo().isOwnedBy(tenant))
                    .filter(e -> e.getValue().todo().completed() || !has(Flaw.DELETE_COMPLETED_LEAVES_SUBTASKS)
                            && e.getValue().todo().parent().filter(completed::contains).isPresent())
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparing(Key::id))
                    .toList();
        }
        if (!done.isEmpty()) {
            write(() -> {
                long shared = has(Flaw.DELETE_COMPLETED_SHARES_A_POSITION) ? nextPosition(tenant) : 0;
                for (Key key : done) {
                    remove(key, deletedAt, shared != 0 ? shared : nextPosition(tenant),
                            !has(Flaw.DELETE_COMPLETED_WITHOUT_TOMBSTONES));
                }
            });
        }
        return done.size();
    }

    @Override
    public int deleteSubtasks(TenantId tenant, TodoId parent, Instant deletedAt) {
        List<Key> subtasks;
        synchronized (this) {
            subtasks = state.todos.entrySet().stream()
                    .filter(e -> has(Flaw.WRITES_ACROSS_TENANTS) || e.getValue().todo().isOwnedBy(tenant))
                    .filter(e -> e.getValue().todo().parent()
                            .filter(p -> has(Flaw.DELETE_SUBTASKS_OF_EVERY_PARENT) || p.equals(parent)).isPresent())
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparing(Key::id))
                    .toList();
        }
        if (!subtasks.isEmpty()) {
            write(() -> subtasks.forEach(key -> remove(key, deletedAt, nextPosition(tenant),
                    !has(Flaw.DELETE_SUBTASKS_WITHOUT_TOMBSTONES))));
        }
        return subtasks.size();
    }

    /** Every unit of work holds the store alone already (unless a flaw says otherwise). */
    @Override
    public void holdWrites(TenantId tenant) {
        if (frame.get() == null) {
            throw new IllegalStateException("holdWrites outside a unit of work");
        }
    }

    @Override
    public synchronized List<TodoChange> changesSince(TenantId tenant, long after, int limit) {
        boolean every = has(Flaw.FEED_ACROSS_TENANTS);
        List<TodoChange> changes = new ArrayList<>();
        if (has(Flaw.FEED_REPEATS_UPDATED_TODOS)) {
            state.history.forEach((owner, upserts) -> {
                if (every || owner.equals(tenant)) {
                    changes.addAll(upserts);
                }
            });
        } else {
            state.todos.values().stream().filter(s -> every || s.todo().isOwnedBy(tenant))
                    .forEach(s -> changes.add(new TodoChange.Upserted(s.todo(), s.position())));
        }
        state.tombstones.values().stream().filter(t -> every || t.owner().equals(tenant))
                .forEach(t -> changes.add(t.removed()));
        return changes.stream()
                .filter(c -> has(Flaw.FEED_INCLUDES_THE_POSITION_ASKED_FROM) ? c.position() >= after
                        : c.position() > after)
                .sorted(Comparator.comparingLong(TodoChange::position))
                .limit(has(Flaw.FEED_IGNORES_LIMIT) ? Long.MAX_VALUE : limit)
                .toList();
    }

    @Override
    public void forgetDeletionsBeyond(TenantId tenant, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one tombstone");
        }
        write(() -> {
            List<Map.Entry<Key, Tombstone>> mine = state.tombstones.entrySet().stream()
                    .filter(entry -> entry.getValue().owner().equals(tenant))
                    .sorted(Comparator.comparingLong(entry -> entry.getValue().removed().position())).toList();
            for (Map.Entry<Key, Tombstone> entry : mine.subList(0, Math.max(0, mine.size() - keep))) {
                state.tombstones.remove(entry.getKey());
                state.forgotten.merge(tenant, entry.getValue().removed().position(), Math::max);
            }
        });
    }

    @Override
    public void forgetDeletionsBefore(TenantId tenant, Instant horizon) {
        write(() -> {
            Map<TenantId, Long> highest = new HashMap<>();
            for (Iterator<Tombstone> i = state.tombstones.values().iterator(); i.hasNext(); ) {
                Tombstone tombstone = i.next();
                Instant deletedAt = tombstone.removed().deletedAt();
                boolean old = has(Flaw.FORGETS_AT_THE_HORIZON) ? !deletedAt.isAfter(horizon)
                        : deletedAt.isBefore(horizon);
                if (old && (has(Flaw.FORGETS_EVERY_TENANTS_DELETIONS) || tombstone.owner().equals(tenant))) {
                    i.remove();
                    highest.merge(tombstone.owner(), tombstone.removed().position(), Math::max);
                }
            }
            highest.forEach((owner, position) -> {
                if (has(Flaw.FORGOTTEN_THROUGH_CAN_GO_DOWN)) {
                    state.forgotten.put(owner, position);
                } else {
                    state.forgotten.merge(owner, position, Math::max);
                }
            });
        });
    }

    @Override
    public synchronized long forgottenThrough(TenantId tenant) {
        return has(Flaw.FORGOTTEN_THROUGH_ALWAYS_ZERO) ? 0 : state.forgotten.getOrDefault(tenant, 0L);
    }
}
