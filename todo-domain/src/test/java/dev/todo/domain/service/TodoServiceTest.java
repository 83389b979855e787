package dev.todo.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.ChangesForgottenException;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoLimits;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.model.Violation;
import dev.todo.domain.port.in.ChangeBatch;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.DeleteTodoCommand;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TodoServiceTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("auth0|bob");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-22T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final TodoService service = new TodoService(store, store, TodoService.Settings.of(clock));

    private Todo create(TenantId tenant, String title) {
        Todo todo = service.create(CreateTodoCommand.of(tenant, title, null));
        now.set(now.get().plusSeconds(1));
        return todo;
    }

    @Test
    void createStoresAnOpenTodoOfTheTenant() {
        Todo todo = service.create(CreateTodoCommand.of(ALICE, "Buy milk", "2 l"));
        assertThat(todo.owner()).isEqualTo(ALICE);
        assertThat(todo.title()).isEqualTo(Title.of("Buy milk"));
        assertThat(todo.description()).contains(new Description("2 l"));
        assertThat(todo.completed()).isFalse();
        assertThat(todo.createdAt()).isEqualTo(now.get());
        assertThat(service.get(ALICE, todo.id())).isEqualTo(todo);
        assertThat(store.units()).containsExactly(new InMemoryTodoStore.Unit(ALICE, Intent.WRITE),
                new InMemoryTodoStore.Unit(ALICE, Intent.READ));
    }

    @Test
    void theCreateCommandListsEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> CreateTodoCommand.of(ALICE, " ", "d".repeat(2001)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("title", "must not be blank"),
                        new Violation("description", "must be at most 2000 characters")));
        assertThat(store.units()).isEmpty();
    }

    @Test
    void listReturnsOnlyTheTenantsTodosOldestFirst() {
        Todo first = create(ALICE, "first");
        create(BOB, "bob's");
        Todo second = create(ALICE, "second");
        assertThat(service.list(ALICE)).containsExactly(first, second);
        assertThat(service.list(TenantId.of("carol"))).isEmpty();
    }

    @Test
    void todosCreatedAtTheSameInstantAreOrderedById() {
        TodoId high = TodoId.parse("ffffffff-0000-4000-8000-000000000000");
        TodoId low = TodoId.parse("00000000-0000-4000-8000-000000000000");
        var ids = List.of(high, low).iterator();
        TodoService sameInstant = new TodoService(store, store, TodoService.Settings.of(clock).withIds(ids::next));
        sameInstant.create(CreateTodoCommand.of(ALICE, "high", null));
        sameInstant.create(CreateTodoCommand.of(ALICE, "low", null));
        assertThat(service.list(ALICE)).extracting(Todo::id).containsExactly(low, high);
    }

    @Test
    void anotherTenantsTodoIsNotFoundForEveryUseCaseAndStaysUntouched() {
        Todo alices = create(ALICE, "private");
        int writes = store.writes();
        assertThatThrownBy(() -> service.get(BOB, alices.id())).isInstanceOf(TodoNotFoundException.class)
                .hasMessage("Todo not found");
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(BOB, alices.id(),
                TodoChanges.none().completed(true)))).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(BOB, alices.id(), TodoChanges.none())))
                .isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.delete(BOB, alices.id())).isInstanceOf(TodoNotFoundException.class);
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(service.get(ALICE, alices.id())).isEqualTo(alices);
    }

    @Test
    void anUnknownIdIsNotFound() {
        TodoId unknown = TodoId.random();
        assertThatThrownBy(() -> service.get(ALICE, unknown))
                .isInstanceOfSatisfying(TodoNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
        assertThatThrownBy(() -> service.delete(ALICE, unknown)).isInstanceOf(TodoNotFoundException.class);
    }

    @Test
    void updateAppliesOnlyWhatChangesAndMovesUpdatedAt() {
        Todo todo = service.create(CreateTodoCommand.of(ALICE, "Buy milk", "2 l"));
        now.set(now.get().plus(5, ChronoUnit.SECONDS));
        Todo done = service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none().completed(true)));
        assertThat(done.completed()).isTrue();
        assertThat(done.title()).isEqualTo(todo.title());
        assertThat(done.description()).isEqualTo(todo.description());
        assertThat(done.createdAt()).isEqualTo(todo.createdAt());
        assertThat(done.updatedAt()).isEqualTo(now.get());
        assertThat(done.version()).isEqualTo(todo.version() + 1);
        assertThat(service.get(ALICE, todo.id())).isEqualTo(done);

        Todo cleared = service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none().clearDescription()));
        assertThat(cleared.description()).isEmpty();
        assertThat(cleared.completed()).isTrue();
        assertThat(service.get(ALICE, todo.id())).isEqualTo(cleared);
    }

    @Test
    void anEmptyUpdateWritesNothingAndReturnsTheTodo() {
        Todo todo = create(ALICE, "unchanged");
        int writes = store.writes();
        assertThat(service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none()))).isEqualTo(todo);
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(store.units().get(store.units().size() - 1).intent()).isEqualTo(Intent.READ);
    }

    @Test
    void deleteRemovesTheTodo() {
        Todo todo = create(ALICE, "gone soon");
        service.delete(ALICE, todo.id());
        assertThatThrownBy(() -> service.get(ALICE, todo.id())).isInstanceOf(TodoNotFoundException.class);
        assertThat(service.list(ALICE)).isEmpty();
    }

    @Test
    void aConditionalUpdateAppliesOnlyToTheExpectedVersion() {
        Todo todo = create(ALICE, "conditional");
        Todo done = service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none().completed(true),
                OptionalLong.of(todo.version())));
        assertThat(done.version()).isEqualTo(todo.version() + 1);
        int writes = store.writes();
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(ALICE, todo.id(),
                TodoChanges.none().title(Title.of("stale")), OptionalLong.of(todo.version()))))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(todo.version());
                    assertThat(e.actual()).isEqualTo(done.version());
                    assertThat(e.id()).isEqualTo(todo.id());
                });
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none(),
                OptionalLong.of(todo.version())))).isInstanceOf(VersionMismatchException.class);
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(service.get(ALICE, todo.id())).isEqualTo(done);
    }

    @Test
    void aConditionalDeleteDeletesOnlyTheExpectedVersion() {
        Todo todo = create(ALICE, "conditional delete");
        assertThatThrownBy(() -> service.delete(new DeleteTodoCommand(ALICE, todo.id(), OptionalLong.of(99))))
                .isInstanceOf(VersionMismatchException.class);
        assertThat(service.get(ALICE, todo.id())).isEqualTo(todo);
        service.delete(new DeleteTodoCommand(ALICE, todo.id(), OptionalLong.of(todo.version())));
        assertThatThrownBy(() -> service.get(ALICE, todo.id())).isInstanceOf(TodoNotFoundException.class);
    }

    @Test
    void toggleFlipsCompletionAndMovesUpdatedAt() {
        Todo todo = create(ALICE, "flip me");
        Todo done = service.toggle(ALICE, todo.id());
        assertThat(done.completed()).isTrue();
        assertThat(done.version()).isEqualTo(todo.version() + 1);
        assertThat(done.updatedAt()).isAfter(todo.updatedAt());
        assertThat(service.toggle(ALICE, todo.id()).completed()).isFalse();
        assertThatThrownBy(() -> service.toggle(BOB, todo.id())).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.toggle(ALICE, todo.id(), OptionalLong.of(done.version())))
                .isInstanceOf(VersionMismatchException.class);
        assertThat(service.toggle(ALICE, todo.id(), OptionalLong.of(done.version() + 1)).completed()).isTrue();
    }

    @Test
    void aMissingTodoIsNotFoundBeforeAnyVersionIsCompared() {
        TodoId unknown = TodoId.random();
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(ALICE, unknown,
                TodoChanges.none().completed(true), OptionalLong.of(1)))).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.delete(new DeleteTodoCommand(ALICE, unknown, OptionalLong.of(1))))
                .isInstanceOf(TodoNotFoundException.class);
    }

    @Test
    void pagingVisitsEveryTodoOnceInEachOrder() {
        List<String> titles = List.of("b", "A", "a", "😀", "\uFFFD", "c", "B", "b");
        for (String title : titles) {
            Todo todo = create(ALICE, title);
            if (title.equals("a")) {
                now.set(now.get().plusSeconds(1));
                service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none().completed(true)));
            }
        }
        create(BOB, "not alice's");
        for (TodoSort.Field field : TodoSort.Field.values()) {
            if (field == TodoSort.Field.RELEVANCE) {
                continue; // only in a search: see TodoPlanTest
            }
            for (boolean descending : List.of(false, true)) {
                TodoSort sort = new TodoSort(field, descending);
                List<Todo> expected = service.list(ALICE).stream().sorted(sort.comparator()).toList();
                for (int limit : List.of(1, 3, 8, 500)) {
                    assertThat(pageThrough(sort, limit, Optional.empty())).as(sort + " by " + limit)
                            .containsExactlyElementsOf(expected);
                }
                assertThat(pageThrough(sort, 2, Optional.of(true))).extracting(t -> t.title().value())
                        .containsExactly("a");
            }
        }
        assertThat(service.list(ALICE).stream().sorted(new TodoSort(TodoSort.Field.TITLE, false).comparator())
                .map(t -> t.title().value())).containsExactly("A", "B", "a", "b", "b", "c", "\uFFFD", "😀");
    }

    private List<Todo> pageThrough(TodoSort sort, int limit, Optional<Boolean> completed) {
        List<Todo> seen = new java.util.ArrayList<>();
        Optional<TodoPosition> after = Optional.empty();
        do {
            TodoPage page = service.list(new ListTodosQuery(ALICE, completed, sort, OptionalInt.of(limit), after));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return seen;
    }

    @Test
    void withoutALimitTheQueryListsEverything() {
        Todo first = create(ALICE, "first");
        Todo second = create(ALICE, "second");
        TodoPage page = service.list(ListTodosQuery.all(ALICE));
        assertThat(page.items()).containsExactly(first, second);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void aQueryOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new ListTodosQuery(ALICE, Optional.empty(), TodoSort.CREATION, OptionalInt.of(0),
                Optional.empty())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ListTodosQuery(ALICE, Optional.empty(), TodoSort.CREATION, OptionalInt.of(501),
                Optional.empty())).isInstanceOf(ValidationException.class);
        TodoPosition byTitle = new TodoPosition(new TodoSort(TodoSort.Field.TITLE, false), "x", TodoId.random());
        assertThatThrownBy(() -> new ListTodosQuery(ALICE, Optional.empty(), TodoSort.CREATION, OptionalInt.of(5),
                Optional.of(byTitle))).isInstanceOf(ValidationException.class);
    }

    @Test
    void aTenantCannotGoPastItsQuota() {
        TodoService limited = new TodoService(store, store,
                TodoService.Settings.of(clock).withLimits(new TodoLimits(2, Duration.ofDays(30))));
        limited.create(CreateTodoCommand.of(ALICE, "one", null));
        limited.create(CreateTodoCommand.of(ALICE, "two", null));
        assertThatThrownBy(() -> limited.create(CreateTodoCommand.of(ALICE, "three", null)))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.limit()).isEqualTo(2));
        assertThat(limited.list(ALICE)).hasSize(2);
        limited.create(CreateTodoCommand.of(BOB, "bob's first", null));
        limited.delete(ALICE, limited.list(ALICE).get(0).id());
        limited.create(CreateTodoCommand.of(ALICE, "three, now that one is gone", null));
        assertThat(limited.list(ALICE)).hasSize(2);
    }

    @Test
    void clearCompletedDeletesOnlyTheTenantsDoneTodos() {
        Todo done = create(ALICE, "done");
        Todo open = create(ALICE, "open");
        Todo bobsDone = create(BOB, "bob's done");
        service.update(new UpdateTodoCommand(ALICE, done.id(), TodoChanges.none().completed(true)));
        service.update(new UpdateTodoCommand(BOB, bobsDone.id(), TodoChanges.none().completed(true)));
        assertThat(service.clearCompleted(ALICE)).isEqualTo(1);
        assertThat(service.list(ALICE)).extracting(Todo::id).containsExactly(open.id());
        assertThat(service.list(BOB)).hasSize(1);
        assertThat(service.clearCompleted(ALICE)).isZero();
    }

    @Test
    void replayingTheChangeFeedEndsWithTheTenantsTodos() {
        java.util.Map<TodoId, Todo> replica = new java.util.HashMap<>();
        long[] position = {0};
        boolean[] started = {false};
        Runnable sync = () -> {
            ChangeBatch batch;
            do {
                batch = service.changesSince(ALICE, started[0] ? OptionalLong.of(position[0]) : OptionalLong.empty(), 2);
                started[0] = true;
                for (TodoChange change : batch.changes()) {
                    assertThat(change.position()).isGreaterThan(position[0]);
                    position[0] = change.position();
                    if (change instanceof TodoChange.Upserted upserted) {
                        replica.put(upserted.todo().id(), upserted.todo());
                    } else if (change instanceof TodoChange.Removed removed) {
                        replica.remove(removed.id());
                    }
                }
                assertThat(batch.next()).isEqualTo(position[0]);
            } while (batch.hasMore());
        };
        Todo a = create(ALICE, "a");
        Todo b = create(ALICE, "b");
        sync.run();
        create(BOB, "bob's");
        Todo c = create(ALICE, "c");
        service.update(new UpdateTodoCommand(ALICE, a.id(), TodoChanges.none().completed(true)));
        service.delete(ALICE, b.id());
        sync.run();
        service.update(new UpdateTodoCommand(ALICE, c.id(), TodoChanges.none().completed(true)));
        service.clearCompleted(ALICE);
        create(ALICE, "d");
        sync.run();
        assertThat(replica.values()).containsExactlyInAnyOrderElementsOf(service.list(ALICE));
        assertThat(service.changesSince(ALICE, OptionalLong.of(position[0]), 10).changes()).isEmpty();
    }

    @Test
    void aClientBehindTheForgottenDeletionsMustStartOver() {
        TodoService forgetful = new TodoService(store, store,
                TodoService.Settings.of(clock).withLimits(new TodoLimits(100, Duration.ofDays(1))));
        Todo old = forgetful.create(CreateTodoCommand.of(ALICE, "old", null));
        long before = forgetful.changesSince(ALICE, OptionalLong.empty(), 10).next();
        forgetful.delete(ALICE, old.id());
        now.set(now.get().plus(Duration.ofDays(2)));
        Todo other = forgetful.create(CreateTodoCommand.of(ALICE, "other", null));
        forgetful.delete(ALICE, other.id());
        assertThatThrownBy(() -> forgetful.changesSince(ALICE, OptionalLong.of(before), 10))
                .isInstanceOf(ChangesForgottenException.class);
        ChangeBatch fresh = forgetful.changesSince(ALICE, OptionalLong.empty(), 10);
        assertThat(fresh.changes()).hasSize(1).allMatch(c -> c instanceof TodoChange.Removed);
        assertThatThrownBy(() -> forgetful.changesSince(ALICE, OptionalLong.empty(), 0))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void eventsTellCreationsCompletionsAndDeletionsThatHappened() {
        List<String> told = new java.util.ArrayList<>();
        TodoEvents listener = new TodoEvents() {
            @Override
            public void created(TenantId tenant) {
                told.add("created " + tenant);
            }

            @Override
            public void completed(TenantId tenant) {
                told.add("completed " + tenant);
            }

            @Override
            public void deleted(TenantId tenant, int count) {
                told.add("deleted " + count + " " + tenant);
            }
        };
        TodoService observed = new TodoService(store, store,
                new TodoService.Settings(clock, TodoId::random, TodoLimits.DEFAULTS, listener));
        Todo a = observed.create(CreateTodoCommand.of(ALICE, "a", null));
        Todo b = observed.create(CreateTodoCommand.of(ALICE, "b", null));
        observed.update(new UpdateTodoCommand(ALICE, a.id(), TodoChanges.none().completed(true)));
        observed.update(new UpdateTodoCommand(ALICE, a.id(), TodoChanges.none().completed(true)));
        observed.toggle(ALICE, b.id());
        observed.toggle(ALICE, b.id());
        observed.delete(ALICE, b.id());
        observed.clearCompleted(ALICE);
        observed.clearCompleted(ALICE);
        assertThatThrownBy(() -> observed.delete(ALICE, a.id())).isInstanceOf(TodoNotFoundException.class);
        assertThat(told).containsExactly("created alice", "created alice", "completed alice", "completed alice",
                "deleted 1 alice", "deleted 1 alice");
    }

    @Test
    void everyUseCaseRunsInUnitsOfWorkOfItsTenantAndEachWriteIsAtomic() {
        Todo todo = create(ALICE, "counted");
        service.get(ALICE, todo.id());
        service.list(ALICE);
        service.update(new UpdateTodoCommand(ALICE, todo.id(), TodoChanges.none().completed(true)));
        service.delete(ALICE, todo.id());
        assertThat(store.units()).containsExactly(
                // a create: one insert, a unit of work of its own
                new InMemoryTodoStore.Unit(ALICE, Intent.WRITE),
                new InMemoryTodoStore.Unit(ALICE, Intent.READ),
                new InMemoryTodoStore.Unit(ALICE, Intent.READ),
                // a change: one conditional change, a unit of work of its own
                new InMemoryTodoStore.Unit(ALICE, Intent.WRITE),
                new InMemoryTodoStore.Unit(ALICE, Intent.WRITE));
    }
}
