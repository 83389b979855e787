package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository.Edit;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18 on PostgreSQL: a todo's recurrence, position, parent and next occurrence as every read and write sees them,
 * the keys that the schema keeps unique and the parents it keeps existing, deleting subtasks (with a completed parent
 * too) a tombstone each, and holding a tenant's writes.
 */
class OrderAndSubtasksTest {

    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");

    private static TestPostgres.Database database;
    private static ApplicationContext context;
    private static JdbcTodoRepository repository;
    private static JdbcUnitOfWork unitOfWork;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase();
        context = PostgresTestSupport.start(database);
        repository = context.getBean(JdbcTodoRepository.class);
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static TenantId tenant(String name) {
        return TenantId.of(name + "-" + UUID.randomUUID());
    }

    private static <T> T write(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.WRITE, work);
    }

    private static <T> T read(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.READ, work);
    }

    private static Todo insert(Todo todo) {
        assertThat(write(todo.owner(), () -> repository.insert(todo.owner(), todo, Integer.MAX_VALUE))).isTrue();
        return todo;
    }

    private static Todo todo(TenantId tenant, String title, Instant at) {
        return Todo.create(TodoId.random(), tenant, Title.of(title), null, at);
    }

    private static Todo subtask(Todo parent, String title, Instant at) {
        return Todo.create(TodoId.random(), parent.owner(), Title.of(title), null, Todo.Plan.NONE, parent.id(), at);
    }

    private static Todo done(Todo todo, Instant at) {
        return todo.apply(TodoChanges.none().completed(true), at);
    }

    private static List<TodoChange> feed(TenantId tenant) {
        return read(tenant, () -> repository.changesSince(tenant, 0, 100));
    }

    private static List<String> admin(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    @Test
    void aSubtasksPlaceAndNextOccurrenceAreWrittenAndReadBackByEveryRead() {
        TenantId tenant = tenant("place");
        Todo parent = insert(todo(tenant, "parent", T0));
        Todo child = insert(subtask(parent, "child", T0.plusSeconds(1)));
        assertThat(child.parent()).contains(parent.id());
        assertThat(read(tenant, () -> repository.find(tenant, child.id()))).contains(child);
        assertThat(read(tenant, () -> repository.findAll(tenant))).containsExactly(parent, child);
        assertThat(write(tenant, () -> repository.findForUpdate(tenant, child.id()))).contains(child);

        // Every member the edit's result holds is stored: a new place, a next occurrence.
        OrderKey first = OrderKey.between(null, parent.position());
        TodoId next = TodoId.random();
        Todo moved = write(tenant, () -> repository.change(tenant, child.id(), OptionalLong.of(child.version()),
                Edit.of(TodoChanges.none().position(first).parent(null).nextOccurrence(next).completed(true)),
                T0.plusSeconds(2))).orElseThrow().after();
        assertThat(moved.position()).isEqualTo(first);
        assertThat(moved.parent()).isEmpty();
        assertThat(moved.nextOccurrence()).contains(next);
        assertThat(read(tenant, () -> repository.find(tenant, child.id()))).contains(moved);
        assertThat(read(tenant, () -> repository.find(tenant, new TodoQuery(TodoFilter.ALL, T0,
                new TodoSort(TodoSort.Field.POSITION, false), Optional.empty(), OptionalInt.empty()))))
                .containsExactly(moved, parent);
        assertThat(feed(tenant)).containsExactly(new TodoChange.Upserted(parent, 1),
                new TodoChange.Upserted(moved, 3));
    }

    @Test
    void aRecurrenceIsWrittenAndReadBackInItsCanonicalText() throws SQLException {
        TenantId tenant = tenant("recurrence");
        Todo.Plan plan = new Todo.Plan(Due.of(LocalDate.parse("2026-03-02"), LocalTime.parse("09:00"),
                ZoneId.of("Europe/Berlin")), Priority.LOW, Tags.NONE,
                Recurrence.parse("rrule:freq=weekly;byday=mo,we"));
        Todo todo = insert(Todo.create(TodoId.random(), tenant, Title.of("standup"), null, plan, T0));
        assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(todo);
        assertThat(feed(tenant)).containsExactly(new TodoChange.Upserted(todo, 1));
        assertThat(admin("SELECT recurrence FROM todo WHERE user_id = ?", tenant.value()))
                .containsExactly("FREQ=WEEKLY;BYDAY=MO,WE");
        Todo cleared = write(tenant, () -> repository.change(tenant, todo.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().recurrence(null)), T0.plusSeconds(1))).orElseThrow().after();
        assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(cleared);
        assertThat(cleared.recurrence()).isEmpty();
    }

    @Test
    void aSubtaskOfAMissingParentOrOfAnotherTenantsTodoIsRefusedByTheForeignKey() {
        TenantId tenant = tenant("orphan");
        TenantId other = tenant("orphan-other");
        Todo others = insert(todo(other, "not yours", T0));
        for (TodoId parent : List.of(TodoId.random(), others.id())) {
            Todo orphan = Todo.create(TodoId.random(), tenant, Title.of("orphan"), null, Todo.Plan.NONE, parent, T0);
            assertThatThrownBy(() -> insert(orphan)).hasStackTraceContaining("todo_parent_fkey");
        }
        assertThat(read(tenant, () -> repository.findAll(tenant))).isEmpty();
    }

    @Test
    void aParentIsNotDeletedBeforeItsSubtasks() {
        // The service deletes the subtasks first: a subtask left without its parent is a bug, refused loudly.
        TenantId tenant = tenant("leftover");
        Todo parent = insert(todo(tenant, "parent", T0));
        Todo child = insert(subtask(parent, "child", T0));
        assertThatThrownBy(() -> write(tenant, () -> repository.delete(tenant, parent.id(), T0.plusSeconds(1))))
                .hasStackTraceContaining("todo_parent_fkey");
        assertThat(read(tenant, () -> repository.findAll(tenant))).containsExactlyInAnyOrder(parent, child);
    }

    @Test
    void twoTodosOfATenantNeverShareAKeyButTwoTenantsMay() {
        TenantId tenant = tenant("keys");
        TenantId other = tenant("keys-other");
        Todo first = insert(todo(tenant, "first", T0));
        Todo same = Todo.restore(TodoId.random(), tenant, Title.of("same key"), null, Todo.Plan.NONE,
                first.place(), null, false, T0, T0, 1);
        assertThatThrownBy(() -> insert(same)).hasStackTraceContaining("todo_user_position_idx");
        Todo second = insert(todo(tenant, "second", T0.plusSeconds(1)));
        assertThatThrownBy(() -> write(tenant, () -> repository.change(tenant, second.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().position(first.position())), T0.plusSeconds(2))))
                .hasStackTraceContaining("todo_user_position_idx");
        insert(Todo.restore(TodoId.random(), other, Title.of("same key"), null, Todo.Plan.NONE, first.place(), null,
                false, T0, T0, 1));
        assertThat(read(tenant, () -> repository.findAll(tenant))).containsExactly(first, second);
    }

    @Test
    void deletingSubtasksLeavesATombstoneEachAtAPositionOfItsOwn() throws SQLException {
        TenantId tenant = tenant("subtasks");
        Todo parent = insert(todo(tenant, "parent", T0));
        Todo other = insert(todo(tenant, "other", T0));
        List<Todo> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(insert(subtask(parent, "child " + i, T0.plusSeconds(i))));
        }
        Todo othersChild = insert(subtask(other, "other's child", T0));
        Instant at = T0.plusSeconds(10);

        assertThat(write(tenant, () -> repository.deleteSubtasks(tenant, parent.id(), at))).isEqualTo(3);

        assertThat(read(tenant, () -> repository.findAll(tenant)))
                .containsExactlyInAnyOrder(parent, other, othersChild);
        List<TodoId> byId = children.stream().map(Todo::id).sorted().toList();
        assertThat(feed(tenant)).containsExactly(new TodoChange.Upserted(parent, 1),
                new TodoChange.Upserted(other, 2), new TodoChange.Upserted(othersChild, 6),
                new TodoChange.Removed(byId.get(0), at, 7), new TodoChange.Removed(byId.get(1), at, 8),
                new TodoChange.Removed(byId.get(2), at, 9));
        assertThat(admin("SELECT change_seq || ' ' || todo_count FROM tenant_state WHERE user_id = ?",
                tenant.value())).containsExactly("9 3");
        assertThat(write(tenant, () -> repository.deleteSubtasks(tenant, parent.id(), at))).isZero();
        assertThat(write(tenant, () -> repository.delete(tenant, parent.id(), at))).isTrue();
        assertThat(admin("SELECT change_seq || ' ' || todo_count FROM tenant_state WHERE user_id = ?",
                tenant.value())).containsExactly("10 2");
    }

    @Test
    void clearingCompletedTodosTakesEverySubtaskOfACompletedTodoAndCompletedSubtasks() throws SQLException {
        TenantId tenant = tenant("clear");
        Todo doneParent = insert(done(todo(tenant, "done parent", T0), T0.plusSeconds(1)));
        Todo openChild = insert(subtask(doneParent, "open child", T0));
        Todo doneChild = insert(done(subtask(doneParent, "done child", T0), T0.plusSeconds(1)));
        Todo openParent = insert(todo(tenant, "open parent", T0));
        Todo keptChild = insert(subtask(openParent, "kept child", T0));
        Todo doneChildOfOpen = insert(done(subtask(openParent, "done child of open", T0), T0.plusSeconds(1)));
        Todo keptAlone = insert(todo(tenant, "kept alone", T0));
        Instant at = T0.plusSeconds(10);

        assertThat(write(tenant, () -> repository.deleteCompleted(tenant, at))).isEqualTo(4);

        assertThat(read(tenant, () -> repository.findAll(tenant))).containsExactlyInAnyOrder(openParent, keptChild,
                keptAlone);
        List<TodoId> gone = List.of(doneParent, openChild, doneChild, doneChildOfOpen).stream().map(Todo::id)
                .sorted().toList();
        List<TodoChange> removed = feed(tenant).stream().filter(TodoChange.Removed.class::isInstance).toList();
        assertThat(removed).containsExactly(new TodoChange.Removed(gone.get(0), at, 8),
                new TodoChange.Removed(gone.get(1), at, 9), new TodoChange.Removed(gone.get(2), at, 10),
                new TodoChange.Removed(gone.get(3), at, 11));
        assertThat(admin("SELECT change_seq || ' ' || todo_count FROM tenant_state WHERE user_id = ?",
                tenant.value())).containsExactly("11 3");
    }

    @Test
    void theParentFilterListsOneTodosSubtasksInTheirOrder() {
        TenantId tenant = tenant("filter");
        Todo parent = insert(todo(tenant, "parent", T0));
        Todo other = insert(todo(tenant, "other", T0));
        Todo b = insert(subtask(parent, "b", T0.plusSeconds(1)));
        Todo a = insert(subtask(parent, "a", T0.plusSeconds(2)));
        insert(subtask(other, "other's", T0.plusSeconds(3)));
        Todo aFirst = write(tenant, () -> repository.change(tenant, a.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().position(OrderKey.between(parent.position(), b.position()))),
                T0.plusSeconds(4))).orElseThrow().after();
        TodoFilter subtasks = TodoFilter.ALL.withParent(Optional.of(parent.id()));
        for (boolean descending : List.of(false, true)) {
            TodoSort sort = new TodoSort(TodoSort.Field.POSITION, descending);
            List<Todo> listed = read(tenant, () -> repository.find(tenant, new TodoQuery(subtasks, T0, sort,
                    Optional.empty(), OptionalInt.empty())));
            assertThat(listed).containsExactlyElementsOf(descending ? List.of(b, aFirst) : List.of(aFirst, b));
        }
        assertThat(read(tenant, () -> repository.find(tenant, new TodoQuery(
                TodoFilter.ALL.withParent(Optional.of(b.id())), T0, TodoSort.CREATION, Optional.empty(),
                OptionalInt.empty())))).isEmpty();
    }

    /**
     * ADR 0023: a change that keeps a subtask's text, plan and place writes no index entry, also with the position and
     * parent written as they were; a move (a new key, indexed) does.
     */
    @Test
    void aSubtasksChangeThatKeepsItsPlaceIsAHeapOnlyUpdateAndAMoveIsNot() {
        TenantId tenant = tenant("hot");
        Todo parent = insert(todo(tenant, "parent", T0));
        Todo child = insert(subtask(parent, "child", T0));
        Todo completed = done(child, T0.plusSeconds(1));
        assertThat(heapOnlyUpdates(tenant, completed, child.version())).isEqualTo(1);
        Todo moved = completed.apply(TodoChanges.none().position(OrderKey.between(null, parent.position())),
                T0.plusSeconds(2));
        assertThat(heapOnlyUpdates(tenant, moved, completed.version())).isZero();
        assertThat(read(tenant, () -> repository.find(tenant, child.id()))).contains(moved);
    }

    private static long heapOnlyUpdates(TenantId tenant, Todo todo, long expectedVersion) {
        TenantStatements statements = context.getBean(TenantStatements.class);
        Supplier<Long> count = () -> statements.query(
                "SELECT pg_stat_get_xact_tuples_hot_updated('todo'::regclass)", rs -> rs.next() ? rs.getLong(1) : -1L);
        return write(tenant, () -> {
            long before = count.get();
            assertThat(repository.update(tenant, todo, expectedVersion)).isTrue();
            return count.get() - before;
        });
    }

    @Test
    void holdingWritesNeedsAWritingUnitOfWork() {
        TenantId tenant = tenant("hold-outside");
        assertThatThrownBy(() -> repository.holdWrites(tenant)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> read(tenant, () -> {
            repository.holdWrites(tenant);
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A unit of work holds the tenant's writes, and only when another writer is seen waiting for it does it write
     * itself: its write comes first in the feed although it was sent last. Were the writes not held, the other
     * writer would not wait and would write first. For a tenant with todos, and for one whose first write this is.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void heldWritesMakeAnotherWriterOfTheTenantWaitUntilTheUnitOfWorkEnds(boolean hasTodos) throws Exception {
        TenantId tenant = tenant("hold");
        TenantId bystander = tenant("hold-bystander");
        if (hasTodos) {
            insert(todo(tenant, "earlier", T0));
        }
        Todo mine = todo(tenant, "mine", T0.plusSeconds(1));
        Todo theirs = todo(tenant, "theirs", T0.plusSeconds(2));
        CountDownLatch held = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Boolean> other = new CompletableFuture<>();
            Future<?> holder = threads.submit(() -> write(tenant, () -> {
                repository.holdWrites(tenant);
                held.countDown();
                try {
                    // Another tenant's writes are not held off.
                    threads.submit(() -> insert(todo(bystander, "not held", T0))).get();
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                while (!other.isDone() && !waitingForALock()) {
                    pause();
                }
                return repository.insert(tenant, mine, Integer.MAX_VALUE);
            }));
            held.await();
            threads.submit(() -> other.complete(insertAlone(theirs)));
            holder.get();
            assertThat(other.get()).isTrue();
        } finally {
            threads.shutdownNow();
        }
        List<Long> positions = new ArrayList<>();
        for (TodoChange change : feed(tenant)) {
            if (change instanceof TodoChange.Upserted upserted && !upserted.todo().title().value().equals("earlier")) {
                positions.add(upserted.position());
                assertThat(upserted.todo()).isEqualTo(positions.size() == 1 ? mine : theirs);
            }
        }
        assertThat(positions).hasSize(2).isSortedAccordingTo(Comparator.naturalOrder());
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean insertAlone(Todo todo) {
        return repository.insert(todo.owner(), todo, Integer.MAX_VALUE);
    }

    private static boolean waitingForALock() {
        try {
            return !admin("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = "
                    + "'Lock'").isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
