package dev.todo.domain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.service.TodoService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The use cases, {@link TodoService}, on top of a storage adapter: create, get, list, update and delete behave as the
 * in-ports promise when the todos live in that adapter. Extend it in the adapter's tests and return the adapter from
 * {@link #newAdapter()}:
 *
 * <pre>{@code
 * class InMemoryTodoStoreUseCasesContractTest extends TodoUseCasesContract {
 *     @Override
 *     protected Adapter newAdapter() {
 *         return Adapter.of(new InMemoryTodoStore());
 *     }
 * }
 * }</pre>
 *
 * <p>It checks: a created todo is open, owned by its tenant and read back equal; another tenant's todo is not found by
 * any use case, exactly like an unknown id, and stays untouched; lists hold only the tenant's todos, oldest first and
 * then by id; an update changes only what it names, moves {@code updatedAt} strictly forward even when the clock does
 * not, and raises the version by one; empty changes write nothing; a delete removes the todo; and concurrent updates of
 * one todo, and concurrent creates, lose nothing.
 *
 * <p>The service runs on a clock the contract sets, so no test depends on the time it takes. Every test acts for
 * tenants of its own (ids unique per test), so {@link #newAdapter()} may return the same store every time.
 */
public abstract class TodoUseCasesContract {

    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456789Z");
    private static final Instant T0_MICROS = T0.truncatedTo(ChronoUnit.MICROS);

    private final SetClock clock = new SetClock(T0);
    private Adapter adapter;
    private TodoService service;

    /** Lets subclasses be instantiated by JUnit. */
    protected TodoUseCasesContract() {
    }

    /**
     * The adapter under test, asked for once before each test. It may be a new, empty store or the same store each
     * time; it must be ready for use.
     *
     * @return the adapter
     */
    protected abstract Adapter newAdapter();

    /** Asks for the adapter before each test, and builds the service on it. */
    @BeforeEach
    protected final void openAdapter() {
        adapter = newAdapter();
        assertThat(adapter).as("newAdapter()").isNotNull();
        service = serviceWithIds(TodoId::random);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Create, get, list

    /** A created todo is open, belongs to its tenant, is stamped with the clock to the microsecond and reads back equal. */
    @Test
    public void createStoresAnOpenTodoOfTheTenant() {
        TenantId alice = tenant("alice");

        Todo todo = service.create(CreateTodoCommand.of(alice, "Buy milk", "2 l"));

        assertThat(todo.owner()).isEqualTo(alice);
        assertThat(todo.title()).isEqualTo(Title.of("Buy milk"));
        assertThat(todo.description()).contains(new Description("2 l"));
        assertThat(todo.completed()).isFalse();
        assertThat(todo.version()).isEqualTo(Todo.FIRST_VERSION);
        assertThat(todo.createdAt()).isEqualTo(T0_MICROS);
        assertThat(todo.updatedAt()).isEqualTo(T0_MICROS);
        assertThat(service.get(alice, todo.id())).isEqualTo(todo);
        assertThat(service.list(alice)).containsExactly(todo);
    }

    /** A todo created with an empty description keeps it, and one created without keeps none. */
    @Test
    public void createKeepsAnEmptyDescriptionApartFromNone() {
        TenantId alice = tenant("alice");

        Todo empty = service.create(CreateTodoCommand.of(alice, "empty", ""));
        Todo none = service.create(CreateTodoCommand.of(alice, "none", null));

        assertThat(service.get(alice, empty.id()).description()).contains(new Description(""));
        assertThat(service.get(alice, none.id()).description()).isEmpty();
    }

    /** Getting an id the tenant does not have fails with {@link TodoNotFoundException} naming the id. */
    @Test
    public void getOfAnUnknownIdIsNotFound() {
        TenantId alice = tenant("alice");
        service.create(CreateTodoCommand.of(alice, "another one", null));
        TodoId unknown = TodoId.random();

        assertThatThrownBy(() -> service.get(alice, unknown))
                .isInstanceOfSatisfying(TodoNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
    }

    /** A list holds the tenant's todos only, oldest first; a tenant with none lists none. */
    @Test
    public void listReturnsOnlyTheTenantsTodosOldestFirst() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo first = createAndTick(alice, "first");
        createAndTick(bob, "bob's");
        Todo second = createAndTick(alice, "second");
        Todo third = createAndTick(alice, "third");

        assertThat(service.list(alice)).containsExactly(first, second, third);
        assertThat(service.list(bob)).extracting(Todo::title).containsExactly(Title.of("bob's"));
        assertThat(service.list(tenant("carol"))).isEmpty();
    }

    /** Todos created at the same microsecond are listed by id, unsigned, as {@link TodoId#compareTo} orders them. */
    @Test
    public void todosCreatedAtTheSameInstantAreListedByUnsignedId() {
        TenantId alice = tenant("alice");
        List<TodoId> ids = List.of(id("ffffffff-0000-4000-8000-000000000000"),
                id("80000000-0000-4000-8000-000000000000"), id("7fffffff-0000-4000-8000-000000000000"),
                id("00000000-0000-4000-8000-000000000000"));
        TodoService sameInstant = serviceWithIds(ids.iterator()::next);
        for (int i = 0; i < ids.size(); i++) {
            sameInstant.create(CreateTodoCommand.of(alice, "todo " + i, null));
        }

        assertThat(service.list(alice)).extracting(Todo::id).containsExactly(ids.get(3), ids.get(2), ids.get(1),
                ids.get(0));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tenants

    /**
     * Another tenant's todo is not found by get, update (with or without changes) or delete, with the same error as an
     * unknown id, so that nobody learns it exists; it stays as it was.
     */
    @Test
    public void anotherTenantsTodoIsNotFoundForEveryUseCaseAndStaysUntouched() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo alices = service.create(CreateTodoCommand.of(alice, "private", "secret"));
        clock.tick();
        Throwable unknown = catchNotFound(() -> service.get(bob, TodoId.random()));

        List<Throwable> errors = List.of(
                catchNotFound(() -> service.get(bob, alices.id())),
                catchNotFound(() -> service.update(new UpdateTodoCommand(bob, alices.id(),
                        TodoChanges.none().completed(true)))),
                catchNotFound(() -> service.update(new UpdateTodoCommand(bob, alices.id(), TodoChanges.none()))),
                catchNotFound(() -> {
                    service.delete(bob, alices.id());
                    return null;
                }));

        assertThat(errors).allSatisfy(e -> {
            assertThat(e).isExactlyInstanceOf(unknown.getClass()).hasMessage(unknown.getMessage());
            assertThat(((TodoNotFoundException) e).id()).isEqualTo(alices.id());
        });
        assertThat(service.get(alice, alices.id())).isEqualTo(alices);
        assertThat(service.list(bob)).isEmpty();
    }

    /** Two tenants whose todos have the same id each see, change and delete their own. */
    @Test
    public void theSameIdInTwoTenantsIsTwoTodos() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("bob");
        TodoId id = TodoId.random();
        TodoService sameIds = serviceWithIds(() -> id);
        Todo alices = sameIds.create(CreateTodoCommand.of(alice, "alice's", null));
        Todo bobs = sameIds.create(CreateTodoCommand.of(bob, "bob's", null));
        clock.tick();

        Todo bobsDone = service.update(new UpdateTodoCommand(bob, id, TodoChanges.none().completed(true)));
        assertThat(service.get(alice, id)).isEqualTo(alices);
        assertThat(service.get(bob, id)).isEqualTo(bobsDone).isNotEqualTo(bobs);

        service.delete(alice, id);
        assertThatThrownBy(() -> service.get(alice, id)).isInstanceOf(TodoNotFoundException.class);
        assertThat(service.list(bob)).containsExactly(bobsDone);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Update

    /** An update changes exactly the parts it names; the rest, and the creation time, stay; the version goes up by one. */
    @Test
    public void anUpdateChangesOnlyWhatItNames() {
        TenantId alice = tenant("alice");
        Todo todo = service.create(CreateTodoCommand.of(alice, "Buy milk", "2 l"));

        clock.tick();
        Todo done = update(alice, todo, TodoChanges.none().completed(true));
        assertThat(done.completed()).isTrue();
        assertThat(done.title()).isEqualTo(todo.title());
        assertThat(done.description()).isEqualTo(todo.description());

        clock.tick();
        Todo renamed = update(alice, todo, TodoChanges.none().title(Title.of("Buy oat milk")));
        assertThat(renamed.title()).isEqualTo(Title.of("Buy oat milk"));
        assertThat(renamed.completed()).isTrue();
        assertThat(renamed.description()).isEqualTo(todo.description());

        clock.tick();
        Todo emptied = update(alice, todo, TodoChanges.none().description(new Description("")));
        assertThat(emptied.description()).contains(new Description(""));

        clock.tick();
        Todo cleared = update(alice, todo, TodoChanges.none().clearDescription());
        assertThat(cleared.description()).isEmpty();
        assertThat(cleared.title()).isEqualTo(Title.of("Buy oat milk"));
        assertThat(cleared.completed()).isTrue();

        assertThat(List.of(done, renamed, emptied, cleared)).extracting(Todo::version).containsExactly(2L, 3L, 4L, 5L);
        assertThat(List.of(done, renamed, emptied, cleared)).extracting(Todo::createdAt).containsOnly(todo.createdAt());
        assertThat(cleared.updatedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Every non-empty update moves {@code updatedAt} strictly forward, by at least a microsecond: when the clock stands
     * still, when it goes back, and when the change sets a value the todo already has.
     */
    @Test
    public void updatedAtMovesStrictlyForwardWhateverTheClockDoes() {
        TenantId alice = tenant("alice");
        Todo todo = service.create(CreateTodoCommand.of(alice, "moving", null));

        Todo same = update(alice, todo, TodoChanges.none().completed(false));
        clock.set(T0.minus(1, ChronoUnit.HOURS));
        Todo back = update(alice, todo, TodoChanges.none().title(Title.of("moving")));

        assertThat(same.updatedAt()).isEqualTo(todo.updatedAt().plus(1, ChronoUnit.MICROS));
        assertThat(back.updatedAt()).isEqualTo(todo.updatedAt().plus(2, ChronoUnit.MICROS));
        assertThat(back.version()).isEqualTo(3);
        assertThat(back.createdAt()).isEqualTo(todo.createdAt());
        assertThat(service.get(alice, todo.id())).isEqualTo(back);
    }

    /** Empty changes write nothing: the todo comes back as it is, version and {@code updatedAt} unmoved. */
    @Test
    public void emptyChangesWriteNothing() {
        TenantId alice = tenant("alice");
        Todo todo = service.create(CreateTodoCommand.of(alice, "unchanged", "as it is"));
        clock.tick();

        Todo returned = service.update(new UpdateTodoCommand(alice, todo.id(), TodoChanges.none()));

        assertThat(returned).isEqualTo(todo);
        assertThat(service.get(alice, todo.id())).isEqualTo(todo);
        assertThat(service.list(alice)).containsExactly(todo);
    }

    /** Updating an id the tenant does not have fails with {@link TodoNotFoundException} and changes nothing. */
    @Test
    public void anUpdateOfAnUnknownIdIsNotFound() {
        TenantId alice = tenant("alice");
        Todo other = service.create(CreateTodoCommand.of(alice, "another one", null));
        clock.tick();
        TodoId unknown = TodoId.random();

        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(alice, unknown,
                TodoChanges.none().title(Title.of("ghost"))))).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(alice, unknown, TodoChanges.none())))
                .isInstanceOf(TodoNotFoundException.class);
        assertThat(service.list(alice)).containsExactly(other);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Delete

    /** A delete removes the todo and only it; deleting it again, or an unknown id, is not found. */
    @Test
    public void aDeleteRemovesTheTodo() {
        TenantId alice = tenant("alice");
        Todo doomed = createAndTick(alice, "gone soon");
        Todo kept = createAndTick(alice, "kept");

        service.delete(alice, doomed.id());

        assertThatThrownBy(() -> service.get(alice, doomed.id())).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.delete(alice, doomed.id())).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(alice, doomed.id(),
                TodoChanges.none().completed(true)))).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.delete(alice, TodoId.random())).isInstanceOf(TodoNotFoundException.class);
        assertThat(service.list(alice)).containsExactly(kept);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Concurrency

    /**
     * Concurrent updates of one todo lose nothing: each applies to the state the one before it left, so the versions
     * 2 to n+1 are each handed out once, and each {@code updatedAt} is one microsecond past the one before (the clock
     * stands still).
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentUpdatesOfOneTodoLoseNothing() throws Exception {
        TenantId alice = tenant("alice");
        Todo todo = service.create(CreateTodoCommand.of(alice, "contended", null));
        int writers = 8;
        List<Callable<Todo>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            TodoChanges changes = i % 2 == 0
                    ? TodoChanges.none().title(Title.of("writer " + i))
                    : TodoChanges.none().completed(i % 4 == 1).description(new Description("by writer " + i));
            tasks.add(() -> service.update(new UpdateTodoCommand(alice, todo.id(), changes)));
        }

        List<Todo> results = Threads.runTogether(tasks);

        assertThat(results).extracting(Todo::version).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(2, writers + 1).boxed().toList());
        assertThat(results).allSatisfy(r -> assertThat(r.updatedAt())
                .isEqualTo(todo.updatedAt().plus(r.version() - 1, ChronoUnit.MICROS)));
        Todo last = results.stream().max(Comparator.comparingLong(Todo::version)).orElseThrow();
        assertThat(service.get(alice, todo.id())).isEqualTo(last);
    }

    /**
     * Concurrent creates, of one tenant and of several, are all kept, each in its own tenant's list.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentCreatesAreAllKept() throws Exception {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("bob");
        int perThread = 5;
        List<Callable<List<Todo>>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TenantId tenant = i < 4 ? alice : bob;
            String prefix = "thread " + i + " todo ";
            tasks.add(() -> {
                List<Todo> created = new ArrayList<>();
                for (int j = 0; j < perThread; j++) {
                    created.add(service.create(CreateTodoCommand.of(tenant, prefix + j, null)));
                }
                return created;
            });
        }

        List<List<Todo>> created = Threads.runTogether(tasks);

        Set<Todo> alices = new HashSet<>();
        Set<Todo> bobs = new HashSet<>();
        for (int i = 0; i < created.size(); i++) {
            (i < 4 ? alices : bobs).addAll(created.get(i));
        }
        assertThat(alices).hasSize(4 * perThread);
        assertThat(service.list(alice)).containsExactlyInAnyOrderElementsOf(alices);
        assertThat(service.list(bob)).containsExactlyInAnyOrderElementsOf(bobs).hasSize(2 * perThread);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private TodoService serviceWithIds(Supplier<TodoId> ids) {
        return new TodoService(adapter.repository(), adapter.unitOfWork(), clock, ids);
    }

    private Todo createAndTick(TenantId tenant, String title) {
        Todo todo = service.create(CreateTodoCommand.of(tenant, title, null));
        clock.tick();
        return todo;
    }

    private Todo update(TenantId tenant, Todo todo, TodoChanges changes) {
        Todo changed = service.update(new UpdateTodoCommand(tenant, todo.id(), changes));
        assertThat(service.get(tenant, todo.id())).isEqualTo(changed);
        return changed;
    }

    private static Throwable catchNotFound(Supplier<?> useCase) {
        try {
            useCase.get();
        } catch (TodoNotFoundException e) {
            return e;
        }
        throw new AssertionError("expected TodoNotFoundException");
    }

    private static TenantId tenant(String name) {
        return TenantId.of(name + "-" + TodoId.random());
    }

    private static TodoId id(String text) {
        return TodoId.parse(text);
    }

    /** A clock that stands still until told to move; thread-safe. */
    private static final class SetClock extends Clock {

        private final AtomicReference<Instant> now;

        SetClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        void tick() {
            now.updateAndGet(i -> i.plusSeconds(1));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the contract's clock is in UTC");
        }
    }
}
