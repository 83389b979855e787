package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.port.in.DeleteTodoCommand;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.TodoRepository.Edit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcTodoRepositoryTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("auth0|bob");
    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");

    private static TestPostgres.Database database;
    private static ApplicationContext context;
    private static JdbcTodoRepository repository;
    private static JdbcUnitOfWork unitOfWork;
    private static TimeZone originalZone;

    @BeforeAll
    static void start() {
        // A zone far from UTC: timestamps must not depend on the JVM's or the session's time zone.
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        database = TestPostgres.createDatabase();
        context = PostgresTestSupport.start(database);
        repository = context.getBean(JdbcTodoRepository.class);
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
    }

    @AfterAll
    static void stop() {
        context.close();
        TimeZone.setDefault(originalZone);
    }

    private static <T> T write(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.WRITE, work);
    }

    private static <T> T read(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.READ, work);
    }

    private static Todo newTodo(TenantId tenant, String title, Instant at) {
        return Todo.create(TodoId.random(), tenant, Title.of(title), null, at);
    }

    private static Todo insert(Todo todo) {
        write(todo.owner(), () -> {
            repository.insert(todo.owner(), todo, Integer.MAX_VALUE);
            return null;
        });
        return todo;
    }

    private static long rowCount() throws SQLException {
        // As the superuser: row-level security would hide every row from the plain role outside a unit of work.
        try (Connection c = database.admin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM todo")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aQuotaBelowOneIsRefusedEvenForATenantWithoutTodos() throws SQLException {
        TenantId fresh = TenantId.of("quota-zero-" + java.util.UUID.randomUUID());
        long before = rowCount();
        assertThatThrownBy(() -> write(fresh, () -> repository.insert(fresh, newTodo(fresh, "never", T0), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTodos");
        assertThat(rowCount()).isEqualTo(before);
    }

    @Test
    void whatIsWrittenIsReadBackEqualToTheMicrosecond() {
        Todo todo = insert(Todo.create(TodoId.random(), ALICE, Title.of("Grüße 👋 — 買い物"),
                new Description("Zeile 1\nZeile 2 ✓ 🧪"), Instant.parse("2026-03-29T01:59:59.999999Z")));
        assertThat(read(ALICE, () -> repository.find(ALICE, todo.id()))).contains(todo);
    }

    @Test
    void aPlanIsWrittenAndReadBackByEveryReadAndChangedAndCleared() throws SQLException {
        TenantId tenant = TenantId.of("plan-" + UUID.randomUUID());
        Todo.Plan plan = new Todo.Plan(Due.parse("2026-10-25", "02:30:00", "Europe/Berlin"), Priority.HIGH,
                Tags.of(List.of("Home", "Straße", "😀")));
        Todo todo = insert(Todo.create(TodoId.random(), tenant, Title.of("Grüße an Zoë"), new Description("x y"), plan,
                T0));
        assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(todo);
        assertThat(read(tenant, () -> repository.findAll(tenant))).containsExactly(todo);
        assertThat(write(tenant, () -> repository.findForUpdate(tenant, todo.id()))).contains(todo);
        assertThat(read(tenant, () -> repository.changesSince(tenant, 0, 10))).singleElement()
                .isEqualTo(new TodoChange.Upserted(todo, 1));
        // The ambiguous 02:30 of the autumn change is the earlier instant, summer time's.
        assertThat(adminStrings("SELECT due_date || ' ' || due_time || ' ' || due_zone || ' ' || (due_at AT TIME ZONE 'UTC')::text || ' '"
                + " || priority || ' ' || tags::text || ' ' || tag_keys::text || ' ' || search_words::text || ' '"
                + " || title_words::text FROM todo WHERE user_id = '" + tenant.value() + "'")).containsExactly(
                "2026-10-25 02:30:00 Europe/Berlin 2026-10-25 00:30:00 3 {Home,Straße,😀} {home,strasse,😀}"
                        + " 'an' 'gruße' 'x' 'y' 'zoe' 'an' 'gruße' 'zoe'");

        Todo.Plan allDay = new Todo.Plan(Due.allDay(java.time.LocalDate.parse("2999-12-31")), Priority.LOW,
                Tags.NONE);
        Todo changed = write(tenant, () -> repository.change(tenant, todo.id(), OptionalLong.of(1),
                Edit.of(TodoChanges.none().due(allDay.due()).priority(Priority.LOW).tags(Tags.NONE)),
                T0.plusSeconds(1))).orElseThrow().after();
        assertThat(changed.plan()).isEqualTo(allDay);
        assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(changed);
        Todo cleared = write(tenant, () -> repository.change(tenant, todo.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().due(null)), T0.plusSeconds(2))).orElseThrow().after();
        assertThat(read(tenant, () -> repository.find(tenant, todo.id())).orElseThrow().due()).isEmpty();
        assertThat(read(tenant, () -> repository.changesSince(tenant, 0, 10))).singleElement()
                .isEqualTo(new TodoChange.Upserted(cleared, 3));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anEditThatChangesNothingWritesNothing(boolean inAUnitOfWork) {
        TenantId tenant = TenantId.of("noop-" + UUID.randomUUID());
        Todo todo = insert(newTodo(tenant, "unchanged", T0));
        for (Edit edit : List.of(Edit.of(TodoChanges.none()), Edit.retag(new Tag("absent"), null),
                Edit.retag(new Tag("absent"), new Tag("other")))) {
            Supplier<Optional<TodoRepository.Changed>> change = () -> repository.change(tenant, todo.id(),
                    OptionalLong.of(todo.version()), edit, T0.plusSeconds(5));
            TodoRepository.Changed changed = (inAUnitOfWork ? write(tenant, change) : change.get()).orElseThrow();
            assertThat(changed.before()).isEqualTo(todo);
            assertThat(changed.after()).isEqualTo(todo);
        }
        assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(todo);
        assertThat(read(tenant, () -> repository.changesSince(tenant, 0, 10))).singleElement()
                .isEqualTo(new TodoChange.Upserted(todo, 1));
    }

    private static List<String> adminStrings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.admin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void anEmptyDescriptionStaysEmptyAndNoneStaysNone() {
        Todo empty = insert(Todo.create(TodoId.random(), ALICE, Title.of("empty"), new Description(""), T0));
        Todo none = insert(newTodo(ALICE, "none", T0));
        assertThat(read(ALICE, () -> repository.find(ALICE, empty.id())).orElseThrow().description())
                .contains(new Description(""));
        assertThat(read(ALICE, () -> repository.find(ALICE, none.id())).orElseThrow().description()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "t", "\u0085", "\u001c x", "\u00a0!", "😀"})
    void theDatabaseAcceptsEveryTitleTheModelAccepts(String title) {
        // Title.stored: what the model keeps includes titles from before the rules of new titles (no controls, not
        // invisible only), which the database must keep too.
        Todo todo = insert(Todo.create(TodoId.random(), ALICE, Title.stored(title), null, T0));
        assertThat(read(ALICE, () -> repository.find(ALICE, todo.id())).orElseThrow().title().value())
                .isEqualTo(title);
    }

    @Test
    void aLongestTenantIdAndALongestDescriptionFit() {
        TenantId longest = TenantId.of("auth0|" + "x".repeat(122));
        Todo todo = insert(Todo.create(TodoId.random(), longest, Title.of("t".repeat(255)),
                new Description("🙂".repeat(2000)), T0));
        assertThat(read(longest, () -> repository.find(longest, todo.id()))).contains(todo);
    }

    @Test
    void findAllListsOnlyTheTenantsTodosByCreationThenUnsignedId() {
        TenantId carol = TenantId.of("carol-" + TodoId.random());
        Todo late = insert(newTodo(carol, "late", T0.plusSeconds(10)));
        Todo sameHigh = insert(Todo.create(TodoId.parse("ffffffff-0000-4000-8000-000000000002"), carol,
                Title.of("high id"), null, T0));
        Todo sameLow = insert(Todo.create(TodoId.parse("00000000-0000-4000-8000-000000000001"), carol,
                Title.of("low id"), null, T0));
        insert(newTodo(BOB, "bob's", T0));
        List<Todo> listed = read(carol, () -> repository.findAll(carol));
        assertThat(listed).containsExactly(sameLow, sameHigh, late);
        assertThat(listed).isSortedAccordingTo(Todo.CREATION_ORDER);
    }

    @Test
    void anotherTenantCanNeitherReadNorChangeNorDelete() throws SQLException {
        Todo alices = insert(newTodo(ALICE, "private", T0));
        long before = rowCount();
        assertThat(read(BOB, () -> repository.find(BOB, alices.id()))).isEmpty();
        assertThat(write(BOB, () -> repository.findForUpdate(BOB, alices.id()))).isEmpty();
        assertThat(read(BOB, () -> repository.findAll(BOB))).noneMatch(t -> t.id().equals(alices.id()));
        Todo forged = Todo.restore(alices.id(), BOB, Title.of("hijacked"), null, true, T0, T0.plusSeconds(1), 2);
        assertThat(write(BOB, () -> repository.update(BOB, forged, alices.version()))).isFalse();
        assertThat(write(BOB, () -> repository.delete(BOB, alices.id(), T0))).isFalse();
        assertThat(rowCount()).isEqualTo(before);
        assertThat(read(ALICE, () -> repository.find(ALICE, alices.id()))).contains(alices);
    }

    @Test
    void writingATodoForAnotherTenantIsRefused() {
        Todo alices = newTodo(ALICE, "not bob's", T0);
        assertThatThrownBy(() -> write(BOB, () -> {
            repository.insert(BOB, alices, Integer.MAX_VALUE);
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(read(ALICE, () -> repository.find(ALICE, alices.id()))).isEmpty();
    }

    @Test
    void updateReplacesOnlyTheExpectedVersion() {
        Todo todo = insert(newTodo(ALICE, "v1", T0));
        Todo v2 = todo.apply(TodoChanges.none().title(Title.of("v2")).description(new Description("d")), T0.plusSeconds(1));
        assertThat(write(ALICE, () -> repository.update(ALICE, v2, todo.version()))).isTrue();
        Todo stale = todo.apply(TodoChanges.none().title(Title.of("stale")), T0.plusSeconds(2));
        assertThat(write(ALICE, () -> repository.update(ALICE, stale, todo.version()))).isFalse();
        assertThat(read(ALICE, () -> repository.find(ALICE, todo.id()))).contains(v2);
    }

    @Test
    void deleteRemovesTheRowOnce() {
        Todo todo = insert(newTodo(ALICE, "to delete", T0));
        assertThat(write(ALICE, () -> repository.delete(ALICE, todo.id(), T0))).isTrue();
        assertThat(write(ALICE, () -> repository.delete(ALICE, todo.id(), T0))).isFalse();
        assertThat(read(ALICE, () -> repository.find(ALICE, todo.id()))).isEmpty();
    }

    @Test
    void aUnitOfWorkThatThrowsLeavesNothingBehind() {
        Todo todo = newTodo(ALICE, "rolled back", T0);
        assertThatThrownBy(() -> write(ALICE, () -> {
            repository.insert(ALICE, todo, Integer.MAX_VALUE);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(read(ALICE, () -> repository.find(ALICE, todo.id()))).isEmpty();
    }

    @Test
    void aReadUnitOfWorkCannotWrite() {
        Todo todo = newTodo(ALICE, "read only", T0);
        assertThatThrownBy(() -> read(ALICE, () -> {
            repository.insert(ALICE, todo, Integer.MAX_VALUE);
            return null;
        })).hasStackTraceContaining("read-only");
        assertThat(read(ALICE, () -> repository.find(ALICE, todo.id()))).isEmpty();
    }

    @Test
    void aChangeThatKeepsTheTextAndThePlanIsAHeapOnlyUpdate() {
        // No index covers a column every write moves, and the page has room: PostgreSQL writes no index entry
        // (ADR 0023). An index on updated_at or change_seq, or a full page, would make this 0. A new title or
        // description moves search_words, a new priority, due date or tag what their indexes cover: those are not.
        TenantStatements statements = context.getBean(TenantStatements.class);
        Todo todo = insert(newTodo(ALICE, "hot", T0));
        Todo done = todo.apply(TodoChanges.none().completed(true), T0.plusSeconds(1));
        Supplier<Long> heapOnlyUpdates = () -> statements.query(
                "SELECT pg_stat_get_xact_tuples_hot_updated('todo'::regclass)", rs -> rs.next() ? rs.getLong(1) : -1L);
        long heapOnly = write(ALICE, () -> {
            // The backend's counts not yet reported, so before and after: the update's own.
            long before = heapOnlyUpdates.get();
            assertThat(repository.update(ALICE, done, todo.version())).isTrue();
            return heapOnlyUpdates.get() - before;
        });
        assertThat(heapOnly).isEqualTo(1);
    }

    @Test
    void aSingleWriteUnitRefusesASecondStatementAndKeepsTheFirst() {
        Todo first = newTodo(ALICE, "single", T0);
        Todo second = newTodo(ALICE, "not kept", T0);
        TenantStatements statements = context.getBean(TenantStatements.class);
        assertThatThrownBy(() -> statements.run(ALICE, TenantStatements.Mode.SINGLE_WRITE, () -> {
            repository.insert(ALICE, first, Integer.MAX_VALUE);
            return repository.insert(ALICE, second, Integer.MAX_VALUE);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("second statement");
        assertThat(read(ALICE, () -> repository.find(ALICE, first.id()))).contains(first);
        assertThat(read(ALICE, () -> repository.find(ALICE, second.id()))).isEmpty();
    }

    @Test
    void optimisticChangesLockedDeletesAndCreatesOfOneTenantDoNotDeadlock() throws Exception {
        TenantId tenant = TenantId.of("deadlock-" + TodoId.random());
        TodoService service = new TodoService(repository, unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
        // A few live todos at a time, so that writers meet on the same rows; creates replace the deleted ones.
        List<Todo> live = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            live.add(service.create(CreateTodoCommand.of(tenant, "t" + i, null)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                int kind = i % 5;
                int pick = i;
                results.add(pool.submit(() -> {
                    Todo todo = live.get(Math.floorMod(pick * 7, live.size()));
                    try {
                        switch (kind) {
                            // With If-Match: the todo held for update (tenant_state locked first), then deleted.
                            case 0 -> {
                                service.delete(new DeleteTodoCommand(tenant, todo.id(),
                                        OptionalLong.of(service.get(tenant, todo.id()).version())));
                                live.remove(todo);
                            }
                            // Without: one statement that locks tenant_state, then deletes the todo.
                            case 3 -> {
                                service.delete(new DeleteTodoCommand(tenant, todo.id(), OptionalLong.empty()));
                                live.remove(todo);
                            }
                            // Creates lock only tenant_state.
                            case 1, 4 -> live.add(service.create(CreateTodoCommand.of(tenant, "new", null)));
                            // Optimistic: one statement that updates tenant_state, then the todo.
                            default -> service.toggle(tenant, todo.id());
                        }
                    } catch (TodoNotFoundException | VersionMismatchException expected) {
                        // deleted or changed by another writer first: a fine outcome of the race
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(); // a deadlock (PostgreSQL aborts one of its transactions) fails here
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUpdatesOfOneTodoApplyOneAfterAnother() throws Exception {
        TodoService service = new TodoService(repository, unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
        Todo todo = service.create(CreateTodoCommand.of(ALICE, "contended", null));
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Todo>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                boolean completed = i % 2 == 0;
                results.add(pool.submit(() -> service.update(new UpdateTodoCommand(ALICE, todo.id(),
                        TodoChanges.none().completed(completed)))));
            }
            List<Long> versions = new ArrayList<>();
            for (Future<Todo> result : results) {
                versions.add(result.get().version());
            }
            // No update was lost: each saw the one before it, so versions 2..17 were each handed out once.
            assertThat(versions).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(2, writers + 1).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.get(ALICE, todo.id()).version()).isEqualTo(writers + 1);
    }

    @Test
    void theServiceRoundTripsThroughTheDatabase() {
        TodoService service = new TodoService(repository, unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
        Todo created = service.create(CreateTodoCommand.of(BOB, "round trip", "desc"));
        assertThat(service.get(BOB, created.id())).isEqualTo(created);
        Todo changed = service.update(new UpdateTodoCommand(BOB, created.id(),
                TodoChanges.none().clearDescription().completed(true)));
        assertThat(service.get(BOB, created.id())).isEqualTo(changed);
        assertThat(changed.updatedAt()).isAfter(created.updatedAt());
        assertThat(changed.createdAt()).isEqualTo(created.createdAt());
        service.delete(BOB, created.id());
        assertThat(read(BOB, () -> repository.find(BOB, created.id()))).isEqualTo(Optional.empty());
    }

    // --- optimistic changes (ADR 0022): read, write if the version is still the one read, lock after lost races ---

    /**
     * A repository whose first {@code losses} conditional writes lose a race: just before each, another writer
     * renames the todo (and raises its version), so the write finds a newer todo than the one it was read from.
     */
    private static final class Racing extends JdbcTodoRepository {
        final List<String> calls = new ArrayList<>();
        final List<TenantStatements.Mode> lockedIn = new ArrayList<>();
        private final int losses;
        private int lost;

        Racing(int losses) {
            super(context.getBean(TenantStatements.class));
            this.losses = losses;
        }

        @Override
        public Optional<Todo> find(TenantId tenant, TodoId id) {
            calls.add("find");
            return super.find(tenant, id);
        }

        @Override
        Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
            calls.add("findForUpdate");
            lockedIn.add(context.getBean(TenantStatements.class).current().mode);
            return super.findForUpdate(tenant, id);
        }

        @Override
        boolean update(TenantId tenant, Todo todo, long expectedVersion) {
            calls.add("update");
            if (lost < losses) {
                lost++;
                String title = "theirs " + lost;
                CompletableFuture.runAsync(() -> {
                    Todo theirs = unitOfWork.execute(tenant, Intent.READ, () -> repository.find(tenant, todo.id()))
                            .orElseThrow();
                    assertThat(repository.change(tenant, theirs.id(), OptionalLong.of(theirs.version()),
                            Edit.of(TodoChanges.none().title(Title.of(title))), Instant.now())).isPresent();
                }).join();
            }
            return super.update(tenant, todo, expectedVersion);
        }
    }

    /** A change the adapter cannot make without the current todo (ADR 0042): it reads, then writes. */
    private static final Description OURS = new Description("ours");

    private static TenantId racingTenant() {
        return TenantId.of("racing-" + UUID.randomUUID());
    }

    private static TodoService serviceOn(JdbcTodoRepository todos) {
        return new TodoService(todos, unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
    }

    private static Todo createMine(TenantId tenant) {
        return serviceOn(repository).create(CreateTodoCommand.of(tenant, "mine", null));
    }

    @Test
    void aChangeThatLosesARaceIsAppliedAgainToTheWinnersTodo() {
        TenantId alice = racingTenant();
        Todo todo = createMine(alice);
        Racing racing = new Racing(1);

        Todo done = serviceOn(racing).update(
                new UpdateTodoCommand(alice, todo.id(), TodoChanges.none().description(OURS)));

        assertThat(done.title()).as("the winner's change is kept").isEqualTo(Title.of("theirs 1"));
        assertThat(done.description()).as("and ours applied on top").contains(OURS);
        assertThat(done.version()).isEqualTo(todo.version() + 2);
        assertThat(serviceOn(repository).get(alice, todo.id())).isEqualTo(done);
        assertThat(racing.calls).containsExactly("find", "update", "find", "update");
    }

    @Test
    void aChangeThatKeepsLosingHoldsTheTodoForUpdateAndThenCannotLose() {
        TenantId alice = racingTenant();
        Todo todo = createMine(alice);
        Racing racing = new Racing(JdbcTodoRepository.OPTIMISTIC_ATTEMPTS);

        Todo changed = serviceOn(racing).update(
                new UpdateTodoCommand(alice, todo.id(), TodoChanges.none().description(OURS)));

        assertThat(changed.title()).isEqualTo(Title.of("theirs " + JdbcTodoRepository.OPTIMISTIC_ATTEMPTS));
        assertThat(changed.description()).contains(OURS);
        assertThat(changed.version()).isEqualTo(todo.version() + JdbcTodoRepository.OPTIMISTIC_ATTEMPTS + 1);
        assertThat(racing.calls).endsWith("findForUpdate", "update");
        assertThat(racing.lockedIn).as("held in a writing transaction")
                .containsExactly(TenantStatements.Mode.TRANSACTION);
    }

    @Test
    void aChangeThatLosesARaceToAnExpectedVersionIsRefused() {
        TenantId alice = racingTenant();
        Todo todo = createMine(alice);

        assertThatThrownBy(() -> serviceOn(new Racing(1)).update(new UpdateTodoCommand(alice, todo.id(),
                TodoChanges.none().description(OURS), OptionalLong.of(todo.version()))))
                .isInstanceOf(VersionMismatchException.class);
        Todo stored = serviceOn(repository).get(alice, todo.id());
        assertThat(stored.title()).as("only the winner's change").isEqualTo(Title.of("theirs 1"));
        assertThat(stored.description()).isEmpty();
    }

    // --- a change in one statement (ADR 0042) -----------------------------------------------------------------------

    /**
     * A change in one statement that reads the todo, then waits for the tenant while another writer changes the todo,
     * writes nothing rather than report a stale todo before; the change then applies to the winner's todo.
     */
    @Test
    void aChangeInOneStatementThatMeetsAConcurrentWriterWritesNothingAndTheChangeAppliesToTheWinnersTodo()
            throws Exception {
        TenantId alice = racingTenant();
        Todo todo = createMine(alice);
        Edit complete = Edit.of(TodoChanges.none().completed(true));
        CompletableFuture<Optional<TodoRepository.Changed>> ours;
        try (Connection holder = database.admin().connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "SELECT 1 FROM tenant_state WHERE user_id = ? FOR UPDATE")) {
                hold.setString(1, alice.value());
                hold.executeQuery().close();
            }
            ours = CompletableFuture.supplyAsync(() -> repository.changeInOneStatement(alice, todo.id(),
                    OptionalLong.empty(), complete, Instant.now()));
            awaitALockWait(holder);
            try (PreparedStatement theirs = holder.prepareStatement(
                    "UPDATE todo SET title = 'theirs', version = version + 1 WHERE user_id = ? AND id = ?")) {
                theirs.setString(1, alice.value());
                theirs.setObject(2, todo.id().value());
                assertThat(theirs.executeUpdate()).isEqualTo(1);
            }
            holder.commit();
        }
        assertThat(ours.get(10, TimeUnit.SECONDS)).as("the statement that met a newer todo").isEmpty();

        TodoRepository.Changed changed = repository.change(alice, todo.id(), OptionalLong.empty(), complete,
                Instant.now()).orElseThrow();
        assertThat(changed.before().title()).isEqualTo(Title.of("theirs"));
        assertThat(changed.before().version()).isEqualTo(todo.version() + 1);
        assertThat(changed.after().completed()).isTrue();
        assertThat(changed.after().version()).isEqualTo(todo.version() + 2);
        assertThat(read(alice, () -> repository.find(alice, todo.id()))).contains(changed.after());
    }

    /** Waits until a statement of another session of the database waits for a lock. */
    private static void awaitALockWait(Connection watcher) throws Exception {
        for (int i = 0; i < 500; i++) {
            try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no statement came to wait for the held tenant");
    }
}
