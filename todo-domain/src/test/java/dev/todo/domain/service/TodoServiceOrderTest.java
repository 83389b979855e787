package dev.todo.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoLimits;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.model.Violation;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.DeleteTodoCommand;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.MoveTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The service's subtasks, moves, recurring completions and cascading deletes (issue 18). */
class TodoServiceOrderTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("auth0|bob");
    private static final Instant T0 = Instant.parse("2026-01-22T10:00:00Z");

    private Instant now = T0;
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
            return now;
        }
    };
    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final List<String> told = new ArrayList<>();
    private final TodoEvents events = new TodoEvents() {
        @Override
        public void created(TenantId tenant) {
            told.add("created");
        }

        @Override
        public void completed(TenantId tenant) {
            told.add("completed");
        }

        @Override
        public void deleted(TenantId tenant, int count) {
            told.add("deleted " + count);
        }
    };
    private final TodoService service = new TodoService(store, store,
            new TodoService.Settings(clock, TodoId::random, TodoLimits.DEFAULTS, events));

    private Todo create(String title) {
        Todo todo = service.create(CreateTodoCommand.of(ALICE, title, null));
        now = now.plusSeconds(1);
        return todo;
    }

    private Todo createUnder(Todo parent, String title) {
        Todo todo = service.create(new CreateTodoCommand(ALICE, Title.of(title), null, Todo.Plan.NONE, parent.id()));
        now = now.plusSeconds(1);
        return todo;
    }

    private Todo get(Todo todo) {
        return service.get(ALICE, todo.id());
    }

    private List<TodoId> inOrder() {
        return service.list(new ListTodosQuery(ALICE, TodoFilter.ALL, new TodoSort(TodoSort.Field.POSITION, false),
                OptionalInt.empty(), Optional.empty())).items().stream().map(Todo::id).toList();
    }

    private static void assertViolation(Runnable useCase, String field, String message) {
        assertThatThrownBy(useCase::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactly(new Violation(field, message)));
    }

    @Test
    void aSubtaskIsCreatedInOneUnitOfWorkThatHoldsTheWritesAndChecksTheParent() {
        Todo parent = create("parent");
        store.units().clear();

        Todo subtask = createUnder(parent, "subtask");

        assertThat(subtask.parent()).contains(parent.id());
        assertThat(store.units()).containsExactly(new InMemoryTodoStore.Unit(ALICE, Intent.WRITE));
        assertThat(store.holds()).containsExactly(ALICE);
        assertViolation(() -> createUnder(subtask, "x"), TodoService.PARENT,
                "is a subtask; a subtask cannot have subtasks");
        Todo bobs = service.create(CreateTodoCommand.of(BOB, "bob's", null));
        assertViolation(() -> createUnder(bobs, "x"), TodoService.PARENT, "is not a todo of yours");
        assertThat(service.list(ALICE)).containsExactly(parent, subtask);
        assertThat(told).containsExactly("created", "created", "created");
    }

    @Test
    void aMoveTakesTheKeyBetweenItsNewNeighboursInOneUnitOfWork() {
        Todo a = create("a");
        Todo b = create("b");
        Todo c = create("c");
        store.units().clear();

        Todo moved = service.move(MoveTodoCommand.after(ALICE, c.id(), a.id(), OptionalLong.of(c.version())));

        assertThat(moved.position()).isEqualTo(OrderKey.between(a.position(), b.position()));
        assertThat(moved.version()).isEqualTo(c.version() + 1);
        assertThat(moved.updatedAt()).isEqualTo(now);
        assertThat(store.units()).containsExactly(new InMemoryTodoStore.Unit(ALICE, Intent.WRITE));
        assertThat(store.holds()).containsExactly(ALICE);
        assertThat(service.move(MoveTodoCommand.after(ALICE, a.id(), null, OptionalLong.empty())).position())
                .isEqualTo(a.position());
        Todo first = service.move(MoveTodoCommand.after(ALICE, b.id(), null, OptionalLong.empty()));
        assertThat(first.position()).isEqualTo(OrderKey.between(null, a.position()));
        Todo last = service.move(MoveTodoCommand.after(ALICE, a.id(), c.id(), OptionalLong.empty()));
        assertThat(last.position()).isEqualTo(OrderKey.between(moved.position(), null));
        assertThat(inOrder()).containsExactly(b.id(), c.id(), a.id());
    }

    @Test
    void aMoveUnderAParentGoesFirstAmongItsSubtasksOrRightAfterIt() {
        Todo p = create("p");
        Todo x = create("x");
        Todo y = create("y");

        Todo xUnder = service.move(MoveTodoCommand.under(ALICE, x.id(), p.id(), null, OptionalLong.empty()));
        assertThat(xUnder.position()).isEqualTo(OrderKey.between(p.position(), y.position()));
        Todo yUnder = service.move(MoveTodoCommand.under(ALICE, y.id(), p.id(), null, OptionalLong.empty()));
        assertThat(yUnder.position()).isEqualTo(OrderKey.between(p.position(), xUnder.position()));
        assertThat(yUnder.parent()).contains(p.id());
        assertThat(inOrder()).containsExactly(p.id(), y.id(), x.id());
        Todo out = service.move(MoveTodoCommand.under(ALICE, y.id(), null, null, OptionalLong.empty()));
        assertThat(out.parent()).isEmpty();
        assertThat(out.position()).isEqualTo(OrderKey.between(null, p.position()));
    }

    @Test
    void aMoveToWhereTheTodoIsWritesNothing() {
        Todo a = create("a");
        Todo b = create("b");
        Todo s = createUnder(a, "s");
        // Created last of all; moved first among its parent's subtasks, it goes right after the parent.
        Todo first = service.move(MoveTodoCommand.under(ALICE, s.id(), a.id(), null, OptionalLong.empty()));
        assertThat(first.position()).isEqualTo(OrderKey.between(a.position(), b.position()));
        int writes = store.writes();

        assertThat(service.move(MoveTodoCommand.after(ALICE, a.id(), null, OptionalLong.empty()))).isEqualTo(a);
        assertThat(service.move(MoveTodoCommand.under(ALICE, s.id(), a.id(), null, OptionalLong.empty())))
                .isEqualTo(first);
        assertThat(service.move(MoveTodoCommand.after(ALICE, s.id(), null, OptionalLong.empty()))).isEqualTo(first);
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(told).containsExactly("created", "created", "created");
    }

    @Test
    void aMoveIsRefusedForAWrongPlaceAStaleVersionOrAnUnknownTodo() {
        Todo p = create("p");
        Todo s = createUnder(p, "s");
        Todo x = create("x");
        int writes = store.writes();

        assertViolation(() -> service.move(MoveTodoCommand.after(ALICE, x.id(), x.id(), OptionalLong.empty())),
                TodoService.AFTER, "cannot be the moved todo");
        assertViolation(() -> service.move(MoveTodoCommand.after(ALICE, x.id(), s.id(), OptionalLong.empty())),
                TodoService.AFTER, "is not in the same list (its parent_id differs)");
        assertViolation(() -> service.move(MoveTodoCommand.under(ALICE, x.id(), x.id(), null, OptionalLong.empty())),
                TodoService.PARENT, "cannot be the moved todo");
        assertViolation(() -> service.move(MoveTodoCommand.under(ALICE, x.id(), s.id(), null, OptionalLong.empty())),
                TodoService.PARENT, "is a subtask; a subtask cannot have subtasks");
        assertViolation(() -> service.move(MoveTodoCommand.under(ALICE, p.id(), x.id(), null, OptionalLong.empty())),
                TodoService.PARENT, "the moved todo has subtasks; a subtask cannot have subtasks");
        assertViolation(() -> service.move(MoveTodoCommand.under(ALICE, x.id(), TodoId.random(), null,
                OptionalLong.empty())), TodoService.PARENT, "is not a todo of yours");
        assertThatThrownBy(() -> service.move(MoveTodoCommand.after(ALICE, x.id(), null, OptionalLong.of(9))))
                .isInstanceOf(VersionMismatchException.class);
        assertThatThrownBy(() -> service.move(MoveTodoCommand.after(BOB, x.id(), null, OptionalLong.empty())))
                .isInstanceOf(TodoNotFoundException.class);
        assertThat(store.writes()).isEqualTo(writes);
    }

    @Test
    void aMoveThatLeavesNoRoomForAKeyIsRefusedNamingAfter() {
        // The lowest key there is: nothing goes before it.
        Todo lowest = Todo.restore(TodoId.random(), ALICE, Title.of("lowest"), null, Todo.Plan.NONE,
                new Todo.Place(OrderKey.parse("Q0000000001"), null), null, false, T0, T0, Todo.FIRST_VERSION);
        assertThat(store.insert(ALICE, lowest, 10)).isTrue();
        Todo x = create("x");
        int writes = store.writes();

        assertViolation(() -> service.move(MoveTodoCommand.after(ALICE, x.id(), null, OptionalLong.empty())),
                TodoService.AFTER, "leaves no room for a key here; move one of its neighbours first");
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(inOrder()).containsExactly(lowest.id(), x.id());
    }

    @Test
    void completingARecurringTodoStoresItsNextOccurrenceInTheSameUnitOfWork() {
        Todo todo = service.create(new CreateTodoCommand(ALICE, Title.of("daily"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.LOW, Tags.NONE,
                Recurrence.parse("FREQ=DAILY;COUNT=2")), null));
        now = now.plusSeconds(1);
        store.units().clear();

        Todo done = service.toggle(ALICE, todo.id());

        Todo next = service.get(ALICE, done.nextOccurrence().orElseThrow());
        assertThat(next).isEqualTo(done.followingOccurrence(now).orElseThrow());
        assertThat(next.recurrence()).contains(Recurrence.parse("FREQ=DAILY;COUNT=1"));
        assertThat(store.units()).startsWith(new InMemoryTodoStore.Unit(ALICE, Intent.WRITE)).hasSize(2);
        assertThat(told).containsExactly("created", "created", "completed");
        Todo lastOne = service.update(new UpdateTodoCommand(ALICE, next.id(), TodoChanges.none().completed(true)));
        assertThat(lastOne.nextOccurrence()).isEmpty();
        assertThat(service.list(ALICE)).hasSize(2);
    }

    @Test
    void aCompletionWhoseNextOccurrenceHasNoRoomIsUndone() {
        TodoService limited = new TodoService(store, store,
                TodoService.Settings.of(clock).withLimits(new TodoLimits(1, Duration.ofDays(30))));
        Todo todo = limited.create(new CreateTodoCommand(ALICE, Title.of("daily"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.NONE, Tags.NONE, Recurrence.parse("FREQ=DAILY")),
                null));
        assertThatThrownBy(() -> limited.toggle(ALICE, todo.id())).isInstanceOf(QuotaExceededException.class);

        assertThat(limited.get(ALICE, todo.id())).isEqualTo(todo);
        assertThat(limited.changesSince(ALICE, OptionalLong.empty(), 10).changes()).hasSize(1);
    }

    @Test
    void aDeleteTakesTheSubtasksInOneUnitOfWorkAndTellsHowMany() {
        Todo p = create("p");
        createUnder(p, "s1");
        createUnder(p, "s2");
        Todo other = create("other");
        store.units().clear();

        assertThatThrownBy(() -> service.delete(new DeleteTodoCommand(ALICE, p.id(), OptionalLong.of(5))))
                .isInstanceOf(VersionMismatchException.class);
        assertThat(service.list(ALICE)).hasSize(4);
        service.delete(ALICE, p.id());

        assertThat(service.list(ALICE)).containsExactly(other);
        assertThat(told).endsWith("deleted 3");
        assertThat(store.units()).contains(new InMemoryTodoStore.Unit(ALICE, Intent.WRITE));
    }
}
