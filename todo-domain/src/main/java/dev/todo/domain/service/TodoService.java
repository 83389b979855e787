package dev.todo.domain.service;

import dev.todo.domain.model.ChangesForgottenException;
import dev.todo.domain.model.ListTooLargeException;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.TagNotFoundException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoLimits;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.TodoSort;
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
import dev.todo.domain.port.in.ManageTagsUseCase;
import dev.todo.domain.port.in.MoveTodoCommand;
import dev.todo.domain.port.in.MoveTodoUseCase;
import dev.todo.domain.port.in.SyncTodosUseCase;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.in.ToggleTodoUseCase;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.TodoRepository.Changed;
import dev.todo.domain.port.out.TodoRepository.Completing;
import dev.todo.domain.port.out.TodoRepository.Edit;
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
import java.util.function.Supplier;

/**
 * The Todo use cases on top of the out-ports; thread-safe when they are. A use case that writes more than once runs in
 * one {@link UnitOfWork}; a create or a change is one atomic repository call (ADR 0022).
 */
public final class TodoService implements CreateTodoUseCase, GetTodoUseCase, ListTodosUseCase, UpdateTodoUseCase,
        DeleteTodoUseCase, ToggleTodoUseCase, ClearCompletedUseCase, SyncTodosUseCase, ManageTagsUseCase,
        MoveTodoUseCase {

    /** The field a create or a move names its parent with. */
    public static final String PARENT = "parent_id";
    /** The field a move names the todo it goes after with. */
    public static final String AFTER = "after";

    /**
     * What a service is built with besides its ports.
     * @param limits the quota, the tombstone bounds and the unpaged list bound
     */
    public record Settings(Clock clock, Supplier<TodoId> ids, TodoLimits limits, TodoEvents events) {

        public Settings {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(events, "events");
        }

        /** Random ids, the {@linkplain TodoLimits#DEFAULTS default limits} and no listener. */
        public static Settings of(Clock clock) {
            return new Settings(clock, TodoId::random, TodoLimits.DEFAULTS, TodoEvents.NONE);
        }

        /** These settings with other ids. */
        public Settings withIds(Supplier<TodoId> newIds) {
            return new Settings(clock, newIds, limits, events);
        }

        /** These settings with other limits. */
        public Settings withLimits(TodoLimits newLimits) {
            return new Settings(clock, ids, newLimits, events);
        }

        /** These settings with another listener. */
        public Settings withEvents(TodoEvents newEvents) {
            return new Settings(clock, ids, limits, newEvents);
        }
    }

    private final TodoRepository repository;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final TodoLimits limits;
    private final TodoEvents events;
    private final Settings settings;

    /** Creates the service on these ports. */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Settings settings) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.settings = settings;
        this.clock = settings.clock();
        this.limits = settings.limits();
        this.events = settings.events();
    }

    /**
     * @throws QuotaExceededException if the tenant already has {@link TodoLimits#maxTodosPerTenant()} todos
     * @throws ValidationException naming {@value #PARENT} if the parent is not a top-level todo of the tenant
     */
    @Override
    public Todo create(CreateTodoCommand command) {
        TenantId tenant = command.tenant();
        TodoId parent = command.parent();
        if (parent == null) {
            return insert(tenant, Todo.create(settings.ids().get(), tenant, command.title(), command.description(),
                    command.plan(), clock.instant()));
        }
        return unitOfWork.execute(tenant, Intent.WRITE, () -> {
            repository.holdWrites(tenant);
            requireParent(tenant, parent);
            return insert(tenant, Todo.create(settings.ids().get(), tenant, command.title(), command.description(),
                    command.plan(), parent, clock.instant()));
        });
    }

    private Todo insert(TenantId tenant, Todo todo) {
        if (!repository.insert(tenant, todo, limits.maxTodosPerTenant())) {
            throw new QuotaExceededException(limits.maxTodosPerTenant());
        }
        events.created(tenant);
        return todo;
    }

    /** Returns the tenant's top-level todo {@code id}, which a subtask is to be put under. */
    private Todo requireParent(TenantId tenant, TodoId id) {
        Todo parent = repository.find(tenant, id)
                .orElseThrow(() -> ValidationException.of(PARENT, "is not a todo of yours"));
        if (parent.isSubtask()) {
            throw ValidationException.of(PARENT, "is a subtask; a subtask cannot have subtasks");
        }
        return parent;
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
        TodoQuery read = new TodoQuery(query.filter(), clock.instant(), query.sort(), query.after(),
                OptionalInt.of(most + 1));
        List<Todo> found = unitOfWork.execute(tenant, Intent.READ, () -> repository.find(tenant, read));
        if (query.limit().isEmpty() && found.size() > most) {
            throw new ListTooLargeException(most);
        }
        if (found.size() <= most) {
            return new TodoPage(found, Optional.empty());
        }
        List<Todo> page = found.subList(0, query.limit().getAsInt());
        return new TodoPage(page, Optional.of(TodoPosition.after(query.sort(), page.get(page.size() - 1),
                query.filter().search().orElse(null))));
    }

    @Override
    public List<TagCount> tags(TenantId tenant) {
        return unitOfWork.execute(tenant, Intent.READ, () -> TagCount.merge(repository.countTags(tenant)));
    }

    @Override
    public TagCount renameTag(TenantId tenant, Tag from, Tag to) {
        return unitOfWork.execute(tenant, Intent.WRITE, () -> {
            retag(tenant, from, to);
            return TagCount.merge(repository.countTags(tenant)).stream().filter(count -> count.tag().sameAs(to))
                    .findFirst().orElseThrow(() -> new IllegalStateException("tag " + to + " renamed away"));
        });
    }

    @Override
    public int deleteTag(TenantId tenant, Tag tag) {
        return unitOfWork.execute(tenant, Intent.WRITE, () -> retag(tenant, tag, null));
    }

    /**
     * Renames or removes a tag on each todo that carries it, each edit worked out from the todo as it is when it
     * applies, so that a change made meanwhile is kept.
     */
    private int retag(TenantId tenant, Tag from, @Nullable Tag to) {
        Instant now = clock.instant();
        List<Todo> carrying = repository.find(tenant, new TodoQuery(TodoFilter.ALL.withTags(List.of(from)), now,
                TodoSort.CREATION, Optional.empty(), OptionalInt.empty()));
        if (carrying.isEmpty()) {
            throw new TagNotFoundException(from.name());
        }
        int changed = 0;
        for (Todo todo : carrying) {
            Optional<Changed> result = repository.change(tenant, todo.id(), OptionalLong.empty(), Edit.retag(from, to),
                    now);
            if (result.isPresent() && result.get().after().version() != result.get().before().version()) {
                changed++;
            }
        }
        return changed;
    }

    @Override
    public Todo update(UpdateTodoCommand command) {
        TenantId tenant = command.tenant();
        if (command.changes().isEmpty()) {
            Todo current = get(tenant, command.id());
            requireVersion(current, command.expectedVersion());
            return current;
        }
        return change(tenant, command.id(), command.expectedVersion(), Edit.of(command.changes()));
    }

    @Override
    public Todo toggle(TenantId tenant, TodoId id, OptionalLong expectedVersion) {
        return change(tenant, id, expectedVersion, Edit.flip());
    }

    /**
     * Changes a todo in one repository call. A completion that makes the next occurrence of a recurring todo writes
     * nothing in that call, and is done again in a unit of work that stores the occurrence with the completion, or
     * neither (ADR 0037): every other write stays one statement.
     */
    private Todo change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit) {
        Edit once = edit.mayComplete() ? Edit.completing(edit, null) : edit;
        Changed changed = repository.change(tenant, id, expectedVersion, once, clock.instant())
                .orElseThrow(() -> missingOrStale(tenant, id, expectedVersion));
        Todo before = changed.before();
        if (!edit.mayComplete() || !before.equals(changed.after())
                || !Completing.needsNext(before, edit.changesFor(before))) {
            return changed(tenant, changed);
        }
        return completeWithNext(tenant, id, expectedVersion, edit);
    }

    /** Completes a recurring todo and stores its next occurrence in one unit of work. */
    private Todo completeWithNext(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit) {
        TodoId next = settings.ids().get();
        return unitOfWork.execute(tenant, Intent.WRITE, () -> {
            Instant now = clock.instant();
            Changed changed = repository.change(tenant, id, expectedVersion, Edit.completing(edit, next), now)
                    .orElseThrow(() -> missingOrStale(tenant, id, expectedVersion));
            Todo after = changed.after();
            if (after.nextOccurrence().filter(next::equals).isPresent()) {
                // A completion the quota has no room for is refused as a whole (ADR 0037).
                insert(tenant, after.followingOccurrence(now).orElseThrow(
                        () -> new IllegalStateException("todo " + id + " named a next occurrence it has not")));
            }
            return changed(tenant, changed);
        });
    }

    private Todo changed(TenantId tenant, Changed changed) {
        if (!changed.before().completed() && changed.after().completed()) {
            events.completed(tenant);
        }
        return changed.after();
    }

    @Override
    public Todo move(MoveTodoCommand command) {
        TenantId tenant = command.tenant();
        return unitOfWork.execute(tenant, Intent.WRITE, () -> {
            repository.holdWrites(tenant);
            Todo moved = repository.find(tenant, command.id())
                    .orElseThrow(() -> new TodoNotFoundException(command.id()));
            requireVersion(moved, command.expectedVersion());
            TodoId parent = command.changesParent() ? command.parent() : moved.parent().orElse(null);
            if (parent != null) {
                if (parent.equals(moved.id())) {
                    throw ValidationException.of(PARENT, "cannot be the moved todo");
                }
                requireParent(tenant, parent);
                if (!subtasksOf(tenant, moved.id(), 1).isEmpty()) {
                    throw ValidationException.of(PARENT,
                            "the moved todo has subtasks; a subtask cannot have subtasks");
                }
            }
            OrderKey[] bounds = bounds(tenant, moved, parent, command.after());
            boolean parentChanges = !Objects.equals(parent, moved.parent().orElse(null));
            if (!parentChanges && moved.position().isBetween(bounds[0], bounds[1])) {
                return moved;
            }
            TodoChanges changes = TodoChanges.none().position(keyBetween(bounds[0], bounds[1]));
            return repository.change(tenant, moved.id(), OptionalLong.of(moved.version()),
                    Edit.of(parentChanges ? changes.parent(parent) : changes), clock.instant())
                    .orElseThrow(() -> new IllegalStateException("todo " + moved.id() + " changed while held"))
                    .after();
        });
    }

    private static OrderKey keyBetween(@Nullable OrderKey lower, @Nullable OrderKey upper) {
        try {
            return OrderKey.between(lower, upper);
        } catch (IllegalStateException e) {
            throw ValidationException.of(AFTER, "leaves no room for a key here; move one of its neighbours first");
        }
    }

    /**
     * The keys a moved todo goes between, in the tenant's whole order with the moved todo left out: right after
     * {@code after}; or first among {@code parent}'s subtasks (right after the parent when it has none); or first of
     * all.
     */
    private @Nullable OrderKey[] bounds(TenantId tenant, Todo moved, @Nullable TodoId parent,
                                        @Nullable TodoId after) {
        if (after != null) {
            if (after.equals(moved.id())) {
                throw ValidationException.of(AFTER, "cannot be the moved todo");
            }
            Todo lower = repository.find(tenant, after)
                    .orElseThrow(() -> ValidationException.of(AFTER, "is not a todo of yours"));
            if (!Objects.equals(lower.parent().orElse(null), parent)) {
                throw ValidationException.of(AFTER, "is not in the same list (its parent_id differs)");
            }
            return new OrderKey[] {lower.position(), neighbour(tenant, moved, lower, false)};
        }
        if (parent == null) {
            return new OrderKey[] {null, neighbour(tenant, moved, null, false)};
        }
        List<Todo> first = subtasksOf(tenant, parent, 2).stream().filter(t -> !t.id().equals(moved.id())).toList();
        if (first.isEmpty()) {
            Todo top = repository.find(tenant, parent)
                    .orElseThrow(() -> new IllegalStateException("parent " + parent + " vanished while held"));
            return new OrderKey[] {top.position(), neighbour(tenant, moved, top, false)};
        }
        return new OrderKey[] {neighbour(tenant, moved, first.get(0), true), first.get(0).position()};
    }

    /**
     * The key of the todo next to {@code from} in the tenant's order (after it, or before it when {@code before}), the
     * moved todo left out; from the very start when {@code from} is null; null when there is none.
     */
    private @Nullable OrderKey neighbour(TenantId tenant, Todo moved, @Nullable Todo from, boolean before) {
        TodoSort sort = new TodoSort(TodoSort.Field.POSITION, before);
        Optional<TodoPosition> start = Optional.ofNullable(from).map(t -> TodoPosition.after(sort, t));
        return repository.find(tenant, new TodoQuery(TodoFilter.ALL, clock.instant(), sort, start, OptionalInt.of(2)))
                .stream().filter(t -> !t.id().equals(moved.id())).findFirst().map(Todo::position).orElse(null);
    }

    private List<Todo> subtasksOf(TenantId tenant, TodoId parent, int most) {
        return repository.find(tenant, new TodoQuery(TodoFilter.ALL.withParent(Optional.of(parent)), clock.instant(),
                new TodoSort(TodoSort.Field.POSITION, false), Optional.empty(), OptionalInt.of(most)));
    }

    /** Deletes the todo and its subtasks, a tombstone each. */
    @Override
    public void delete(DeleteTodoCommand command) {
        TenantId tenant = command.tenant();
        int deleted = unitOfWork.execute(tenant, Intent.WRITE, () -> {
            // To the microsecond, as every time the domain stores (ADR 0008).
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            // The subtasks first, so that no stored subtask is ever without its parent; a refused delete undoes it.
            int subtasks = repository.deleteSubtasks(tenant, command.id(), now);
            if (!repository.delete(tenant, command.id(), command.expectedVersion(), now)) {
                throw missingOrStale(tenant, command.id(), command.expectedVersion());
            }
            forgetOldDeletions(tenant, now);
            return 1 + subtasks;
        });
        events.deleted(tenant, deleted);
    }

    /** Why a conditional write found nothing to write: no such todo, or another version. */
    private RuntimeException missingOrStale(TenantId tenant, TodoId id, OptionalLong expectedVersion) {
        Todo current = get(tenant, id);
        requireVersion(current, expectedVersion);
        return new IllegalStateException("todo " + id + " was found at the expected version but not written");
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

    /** Forgets the tenant's tombstones past the retention, and the oldest past the count it may keep. */
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
