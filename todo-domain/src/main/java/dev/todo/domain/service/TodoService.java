package dev.todo.domain.service;

import dev.todo.domain.model.ChangesForgottenException;
import dev.todo.domain.model.ListTooLargeException;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoLimits;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.port.in.ChangeBatch;
import dev.todo.domain.port.in.ClearCompletedUseCase;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.CreateTodoUseCase;
import dev.todo.domain.port.in.DeleteTodoCommand;
import dev.todo.domain.port.in.DeleteTodoUseCase;
import dev.todo.domain.port.in.GetTodoUseCase;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.ListTodosUseCase;
import dev.todo.domain.port.in.SyncTodosUseCase;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.in.ToggleTodoUseCase;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Todo use cases. Each call is one {@link UnitOfWork} (a change of an existing todo: a read, then one
 * conditional write, repeated if another write came in between); the tenant travels explicitly into every
 * repository call. Thread-safe when its out-ports are.
 *
 * <pre>{@code
 * TodoService todos = new TodoService(repository, unitOfWork, Clock.systemUTC());
 * Todo todo = todos.create(CreateTodoCommand.of(TenantId.of("alice"), "Buy milk", null));
 * }</pre>
 */
public final class TodoService implements CreateTodoUseCase, GetTodoUseCase, ListTodosUseCase, UpdateTodoUseCase,
        DeleteTodoUseCase, ToggleTodoUseCase, ClearCompletedUseCase, SyncTodosUseCase {

    /** How many times a change reads and writes optimistically before it locks the todo instead. */
    static final int OPTIMISTIC_ATTEMPTS = 3;

    private final TodoRepository repository;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final Supplier<TodoId> ids;
    private final TodoLimits limits;
    private final TodoEvents events;

    /**
     * A service with the {@linkplain TodoLimits#DEFAULTS default limits}.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock) {
        this(repository, unitOfWork, clock, TodoLimits.DEFAULTS);
    }

    /**
     * Creates the {@code TodoService}.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     * @param limits     the quota and the tombstone retention
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock, TodoLimits limits) {
        this(repository, unitOfWork, clock, TodoId::random, limits);
    }

    /**
     * Creates the {@code TodoService}.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     * @param ids        the source of new todo ids; each call must return an id not used before
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock, Supplier<TodoId> ids) {
        this(repository, unitOfWork, clock, ids, TodoLimits.DEFAULTS);
    }

    /**
     * Creates the {@code TodoService}.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     * @param ids        the source of new todo ids; each call must return an id not used before
     * @param limits     the quota and the tombstone retention
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock, Supplier<TodoId> ids,
                       TodoLimits limits) {
        this(repository, unitOfWork, clock, ids, limits, TodoEvents.NONE);
    }

    /**
     * A service that tells {@code events} what happened.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     * @param ids        the source of new todo ids; each call must return an id not used before
     * @param limits     the quota and the tombstone retention
     * @param events     who is told what happened, after it happened
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock, Supplier<TodoId> ids,
                       TodoLimits limits, TodoEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @throws QuotaExceededException if the tenant already has {@link TodoLimits#maxTodosPerTenant()} todos
     */
    @Override
    public Todo create(CreateTodoCommand command) {
        Todo todo = Todo.create(ids.get(), command.tenant(), command.title(), command.description(), clock.instant());
        // The insert is the unit's only statement, and counts against the quota atomically on its own.
        Todo created = unitOfWork.executeSingleWrite(command.tenant(), () -> {
            if (!repository.insert(command.tenant(), todo, limits.maxTodosPerTenant())) {
                throw new QuotaExceededException(limits.maxTodosPerTenant());
            }
            return todo;
        });
        events.created(command.tenant());
        return created;
    }

    @Override
    public Todo get(TenantId tenant, TodoId id) {
        return unitOfWork.execute(tenant, Intent.READ,
                () -> repository.find(tenant, id).orElseThrow(() -> new TodoNotFoundException(id)));
    }

    @Override
    public List<Todo> list(TenantId tenant) {
        return unitOfWork.execute(tenant, Intent.READ, () -> repository.findAll(tenant));
    }

    @Override
    public TodoPage list(ListTodosQuery query) {
        TenantId tenant = query.tenant();
        // One more than asked for tells whether another page follows; without a page size, one more than an
        // unpaged list may hold tells that it is too long, without reading the rest.
        int most = query.limit().orElse(limits.maxUnpagedList());
        List<Todo> found = unitOfWork.execute(tenant, Intent.READ, () -> repository.find(tenant,
                new TodoQuery(query.completed(), query.sort(), query.after(), OptionalInt.of(most + 1))));
        if (query.limit().isEmpty() && found.size() > most) {
            throw new ListTooLargeException(most);
        }
        if (found.size() <= most) {
            return new TodoPage(found, Optional.empty());
        }
        List<Todo> page = found.subList(0, query.limit().getAsInt());
        return new TodoPage(page, Optional.of(TodoPosition.after(query.sort(), page.get(page.size() - 1))));
    }

    @Override
    public Todo update(UpdateTodoCommand command) {
        TenantId tenant = command.tenant();
        if (command.changes().isEmpty()) {
            Todo current = get(tenant, command.id());
            requireVersion(current, command.expectedVersion());
            return current;
        }
        return change(tenant, command.id(), command.expectedVersion(), current -> command.changes());
    }

    @Override
    public Todo toggle(TenantId tenant, TodoId id, OptionalLong expectedVersion) {
        return change(tenant, id, expectedVersion, current -> TodoChanges.none().completed(!current.completed()));
    }

    /**
     * Changes a todo optimistically: reads it, applies the changes to what it read, and stores the result only if
     * the todo is still at the version it read (a single conditional write, with no lock held in between). If another
     * write came first, it starts again from the todo as that write left it, so that changes apply one after another
     * to the latest state, as under a lock. After {@value #OPTIMISTIC_ATTEMPTS} such losses (a todo written very
     * often) it holds the todo for update instead, and then cannot lose.
     */
    private Todo change(TenantId tenant, TodoId id, OptionalLong expectedVersion,
                        Function<Todo, TodoChanges> changesOf) {
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            Todo current = get(tenant, id);
            requireVersion(current, expectedVersion);
            Todo changed = current.apply(changesOf.apply(current), clock.instant());
            if (unitOfWork.executeSingleWrite(tenant,
                    () -> repository.update(tenant, changed, current.version()))) {
                return told(tenant, new Write(current, changed));
            }
        }
        return told(tenant, unitOfWork.execute(tenant, Intent.WRITE, () -> {
            Todo current = repository.findForUpdate(tenant, id).orElseThrow(() -> new TodoNotFoundException(id));
            requireVersion(current, expectedVersion);
            return new Write(current, write(tenant, current, changesOf.apply(current)));
        }));
    }

    /** A todo before and after a change. */
    private record Write(Todo before, Todo after) {
    }

    /** Tells the events of a committed change, and returns the changed todo. */
    private Todo told(TenantId tenant, Write write) {
        if (!write.before().completed() && write.after().completed()) {
            events.completed(tenant);
        }
        return write.after();
    }

    /** Applies changes to a todo held for update, and stores the result. */
    private Todo write(TenantId tenant, Todo current, TodoChanges changes) {
        Todo changed = current.apply(changes, clock.instant());
        if (!repository.update(tenant, changed, current.version())) {
            // findForUpdate holds the todo for this unit of work, so only a broken adapter gets here.
            throw new IllegalStateException("todo " + current.id() + " changed while it was held for update");
        }
        return changed;
    }

    @Override
    public void delete(DeleteTodoCommand command) {
        TenantId tenant = command.tenant();
        TodoId id = command.id();
        unitOfWork.execute(tenant, Intent.WRITE, () -> {
            if (command.expectedVersion().isPresent()) {
                // Hold the todo while its version is compared, so that no change slips in between.
                Todo current = repository.findForUpdate(tenant, id).orElseThrow(() -> new TodoNotFoundException(id));
                requireVersion(current, command.expectedVersion());
            }
            // To the microsecond, as every time the domain stores (ADR 0008): the database would round the rest.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!repository.delete(tenant, id, now)) {
                throw new TodoNotFoundException(id);
            }
            forgetOldDeletions(tenant, now);
            return null;
        });
        events.deleted(tenant, 1);
    }

    @Override
    public int clearCompleted(TenantId tenant) {
        int deleted = unitOfWork.execute(tenant, Intent.WRITE, () -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            int count = repository.deleteCompleted(tenant, now);
            forgetOldDeletions(tenant, now);
            return count;
        });
        if (deleted > 0) {
            events.deleted(tenant, deleted);
        }
        return deleted;
    }

    @Override
    public ChangeBatch changesSince(TenantId tenant, OptionalLong since, int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw ValidationException.of("limit", "must be between 1 and " + MAX_BATCH);
        }
        if (since.isPresent() && since.getAsLong() < 0) {
            throw ValidationException.of("since", "must not be negative");
        }
        return unitOfWork.execute(tenant, Intent.READ, () -> {
            long from = since.orElse(0);
            // From the beginning nothing can have been missed: a client that has nothing needs no old deletions.
            if (since.isPresent() && from < repository.forgottenThrough(tenant)) {
                throw new ChangesForgottenException();
            }
            List<TodoChange> changes = repository.changesSince(tenant, from, limit + 1);
            boolean hasMore = changes.size() > limit;
            List<TodoChange> batch = hasMore ? changes.subList(0, limit) : changes;
            long next = batch.isEmpty() ? from : batch.get(batch.size() - 1).position();
            return new ChangeBatch(batch, next, hasMore);
        });
    }

    /** Drops the tenant's tombstones past the retention, and the oldest past the count a tenant may keep. */
    private void forgetOldDeletions(TenantId tenant, Instant now) {
        repository.forgetDeletionsBefore(tenant, now.minus(limits.tombstoneRetention()));
        repository.forgetDeletionsBeyond(tenant, limits.maxTombstonesPerTenant());
    }

    private static void requireVersion(Todo todo, OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != todo.version()) {
            throw new VersionMismatchException(todo.id(), expected.getAsLong(), todo.version());
        }
    }
}
