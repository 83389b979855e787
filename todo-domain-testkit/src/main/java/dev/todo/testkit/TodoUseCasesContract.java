package dev.todo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.todo.domain.model.ChangesForgottenException;
import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.ListTooLargeException;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.Violation;
import dev.todo.domain.port.in.MoveTodoCommand;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.TagNotFoundException;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoLimits;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.port.in.ChangeBatch;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.DeleteTodoCommand;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.SyncTodosUseCase;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.domain.service.TodoService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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
 * not, and raises the version by one; empty changes write nothing; a delete removes the todo; updates, deletes and
 * toggles that expect a version apply only while the todo has it, and of concurrent writers that expect the same one,
 * exactly one wins; a toggle flips completion; paging visits every todo once in every order, also while todos are
 * created and deleted; a client that replays the change feed between writes ends with the tenant's todos, and one
 * behind forgotten deletions must start over; clearing completed todos deletes the tenant's done todos only; the quota
 * holds, also when creates race; concurrent updates of one todo, and concurrent creates, lose nothing; concurrent
 * completions and toggles keep every change and tell each completion once; and renaming
 * and deleting a tag change exactly the tenant's todos that carry it, each once in the change feed, and lose nothing
 * when updates of those todos race them. In the hand-made order: a new todo goes last; moves put a todo after another,
 * first, under a parent or out of it, are refused with the field and the reason for a wrong place or a stale version,
 * write nothing when the todo is already there, keep keys short over thousands of moves and never give two todos one
 * position when they race; subtasks are created under a top-level todo of the tenant only, go with their parent's
 * delete and clear, and stay open when it is completed. Completing a recurring todo stores its next occurrence with
 * it, once (also when completions race), and not at all when the series ends or the quota has no room (then the
 * completion is refused whole).
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
        // The last 32 bits differ, so that the keys of todos created at once (OrderKey.forNew) differ, as they must.
        List<TodoId> ids = List.of(id("ffffffff-0000-4000-8000-000000000001"),
                id("80000000-0000-4000-8000-000000000002"), id("7fffffff-0000-4000-8000-000000000003"),
                id("00000000-0000-4000-8000-000000000004"));
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
     * Writers at once completing one open todo, then completing, reopening and toggling it, half of them with the
     * version they read: each change that succeeded has a version of its own, one after another with none missing,
     * the todo is the last one's, each refused one failed with {@link VersionMismatchException}, and the listener
     * heard of exactly the completions (an open todo marked done) among them: one of the first eight.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentCompletionsAndTogglesKeepEveryChangeAndTellEachCompletionOnce() throws Exception {
        TenantId alice = tenant("alice");
        AtomicInteger told = new AtomicInteger();
        TodoService counted = countingCompletions(told);
        Todo todo = counted.create(CreateTodoCommand.of(alice, "contended", null));
        int writers = 8;
        List<Callable<Todo>> completing = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            completing.add(() -> counted.update(new UpdateTodoCommand(alice, todo.id(),
                    TodoChanges.none().completed(true))));
        }
        List<Todo> first = Threads.runTogether(completing);
        assertThat(first).extracting(Todo::version).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(2, writers + 1L).boxed().toList());
        assertThat(told.get()).as("completions told of %d writers completing an open todo", writers).isEqualTo(1);

        List<Callable<List<Todo>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(() -> {
                List<Todo> done = new ArrayList<>();
                for (int round = 1; round < 6; round++) {
                    OptionalLong expected = writer % 2 == 0 ? OptionalLong.empty()
                            : OptionalLong.of(counted.get(alice, todo.id()).version());
                    try {
                        done.add(round % 2 == 0 ? counted.toggle(alice, todo.id(), expected)
                                : counted.update(new UpdateTodoCommand(alice, todo.id(),
                                        TodoChanges.none().completed(round % 3 == 0), expected)));
                    } catch (VersionMismatchException refused) {
                        assertThat(expected).isPresent();
                    }
                }
                return done;
            });
        }

        List<Todo> done = Stream.concat(first.stream(), Threads.runTogether(tasks).stream().flatMap(List::stream))
                .sorted(Comparator.comparingLong(Todo::version)).toList();

        assertThat(done).extracting(Todo::version).containsExactlyElementsOf(
                LongStream.rangeClosed(2, done.size() + 1L).boxed().toList());
        int completions = 0;
        Todo previous = todo;
        for (Todo next : done) {
            if (!previous.completed() && next.completed()) {
                completions++;
            }
            previous = next;
        }
        assertThat(counted.get(alice, todo.id())).isEqualTo(previous);
        assertThat(told.get()).as("completions told").isEqualTo(completions);
    }

    /**
     * Writers at once completing one recurring todo, by an update or a toggle, some with the version they read: it
     * is completed once, makes exactly one next occurrence, every answer names it, and the listener hears of one
     * completion.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentCompletionsOfARecurringTodoMakeOneNextOccurrence() throws Exception {
        TenantId alice = tenant("alice");
        AtomicInteger told = new AtomicInteger();
        TodoService counted = countingCompletions(told);
        Todo todo = counted.create(new CreateTodoCommand(alice, Title.of("daily"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.NONE, Tags.NONE,
                Recurrence.parse("FREQ=DAILY")), null));
        clock.tick();
        List<Callable<Optional<Todo>>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int writer = i;
            tasks.add(() -> {
                try {
                    return Optional.of(writer % 4 == 3 ? counted.toggle(alice, todo.id(), OptionalLong.of(1))
                            : counted.update(new UpdateTodoCommand(alice, todo.id(),
                                    TodoChanges.none().completed(true), writer % 2 == 0 ? OptionalLong.empty()
                                            : OptionalLong.of(todo.version()))));
                } catch (VersionMismatchException e) {
                    return Optional.empty();
                }
            });
        }

        List<Todo> done = Threads.runTogether(tasks).stream().flatMap(Optional::stream).toList();

        assertThat(done).hasSizeGreaterThanOrEqualTo(4).allSatisfy(t -> assertThat(t.completed()).isTrue());
        TodoId next = done.get(0).nextOccurrence().orElseThrow();
        assertThat(done).allSatisfy(t -> assertThat(t.nextOccurrence()).contains(next));
        assertThat(ids(counted.list(alice))).containsExactly(todo.id(), next);
        assertThat(told.get()).as("completions told").isEqualTo(1);
    }

    /** The use cases on the adapter, telling {@code told} of each completion. */
    private TodoService countingCompletions(AtomicInteger told) {
        return new TodoService(adapter.repository(), adapter.unitOfWork(),
                TodoService.Settings.of(clock).withEvents(completions(told)));
    }

    /** A listener that counts completions. */
    private static TodoEvents completions(AtomicInteger told) {
        return new TodoEvents() {
            @Override
            public void completed(TenantId tenant) {
                told.incrementAndGet();
            }
        };
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
    // Conditional writes and toggle

    /**
     * An update or delete that expects a version applies only while the todo has it; otherwise it fails with
     * {@link VersionMismatchException} naming both versions, and changes nothing (empty changes are checked too). A
     * missing todo is not found, whatever version is expected.
     */
    @Test
    public void conditionalWritesApplyOnlyToTheExpectedVersion() {
        TenantId alice = tenant("alice");
        Todo v1 = service.create(CreateTodoCommand.of(alice, "v1", null));
        clock.tick();

        Todo v2 = service.update(new UpdateTodoCommand(alice, v1.id(), TodoChanges.none().title(Title.of("v2")),
                OptionalLong.of(1)));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(service.get(alice, v1.id())).isEqualTo(v2);

        assertMismatch(() -> service.update(new UpdateTodoCommand(alice, v1.id(),
                TodoChanges.none().title(Title.of("stale")), OptionalLong.of(1))), 1, 2);
        assertMismatch(() -> service.update(new UpdateTodoCommand(alice, v1.id(), TodoChanges.none(),
                OptionalLong.of(3))), 3, 2);
        assertMismatch(() -> {
            service.delete(new DeleteTodoCommand(alice, v1.id(), OptionalLong.of(1)));
            return null;
        }, 1, 2);
        assertThat(service.get(alice, v1.id())).isEqualTo(v2);
        assertThat(service.update(new UpdateTodoCommand(alice, v1.id(), TodoChanges.none(), OptionalLong.of(2))))
                .isEqualTo(v2);

        service.delete(new DeleteTodoCommand(alice, v1.id(), OptionalLong.of(2)));
        assertThatThrownBy(() -> service.get(alice, v1.id())).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.delete(new DeleteTodoCommand(alice, v1.id(), OptionalLong.of(2))))
                .isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.update(new UpdateTodoCommand(alice, v1.id(),
                TodoChanges.none().completed(true), OptionalLong.of(2)))).isInstanceOf(TodoNotFoundException.class);
    }

    /**
     * Of several writers that all expect the version they read, at once, exactly one wins; the others fail with
     * {@link VersionMismatchException}, and the todo is the winner's.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void ofConcurrentWritersExpectingTheSameVersionExactlyOneWins() throws Exception {
        TenantId alice = tenant("alice");
        Todo todo = service.create(CreateTodoCommand.of(alice, "contended", null));
        int writers = 8;
        List<Callable<Optional<Todo>>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            TodoChanges changes = TodoChanges.none().title(Title.of("writer " + i));
            tasks.add(() -> {
                try {
                    return Optional.of(service.update(new UpdateTodoCommand(alice, todo.id(), changes,
                            OptionalLong.of(todo.version()))));
                } catch (VersionMismatchException e) {
                    return Optional.empty();
                }
            });
        }

        List<Todo> winners = Threads.runTogether(tasks).stream().flatMap(Optional::stream).toList();

        assertThat(winners).hasSize(1);
        assertThat(service.get(alice, todo.id())).isEqualTo(winners.get(0));
        assertThat(winners.get(0).version()).isEqualTo(2);
    }

    /**
     * A toggle marks an open todo done and a done one open, raising the version by one each time, moving
     * {@code updatedAt} forward and leaving the rest; with an expected version it applies only while the todo has it.
     * Another tenant's todo is not found.
     */
    @Test
    public void toggleFlipsCompletionAndRaisesTheVersion() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo todo = service.create(CreateTodoCommand.of(alice, "flip", "twice"));
        clock.tick();

        Todo done = service.toggle(alice, todo.id());
        assertThat(done.completed()).isTrue();
        assertThat(done.version()).isEqualTo(2);
        assertThat(done.updatedAt()).isAfter(todo.updatedAt());
        assertThat(done.title()).isEqualTo(todo.title());
        assertThat(done.description()).isEqualTo(todo.description());
        assertThat(service.get(alice, todo.id())).isEqualTo(done);

        assertMismatch(() -> service.toggle(alice, todo.id(), OptionalLong.of(1)), 1, 2);
        assertThat(service.get(alice, todo.id())).isEqualTo(done);
        clock.tick();
        Todo open = service.toggle(alice, todo.id(), OptionalLong.of(2));
        assertThat(open.completed()).isFalse();
        assertThat(open.version()).isEqualTo(3);
        assertThat(service.get(alice, todo.id())).isEqualTo(open);

        assertThatThrownBy(() -> service.toggle(bob, todo.id())).isInstanceOf(TodoNotFoundException.class);
        assertThatThrownBy(() -> service.toggle(alice, TodoId.random())).isInstanceOf(TodoNotFoundException.class);
        assertThat(service.get(alice, todo.id())).isEqualTo(open);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tags as a whole

    /**
     * A rename changes the tag, matched ignoring case, on every todo of the tenant that carries it, merging it into a
     * tag of the new name a todo already has; only those todos get a new version, and the change feed shows each of
     * them after the rename. Other todos, and another tenant's, are untouched.
     */
    @Test
    public void renameTagMergesAndChangesOnlyTheTodosCarryingIt() {
        TenantId alice = tenant("alice");
        Todo both = createTagged(alice, "both", "home", "Errand", "shop");
        Todo errand = createTagged(alice, "errand", "errand");
        Todo work = createTagged(alice, "work", "work");
        Todo bobs = createTagged(tenant("bob"), "bob's", "errand");
        long position = service.changesSince(alice, OptionalLong.empty(), SyncTodosUseCase.MAX_BATCH).next();
        clock.tick();

        TagCount renamed = service.renameTag(alice, new Tag("ERRAND"), new Tag("Shop"));

        assertThat(renamed).isEqualTo(new TagCount(new Tag("Shop"), 2));
        Todo bothAfter = service.get(alice, both.id());
        Todo errandAfter = service.get(alice, errand.id());
        assertThat(bothAfter.tags().names()).containsExactly("home", "shop");
        assertThat(errandAfter.tags().names()).containsExactly("Shop");
        assertThat(bothAfter.version()).isEqualTo(both.version() + 1);
        assertThat(errandAfter.version()).isEqualTo(errand.version() + 1);
        assertThat(errandAfter.updatedAt()).isAfter(errand.updatedAt());
        assertThat(service.get(alice, work.id())).isEqualTo(work);
        assertThat(service.get(bobs.owner(), bobs.id())).isEqualTo(bobs);
        assertThat(service.changesSince(alice, OptionalLong.of(position), SyncTodosUseCase.MAX_BATCH).changes())
                .extracting(change -> ((TodoChange.Upserted) change).todo())
                .containsExactlyInAnyOrder(bothAfter, errandAfter);
        assertThat(service.tags(alice)).containsExactly(new TagCount(new Tag("home"), 1),
                new TagCount(new Tag("Shop"), 2), new TagCount(new Tag("work"), 1));
    }

    /** A rename to the tag's own spelling changes no todo: no new version, nothing in the change feed. */
    @Test
    public void aTagRenamedToItselfChangesNothing() {
        TenantId alice = tenant("alice");
        Todo todo = createTagged(alice, "home", "work", "home");
        long position = service.changesSince(alice, OptionalLong.empty(), SyncTodosUseCase.MAX_BATCH).next();
        clock.tick();

        assertThat(service.renameTag(alice, new Tag("home"), new Tag("home")))
                .isEqualTo(new TagCount(new Tag("home"), 1));

        assertThat(service.get(alice, todo.id())).isEqualTo(todo);
        assertThat(service.changesSince(alice, OptionalLong.of(position), SyncTodosUseCase.MAX_BATCH).changes())
                .isEmpty();
    }

    /** A delete removes the tag, matched ignoring case, from every todo of the tenant, each getting a new version. */
    @Test
    public void deleteTagRemovesItFromEveryTodoIgnoringCase() {
        TenantId alice = tenant("alice");
        Todo one = createTagged(alice, "one", "Home", "work");
        Todo two = createTagged(alice, "two", "home");
        Todo other = createTagged(alice, "other", "work");
        long position = service.changesSince(alice, OptionalLong.empty(), SyncTodosUseCase.MAX_BATCH).next();
        clock.tick();

        assertThat(service.deleteTag(alice, new Tag("HOME"))).isEqualTo(2);

        Todo oneAfter = service.get(alice, one.id());
        Todo twoAfter = service.get(alice, two.id());
        assertThat(oneAfter.tags().names()).containsExactly("work");
        assertThat(twoAfter.tags().isEmpty()).isTrue();
        assertThat(oneAfter.version()).isEqualTo(one.version() + 1);
        assertThat(twoAfter.version()).isEqualTo(two.version() + 1);
        assertThat(service.get(alice, other.id())).isEqualTo(other);
        assertThat(service.changesSince(alice, OptionalLong.of(position), SyncTodosUseCase.MAX_BATCH).changes())
                .extracting(change -> ((TodoChange.Upserted) change).todo())
                .containsExactlyInAnyOrder(oneAfter, twoAfter);
        assertThat(service.tags(alice)).containsExactly(new TagCount(new Tag("work"), 2));
        assertThatThrownBy(() -> service.deleteTag(alice, new Tag("home"))).isInstanceOf(TagNotFoundException.class);
    }

    /**
     * Another tenant's tags are never counted, renamed or removed: a tag only another tenant's todos carry is not
     * found, and renaming a tag both tenants use changes the acting tenant's todos only.
     */
    @Test
    public void anotherTenantsTagsAreNeitherCountedRenamedNorRemoved() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("bob");
        Todo alices = createTagged(alice, "alice's", "shared");
        Todo bobs = createTagged(bob, "bob's", "bob", "shared");

        assertThat(service.tags(alice)).containsExactly(new TagCount(new Tag("shared"), 1));
        assertThatThrownBy(() -> service.renameTag(alice, new Tag("bob"), new Tag("x")))
                .isInstanceOfSatisfying(TagNotFoundException.class, e -> assertThat(e.name()).isEqualTo("bob"));
        assertThatThrownBy(() -> service.deleteTag(alice, new Tag("BOB"))).isInstanceOf(TagNotFoundException.class);
        assertThatThrownBy(() -> service.deleteTag(tenant("carol"), new Tag("shared")))
                .isInstanceOf(TagNotFoundException.class);
        assertThat(service.renameTag(alice, new Tag("shared"), new Tag("common")))
                .isEqualTo(new TagCount(new Tag("common"), 1));

        assertThat(service.get(alice, alices.id()).tags().names()).containsExactly("common");
        assertThat(service.get(bob, bobs.id())).isEqualTo(bobs);
        assertThat(service.tags(bob)).containsExactly(new TagCount(new Tag("bob"), 1),
                new TagCount(new Tag("shared"), 1));
    }

    /**
     * A tag rename and a tag delete racing updates of the same todos lose nothing: each todo ends with the renamed
     * tag, without the deleted one, with one of the titles written, and a version for every write.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void tagChangesRacingUpdatesOfTheSameTodosLoseNothing() throws Exception {
        TenantId alice = tenant("alice");
        List<Todo> todos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            todos.add(createTagged(alice, "todo " + i, "home", "x"));
        }
        List<Callable<Object>> tasks = new ArrayList<>();
        tasks.add(() -> service.renameTag(alice, new Tag("HOME"), new Tag("house")));
        tasks.add(() -> service.deleteTag(alice, new Tag("X")));
        for (Todo todo : todos) {
            for (int writer = 0; writer < 2; writer++) {
                TodoChanges changes = TodoChanges.none().title(Title.of(todo.title().value() + " by " + writer));
                tasks.add(() -> service.update(new UpdateTodoCommand(alice, todo.id(), changes)));
            }
        }

        Threads.runTogether(tasks);

        for (Todo todo : todos) {
            Todo now = service.get(alice, todo.id());
            assertThat(now.tags().names()).as("tags of %s", todo.title()).containsExactly("house");
            assertThat(now.title().value()).startsWith(todo.title().value() + " by ");
            assertThat(now.version()).as("version of %s", todo.title()).isEqualTo(todo.version() + 4);
        }
        assertThat(service.tags(alice)).containsExactly(new TagCount(new Tag("house"), todos.size()));
    }

    private Todo createTagged(TenantId tenant, String title, String... tags) {
        return service.create(new CreateTodoCommand(tenant, Title.of(title), null,
                new Todo.Plan(null, Priority.NONE, Tags.of(List.of(tags)))));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Paging

    /**
     * Paging through a tenant's todos, in every order, both ways, with pages of any size and with a completion filter,
     * visits each todo once, in the order {@link TodoSort#comparator()} gives; the last page says so. Todos created at
     * the same instant, and titles that tie, are told apart by id.
     */
    @Test
    public void pagingVisitsEveryTodoOnceInEveryOrder() {
        TenantId alice = tenant("alice");
        // The last 32 bits differ, so that the keys of todos created at once (OrderKey.forNew) differ, as they must.
        List<TodoId> ids = List.of(id("ffffffff-0000-4000-8000-000000000001"),
                id("80000000-0000-4000-8000-000000000002"), id("7fffffff-0000-4000-8000-000000000003"),
                id("00000000-0000-4000-8000-000000000004"), id("8fffffff-0000-4000-8000-000000000005"),
                id("0fffffff-0000-4000-8000-000000000006"), id("f0000000-0000-4000-8000-000000000007"),
                id("70000000-0000-4000-8000-000000000008"));
        List<String> titles = List.of("b", "A", "a", "😀", "\uFFFD", "c", "B", "b");
        List<Todo.Plan> plans = plansToSort();
        TodoService withIds = serviceWithIds(ids.iterator()::next);
        for (int i = 0; i < titles.size(); i++) {
            Todo todo = withIds.create(new CreateTodoCommand(alice, Title.of(titles.get(i)),
                    new Description("a todo to sort"), plans.get(i)));
            if (i % 3 == 0) {
                service.toggle(alice, todo.id());
            }
            if (i % 2 != 0) {
                clock.tick();
            }
        }
        service.create(CreateTodoCommand.of(tenant("bob"), "not alice's", null));
        List<Todo> all = service.list(alice);
        assertThat(all).hasSize(titles.size());

        for (TodoSort.Field field : TodoSort.Field.values()) {
            for (boolean descending : List.of(false, true)) {
                TodoSort sort = new TodoSort(field, descending);
                List<Todo> expected = all.stream().sorted(sort.comparator(SORT_SEARCH)).toList();
                for (int limit : List.of(1, 3, expected.size(), ListTodosQuery.MAX_LIMIT)) {
                    assertThat(pageThrough(alice, sort, limit, Optional.empty())).as("%s by %d", sort, limit)
                            .containsExactlyElementsOf(expected);
                }
                for (boolean completed : List.of(true, false)) {
                    assertThat(pageThrough(alice, sort, 2, Optional.of(completed)))
                            .as("%s, completed %s", sort, completed)
                            .containsExactlyElementsOf(expected.stream().filter(t -> t.completed() == completed)
                                    .toList());
                }
                assertThat(service.list(new ListTodosQuery(alice, filterFor(sort, Optional.empty()), sort,
                        OptionalInt.empty(), Optional.empty()))).isEqualTo(new TodoPage(expected, Optional.empty()));
            }
        }
    }

    /**
     * Todos created while a client pages, oldest first, come after every page it has seen, and todos deleted meanwhile
     * shift nothing: every todo that exists throughout is seen exactly once.
     */
    @Test
    public void todosCreatedOrDeletedWhilePagingNeitherRepeatNorHideOthers() {
        TenantId alice = tenant("alice");
        List<Todo> before = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(service.create(CreateTodoCommand.of(alice, "before " + i, null)));
        }
        List<Todo> ordered = before.stream().sorted(TodoSort.CREATION.comparator()).toList();
        Todo deleted = ordered.get(ordered.size() - 1);
        List<Todo> seen = new ArrayList<>();
        List<Todo> created = new ArrayList<>();
        Optional<TodoPosition> after = Optional.empty();
        int page = 0;
        do {
            TodoPage result = service.list(new ListTodosQuery(alice, Optional.empty(), TodoSort.CREATION,
                    OptionalInt.of(2), after));
            seen.addAll(result.items());
            after = result.next();
            clock.tick();
            created.add(service.create(CreateTodoCommand.of(alice, "created while paging " + page, null)));
            if (page == 0) {
                service.delete(alice, deleted.id());
            }
            page++;
        } while (after.isPresent() && page < 20);

        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThan(ordered.size());
        assertThat(seen.subList(0, ordered.size() - 1)).containsExactlyElementsOf(
                ordered.subList(0, ordered.size() - 1));
        assertThat(seen.subList(ordered.size() - 1, seen.size()))
                .containsExactlyElementsOf(created.subList(0, seen.size() - ordered.size() + 1));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sync

    /**
     * A client that replays the change feed in small batches, while the tenant creates, changes, toggles, deletes and
     * clears todos between its syncs (and another tenant writes too), ends with exactly the tenant's todos; positions
     * only go up, and each batch says where the next starts.
     */
    @Test
    public void replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Client client = new Client(alice);

        Todo a = createAndTick(alice, "a");
        Todo b = createAndTick(alice, "b");
        client.sync(2);
        assertThat(client.todos.values()).containsExactlyInAnyOrder(a, b);

        createAndTick(bob, "bob's");
        Todo c = createAndTick(alice, "c");
        service.update(new UpdateTodoCommand(alice, a.id(), TodoChanges.none().completed(true)));
        service.delete(alice, b.id());
        client.sync(2);
        assertThat(client.todos.values()).containsExactlyInAnyOrderElementsOf(service.list(alice));

        clock.tick();
        service.toggle(alice, c.id());
        service.update(new UpdateTodoCommand(alice, a.id(), TodoChanges.none().title(Title.of("a, renamed"))));
        client.sync(1);
        service.clearCompleted(alice);
        createAndTick(alice, "d");
        createAndTick(bob, "bob's second");
        client.sync(2);

        assertThat(client.todos.values()).containsExactlyInAnyOrderElementsOf(service.list(alice)).hasSize(1);
        ChangeBatch nothingNew = service.changesSince(alice, OptionalLong.of(client.position), 10);
        assertThat(nothingNew.changes()).isEmpty();
        assertThat(nothingNew.next()).isEqualTo(client.position);
        assertThat(nothingNew.hasMore()).isFalse();

        Client fresh = new Client(alice);
        fresh.sync(SyncTodosUseCase.MAX_BATCH);
        assertThat(fresh.todos.values()).containsExactlyInAnyOrderElementsOf(service.list(alice));
    }

    /**
     * Once deletions older than the retention are forgotten, a client that last synced before one of them must start
     * over ({@link ChangesForgottenException}); one that synced after it goes on, and one that starts from the
     * beginning is never refused.
     */
    @Test
    public void aClientBehindForgottenDeletionsMustStartOver() {
        TenantId alice = tenant("alice");
        TodoService forgetful = new TodoService(adapter.repository(), adapter.unitOfWork(), TodoService.Settings.of(clock).withLimits(new TodoLimits(100, Duration.ofDays(1))));
        Todo old = forgetful.create(CreateTodoCommand.of(alice, "old", null));
        Client behind = new Client(alice);
        behind.sync(10);
        forgetful.delete(alice, old.id());
        Client atTheDeletion = new Client(alice);
        atTheDeletion.sync(10);

        clock.set(T0.plus(Duration.ofDays(2)));
        Todo other = forgetful.create(CreateTodoCommand.of(alice, "other", null));
        forgetful.delete(alice, other.id());

        assertThatThrownBy(() -> forgetful.changesSince(alice, OptionalLong.of(behind.position), 10))
                .isInstanceOf(ChangesForgottenException.class);
        assertThatThrownBy(() -> forgetful.changesSince(alice, OptionalLong.of(atTheDeletion.position - 1), 10))
                .isInstanceOf(ChangesForgottenException.class);
        atTheDeletion.sync(10);
        assertThat(atTheDeletion.todos).isEmpty();
        ChangeBatch fromTheBeginning = forgetful.changesSince(alice, OptionalLong.empty(), 10);
        assertThat(fromTheBeginning.changes()).singleElement().isInstanceOfSatisfying(TodoChange.Removed.class,
                removed -> assertThat(removed.id()).isEqualTo(other.id()));
    }

    /**
     * A tenant that deletes faster than the retention forgets keeps at most {@link TodoLimits#maxTombstonesPerTenant()}
     * tombstones, the latest: deleting and clearing completed todos drop the oldest past it at once, and a client that
     * last synced before the forgotten ones must start over, while one that had seen them goes on.
     */
    @Test
    public void aTenantKeepsAtMostTheMostTombstonesItMay() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        TodoService bounded = new TodoService(adapter.repository(), adapter.unitOfWork(), TodoService.Settings.of(clock).withLimits(new TodoLimits(100, Duration.ofDays(30), 2, 100)));
        List<Todo> todos = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            todos.add(bounded.create(CreateTodoCommand.of(alice, "todo " + i, null)));
        }
        Todo bobs = bounded.create(CreateTodoCommand.of(bob, "bob's", null));
        bounded.delete(bob, bobs.id());
        Client behind = new Client(alice);
        behind.sync(10);

        bounded.delete(alice, todos.get(0).id());
        Client afterTheFirst = new Client(alice);
        afterTheFirst.sync(10);
        bounded.delete(alice, todos.get(1).id());
        bounded.toggle(alice, todos.get(2).id());
        assertThat(bounded.clearCompleted(alice)).isEqualTo(1);

        assertThat(bounded.changesSince(alice, OptionalLong.empty(), 10).changes())
                .filteredOn(TodoChange.Removed.class::isInstance).extracting(c -> ((TodoChange.Removed) c).id())
                .containsExactly(todos.get(1).id(), todos.get(2).id());
        assertThatThrownBy(() -> bounded.changesSince(alice, OptionalLong.of(behind.position), 10))
                .isInstanceOf(ChangesForgottenException.class);
        afterTheFirst.sync(10);
        assertThat(afterTheFirst.todos.values()).containsExactlyInAnyOrderElementsOf(bounded.list(alice));
        Client fresh = new Client(alice);
        fresh.sync(10);
        assertThat(fresh.todos.values()).containsExactlyInAnyOrderElementsOf(bounded.list(alice));
        assertThat(bounded.changesSince(bob, OptionalLong.of(0), 10).changes()).as("bob's own tombstone")
                .singleElement().isInstanceOf(TodoChange.Removed.class);
    }

    /**
     * A list without a page size holds at most {@link TodoLimits#maxUnpagedList()} todos: up to it the whole list, in
     * order; past it {@link ListTooLargeException}, and the todos must be read page by page, which still works; the
     * bound counts the todos that match (a filtered list under it is answered).
     */
    @Test
    public void anUnpagedListLongerThanTheBoundIsRefused() {
        TenantId alice = tenant("alice");
        TodoService bounded = new TodoService(adapter.repository(), adapter.unitOfWork(), TodoService.Settings.of(clock).withLimits(new TodoLimits(100, Duration.ofDays(30), 100, 3)));
        List<Todo> todos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            todos.add(bounded.create(CreateTodoCommand.of(alice, "todo " + i, null)));
            clock.tick();
        }
        assertThat(bounded.list(ListTodosQuery.all(alice)).items()).containsExactlyElementsOf(todos);

        Todo fourth = bounded.create(CreateTodoCommand.of(alice, "one too many", null));
        assertThatThrownBy(() -> bounded.list(ListTodosQuery.all(alice)))
                .isInstanceOfSatisfying(ListTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(3));
        Todo done = bounded.toggle(alice, fourth.id());
        ListTodosQuery completed = new ListTodosQuery(alice, Optional.of(true), TodoSort.CREATION,
                OptionalInt.empty(), Optional.empty());
        assertThat(bounded.list(completed).items()).containsExactly(done);
        TodoPage first = bounded.list(new ListTodosQuery(alice, Optional.empty(), TodoSort.CREATION,
                OptionalInt.of(3), Optional.empty()));
        assertThat(first.items()).containsExactlyElementsOf(todos);
        assertThat(first.next()).isPresent();
    }

    /**
     * Clearing completed todos deletes the tenant's done todos and no other, tells how many, and leaves a tombstone
     * for each in the feed, each at its own position and with the time of the deletion, to the microsecond; clearing
     * again deletes nothing.
     */
    @Test
    public void clearCompletedDeletesOnlyTheTenantsDoneTodos() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo done = createAndTick(alice, "done");
        Todo open = createAndTick(alice, "open");
        Todo alsoDone = createAndTick(alice, "also done");
        Todo bobsDone = createAndTick(bob, "bob's done");
        service.toggle(alice, done.id());
        service.toggle(alice, alsoDone.id());
        bobsDone = service.toggle(bob, bobsDone.id());
        Client client = new Client(alice);
        client.sync(10);
        long before = client.position;
        clock.tick();

        assertThat(service.clearCompleted(alice)).isEqualTo(2);

        assertThat(service.list(alice)).containsExactly(open);
        assertThat(service.list(bob)).containsExactly(bobsDone);
        List<TodoChange> changes = service.changesSince(alice, OptionalLong.of(before), 10).changes();
        assertThat(changes).hasSize(2).allSatisfy(change -> {
            assertThat(change).isInstanceOf(TodoChange.Removed.class);
            // The service passes the clock's reading as it is; stores keep microseconds, truncated or rounded.
            assertThat(((TodoChange.Removed) change).deletedAt())
                    .isCloseTo(clock.instant(), within(1, ChronoUnit.MICROS));
        });
        assertThat(changes).extracting(change -> ((TodoChange.Removed) change).id())
                .containsExactlyInAnyOrder(done.id(), alsoDone.id());
        assertThat(changes).extracting(TodoChange::position).doesNotHaveDuplicates();
        assertThat(service.clearCompleted(alice)).isZero();
        assertThat(service.clearCompleted(tenant("carol"))).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Quota

    /**
     * A tenant cannot have more todos than its limit: the create past it fails with {@link QuotaExceededException}
     * and stores nothing; other tenants have limits of their own; deleting and clearing completed todos make room.
     */
    @Test
    public void aTenantCannotGoPastItsQuota() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        TodoService limited = new TodoService(adapter.repository(), adapter.unitOfWork(), TodoService.Settings.of(clock).withLimits(new TodoLimits(2, Duration.ofDays(30))));
        Todo one = limited.create(CreateTodoCommand.of(alice, "one", null));
        clock.tick();
        Todo two = limited.create(CreateTodoCommand.of(alice, "two", null));

        assertThatThrownBy(() -> limited.create(CreateTodoCommand.of(alice, "three", null)))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.limit()).isEqualTo(2));
        assertThat(limited.list(alice)).containsExactly(one, two);
        limited.create(CreateTodoCommand.of(bob, "bob's first", null));
        limited.create(CreateTodoCommand.of(bob, "bob's second", null));

        limited.delete(alice, one.id());
        clock.tick();
        Todo three = limited.create(CreateTodoCommand.of(alice, "three, now that one is gone", null));
        assertThatThrownBy(() -> limited.create(CreateTodoCommand.of(alice, "four", null)))
                .isInstanceOf(QuotaExceededException.class);
        limited.toggle(alice, two.id());
        assertThat(limited.clearCompleted(alice)).isEqualTo(1);
        limited.create(CreateTodoCommand.of(alice, "four, now that two is cleared", null));
        assertThat(limited.list(alice)).hasSize(2).contains(three);
    }

    /**
     * Creates that race at the quota never take a tenant past it: of more creates than it has room for, exactly as
     * many as the limit succeed and the rest fail with {@link QuotaExceededException}.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentCreatesNeverExceedTheQuota() throws Exception {
        TenantId alice = tenant("alice");
        int limit = 5;
        TodoService limited = new TodoService(adapter.repository(), adapter.unitOfWork(), TodoService.Settings.of(clock).withLimits(new TodoLimits(limit, Duration.ofDays(30))));
        List<Callable<List<Todo>>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String prefix = "thread " + i + " todo ";
            tasks.add(() -> {
                List<Todo> created = new ArrayList<>();
                for (int j = 0; j < 2; j++) {
                    try {
                        created.add(limited.create(CreateTodoCommand.of(alice, prefix + j, null)));
                    } catch (QuotaExceededException e) {
                        assertThat(e.limit()).isEqualTo(limit);
                    }
                }
                return created;
            });
        }

        List<Todo> created = Threads.runTogether(tasks).stream().flatMap(List::stream).toList();

        assertThat(created).hasSize(limit);
        assertThat(service.list(alice)).containsExactlyInAnyOrderElementsOf(created);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hand-made order and subtasks (issue 18)

    /**
     * A new todo goes last in the hand-made order, after todos moved before it was created; a subtask too: it goes last
     * of all, not under its parent.
     */
    @Test
    public void aNewTodoGoesLastInTheHandMadeOrder() {
        TenantId alice = tenant("alice");
        Todo a = createAndTick(alice, "a");
        Todo b = createAndTick(alice, "b");
        Todo c = createAndTick(alice, "c");
        move(alice, c, null);
        move(alice, a, b);
        clock.tick();

        Todo d = createAndTick(alice, "d");
        Todo e = service.create(new CreateTodoCommand(alice, Title.of("e"), null, Todo.Plan.NONE, c.id()));

        assertThat(ids(inOrder(alice))).containsExactly(c.id(), b.id(), a.id(), d.id(), e.id());
        assertThat(ids(subtasksOf(alice, c))).containsExactly(e.id());
    }

    /**
     * A move puts a todo right after another of its list, or first; under a parent (first of its subtasks, or right
     * after the parent when it has none, or after one of its subtasks); and out of a parent back to top level. Only
     * the moved todo changes, by one version.
     */
    @Test
    public void aMovePutsATodoRightAfterAnotherFirstOrUnderAParent() {
        TenantId alice = tenant("alice");
        Todo a = createAndTick(alice, "a");
        Todo b = createAndTick(alice, "b");
        Todo c = createAndTick(alice, "c");
        Todo d = createAndTick(alice, "d");

        Todo movedD = move(alice, d, a);
        assertThat(movedD.version()).isEqualTo(d.version() + 1);
        assertThat(movedD.title()).isEqualTo(d.title());
        assertThat(ids(inOrder(alice))).containsExactly(a.id(), d.id(), b.id(), c.id());
        move(alice, b, null);
        assertThat(ids(inOrder(alice))).containsExactly(b.id(), a.id(), d.id(), c.id());
        assertThat(service.get(alice, a.id())).isEqualTo(a);

        Todo p = createAndTick(alice, "p");
        Todo s = service.create(new CreateTodoCommand(alice, Title.of("s"), null, Todo.Plan.NONE, p.id()));
        clock.tick();
        Todo cUnderP = service.move(MoveTodoCommand.under(alice, c.id(), p.id(), null, OptionalLong.empty()));
        assertThat(cUnderP.parent()).contains(p.id());
        assertThat(ids(inOrder(alice))).containsExactly(b.id(), a.id(), d.id(), p.id(), c.id(), s.id());
        assertThat(ids(subtasksOf(alice, p))).containsExactly(c.id(), s.id());

        move(alice, service.get(alice, c.id()), s);
        assertThat(ids(subtasksOf(alice, p))).containsExactly(s.id(), c.id());

        Todo q = createAndTick(alice, "q");
        move(alice, q, b);
        Todo aUnderQ = service.move(MoveTodoCommand.under(alice, a.id(), q.id(), null, OptionalLong.empty()));
        assertThat(aUnderQ.parent()).contains(q.id());
        assertThat(ids(inOrder(alice))).containsExactly(b.id(), q.id(), a.id(), d.id(), p.id(), s.id(), c.id());
        assertThat(ids(subtasksOf(alice, q))).containsExactly(a.id());

        Todo cOut = service.move(MoveTodoCommand.under(alice, c.id(), null, b.id(), OptionalLong.empty()));
        assertThat(cOut.parent()).isEmpty();
        assertThat(ids(inOrder(alice))).containsExactly(b.id(), c.id(), q.id(), a.id(), d.id(), p.id(), s.id());
        assertThat(ids(subtasksOf(alice, p))).containsExactly(s.id());
        Todo sFirst = service.move(MoveTodoCommand.under(alice, s.id(), null, null, OptionalLong.empty()));
        assertThat(sFirst.parent()).isEmpty();
        assertThat(ids(inOrder(alice))).containsExactly(s.id(), b.id(), c.id(), q.id(), a.id(), d.id(), p.id());
        assertThat(positions(inOrder(alice))).doesNotHaveDuplicates();
    }

    /**
     * A move that names a wrong target is refused naming the field and why, and changes nothing: the moved todo as
     * {@code after} or parent, an unknown todo, a todo of another list, a subtask as parent, a parent for a todo that
     * has subtasks; an unknown moved todo is not found.
     */
    @Test
    public void aMoveToAWrongPlaceIsRefusedAndChangesNothing() {
        TenantId alice = tenant("alice");
        Todo p = createAndTick(alice, "p");
        Todo s = service.create(new CreateTodoCommand(alice, Title.of("s"), null, Todo.Plan.NONE, p.id()));
        Todo x = createAndTick(alice, "x");
        Todo y = createAndTick(alice, "y");
        List<Todo> before = inOrder(alice);
        TodoId unknown = TodoId.random();

        assertViolation(() -> move(alice, x, x), TodoService.AFTER, "cannot be the moved todo");
        assertViolation(() -> service.move(MoveTodoCommand.after(alice, x.id(), unknown, OptionalLong.empty())),
                TodoService.AFTER, "is not a todo of yours");
        assertViolation(() -> move(alice, x, s), TodoService.AFTER, "is not in the same list (its parent_id differs)");
        assertViolation(() -> service.move(MoveTodoCommand.under(alice, x.id(), p.id(), y.id(), OptionalLong.empty())),
                TodoService.AFTER, "is not in the same list (its parent_id differs)");
        assertViolation(() -> service.move(MoveTodoCommand.under(alice, x.id(), x.id(), null, OptionalLong.empty())),
                TodoService.PARENT, "cannot be the moved todo");
        assertViolation(() -> service.move(MoveTodoCommand.under(alice, x.id(), unknown, null, OptionalLong.empty())),
                TodoService.PARENT, "is not a todo of yours");
        assertViolation(() -> service.move(MoveTodoCommand.under(alice, x.id(), s.id(), null, OptionalLong.empty())),
                TodoService.PARENT, "is a subtask; a subtask cannot have subtasks");
        assertViolation(() -> service.move(MoveTodoCommand.under(alice, p.id(), x.id(), null, OptionalLong.empty())),
                TodoService.PARENT, "the moved todo has subtasks; a subtask cannot have subtasks");
        assertThatThrownBy(() -> service.move(MoveTodoCommand.after(alice, unknown, null, OptionalLong.empty())))
                .isInstanceOf(TodoNotFoundException.class);
        assertThat(inOrder(alice)).isEqualTo(before);

        Todo xUnderP = service.move(MoveTodoCommand.under(alice, x.id(), p.id(), s.id(), OptionalLong.empty()));
        assertThat(xUnderP.parent()).contains(p.id());
        assertThat(ids(subtasksOf(alice, p))).containsExactly(s.id(), x.id());
    }

    /**
     * A move that expects a version applies only while the todo has it, and raises it by one; otherwise it fails with
     * {@link VersionMismatchException} and changes nothing.
     */
    @Test
    public void aMoveAppliesOnlyToTheExpectedVersion() {
        TenantId alice = tenant("alice");
        Todo a = createAndTick(alice, "a");
        Todo b = createAndTick(alice, "b");

        assertMismatch(() -> service.move(MoveTodoCommand.after(alice, b.id(), null, OptionalLong.of(7))), 7,
                b.version());
        assertThat(service.get(alice, b.id())).isEqualTo(b);
        Todo moved = service.move(MoveTodoCommand.after(alice, b.id(), null, OptionalLong.of(b.version())));
        assertThat(moved.version()).isEqualTo(b.version() + 1);
        assertThat(service.get(alice, b.id())).isEqualTo(moved);
        assertMismatch(() -> service.move(MoveTodoCommand.after(alice, b.id(), a.id(), OptionalLong.of(b.version()))),
                b.version(), moved.version());
        assertThat(ids(inOrder(alice))).containsExactly(b.id(), a.id());
    }

    /**
     * A move to where the todo already is writes nothing: the todo comes back as it is, with its version, and the
     * change feed has nothing new; also right after a real move, and for a subtask first under its parent.
     */
    @Test
    public void aMoveToWhereTheTodoAlreadyIsWritesNothing() {
        TenantId alice = tenant("alice");
        Todo a = createAndTick(alice, "a");
        Todo b = createAndTick(alice, "b");
        Todo c = createAndTick(alice, "c");
        Todo p = createAndTick(alice, "p");
        Todo s = service.create(new CreateTodoCommand(alice, Title.of("s"), null, Todo.Plan.NONE, p.id()));
        clock.tick();
        Todo cFirst = move(alice, c, null);
        Client client = new Client(alice);
        client.sync(100);
        long seen = client.position;

        assertThat(move(alice, cFirst, null)).isEqualTo(cFirst);
        assertThat(move(alice, b, a)).isEqualTo(b);
        assertThat(move(alice, a, cFirst)).isEqualTo(a);
        assertThat(service.move(MoveTodoCommand.under(alice, s.id(), p.id(), null, OptionalLong.of(s.version()))))
                .isEqualTo(s);
        assertThat(service.move(MoveTodoCommand.after(alice, s.id(), null, OptionalLong.empty()))).isEqualTo(s);

        assertThat(service.changesSince(alice, OptionalLong.of(seen), 10).changes()).isEmpty();
        assertThat(ids(inOrder(alice))).containsExactly(c.id(), a.id(), b.id(), p.id(), s.id());
    }

    /**
     * Thousands of moves to one place keep the keys short: 3,000 moves of todos, in turn, each right after the same
     * todo, then 3,000 moves of todos, in turn, each to the top. {@link dev.todo.domain.model.OrderKey} steps one
     * number for moves to one place: keys of about 20 characters here (a new todo's has about 17); the bound of 40
     * fails for any key that grows with the moves (one character per 62 moves would already pass it).
     */
    @Test
    public void thousandsOfMovesToOnePlaceKeepTheKeysShort() {
        TenantId alice = tenant("alice");
        Todo anchor = createAndTick(alice, "anchor");
        List<Todo> movers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            movers.add(createAndTick(alice, "mover " + i));
        }
        Todo tail = createAndTick(alice, "tail");
        int longestNew = inOrder(alice).stream().mapToInt(t -> t.position().value().length()).max().orElseThrow();
        int moves = 3_000;

        for (int i = 0; i < moves; i++) {
            service.move(MoveTodoCommand.after(alice, movers.get(i % movers.size()).id(), anchor.id(),
                    OptionalLong.empty()));
        }
        List<TodoId> expected = new ArrayList<>(List.of(anchor.id()));
        for (int i = moves - 1; i >= moves - movers.size(); i--) {
            expected.add(movers.get(i % movers.size()).id());
        }
        expected.add(tail.id());
        List<Todo> afterAnchor = inOrder(alice);
        assertThat(ids(afterAnchor)).containsExactlyElementsOf(expected);
        assertKeysShort(afterAnchor, longestNew);

        List<Todo> all = new ArrayList<>(afterAnchor);
        for (int i = 0; i < moves; i++) {
            service.move(MoveTodoCommand.after(alice, all.get(all.size() - 1 - i % all.size()).id(), null,
                    OptionalLong.empty()));
        }
        List<Todo> toTop = inOrder(alice);
        assertThat(toTop).hasSize(all.size());
        assertKeysShort(toTop, longestNew);
    }

    private static void assertKeysShort(List<Todo> todos, int longestNew) {
        assertThat(positions(todos)).doesNotHaveDuplicates().isSorted();
        assertThat(todos).allSatisfy(todo -> assertThat(todo.position().value()).as("the key of %s", todo.title())
                .hasSizeLessThanOrEqualTo(40).hasSizeLessThanOrEqualTo(longestNew + 4));
    }

    /**
     * Moves that race into one gap never give two todos one position: several threads move todos right after the
     * same todo at once, round after round; afterwards every key is distinct, and the moved todos lie between that
     * todo and the one that followed it.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentMovesNeverGiveTwoTodosOnePosition() throws Exception {
        TenantId alice = tenant("alice");
        Todo anchor = createAndTick(alice, "anchor");
        Todo next = createAndTick(alice, "next");
        List<Todo> movers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            movers.add(createAndTick(alice, "mover " + i));
        }

        for (int round = 0; round < 3; round++) {
            List<Callable<Todo>> tasks = new ArrayList<>();
            for (Todo mover : movers) {
                tasks.add(() -> service.move(MoveTodoCommand.after(alice, mover.id(), anchor.id(),
                        OptionalLong.empty())));
            }
            Threads.runTogether(tasks);

            List<Todo> ordered = inOrder(alice);
            assertThat(positions(ordered)).as("round %d", round).doesNotHaveDuplicates();
            assertThat(ordered.get(0).id()).isEqualTo(anchor.id());
            assertThat(ordered.get(ordered.size() - 1).id()).isEqualTo(next.id());
            assertThat(ids(ordered.subList(1, ordered.size() - 1)))
                    .containsExactlyInAnyOrderElementsOf(ids(movers));
        }
    }

    /**
     * A subtask is created under a top-level todo of the tenant; an unknown parent, another tenant's todo and a
     * subtask are refused naming {@code parent_id}, and nothing is created.
     */
    @Test
    public void aSubtaskIsCreatedUnderATopLevelTodoOfTheTenantOnly() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo p = createAndTick(alice, "p");
        Todo s = service.create(new CreateTodoCommand(alice, Title.of("s"), null, Todo.Plan.NONE, p.id()));
        Todo bobs = service.create(CreateTodoCommand.of(bob, "bob's", null));

        assertThat(s.parent()).contains(p.id());
        assertThat(service.get(alice, s.id())).isEqualTo(s);
        assertViolation(() -> service.create(new CreateTodoCommand(alice, Title.of("x"), null, Todo.Plan.NONE,
                TodoId.random())), TodoService.PARENT, "is not a todo of yours");
        assertViolation(() -> service.create(new CreateTodoCommand(alice, Title.of("x"), null, Todo.Plan.NONE,
                bobs.id())), TodoService.PARENT, "is not a todo of yours");
        assertViolation(() -> service.create(new CreateTodoCommand(alice, Title.of("x"), null, Todo.Plan.NONE,
                s.id())), TodoService.PARENT, "is a subtask; a subtask cannot have subtasks");
        assertThat(service.list(alice)).containsExactly(p, s);
        assertThat(service.list(bob)).containsExactly(bobs);
    }

    /**
     * Another tenant's todo is no place to move to, as {@code after} or as parent, and its todos cannot be moved:
     * they are not found, and stay as they are.
     */
    @Test
    public void anotherTenantsTodosAreNoPlaceToMoveToAndCannotBeMoved() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo x = createAndTick(alice, "x");
        Todo bobs = createAndTick(bob, "bob's");
        Todo bobsParent = createAndTick(bob, "bob's parent");

        assertViolation(() -> move(alice, x, bobs), TodoService.AFTER, "is not a todo of yours");
        assertViolation(() -> service.move(MoveTodoCommand.under(alice, x.id(), bobsParent.id(), null,
                OptionalLong.empty())), TodoService.PARENT, "is not a todo of yours");
        assertThat(catchNotFound(() -> move(alice, bobs, null))).isInstanceOf(TodoNotFoundException.class);
        assertThat(service.get(alice, x.id())).isEqualTo(x);
        assertThat(service.list(bob)).containsExactly(bobs, bobsParent);
    }

    /**
     * A delete takes the todo's subtasks with it, a tombstone each in the feed; another todo's subtasks and another
     * tenant's todos stay. A delete refused for its version deletes no subtask either.
     */
    @Test
    public void aDeleteTakesTheSubtasksWithIt() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo p = createAndTick(alice, "p");
        Todo s1 = service.create(new CreateTodoCommand(alice, Title.of("s1"), null, Todo.Plan.NONE, p.id()));
        Todo s2 = service.create(new CreateTodoCommand(alice, Title.of("s2"), null, Todo.Plan.NONE, p.id()));
        Todo q = createAndTick(alice, "q");
        Todo s3 = service.create(new CreateTodoCommand(alice, Title.of("s3"), null, Todo.Plan.NONE, q.id()));
        Todo bobsParent = createAndTick(bob, "bob's");
        Todo bobsSubtask = service.create(new CreateTodoCommand(bob, Title.of("bob's subtask"), null, Todo.Plan.NONE,
                bobsParent.id()));
        Client client = new Client(alice);
        client.sync(100);
        long seen = client.position;

        assertMismatch(() -> {
            service.delete(new DeleteTodoCommand(alice, p.id(), OptionalLong.of(p.version() + 1)));
            return null;
        }, p.version() + 1, p.version());
        assertThat(service.list(alice)).containsExactlyInAnyOrder(p, s1, s2, q, s3);

        service.delete(alice, p.id());

        assertThat(service.list(alice)).containsExactly(q, s3);
        List<TodoChange> changes = service.changesSince(alice, OptionalLong.of(seen), 10).changes();
        assertThat(changes).allSatisfy(change -> assertThat(change).isInstanceOf(TodoChange.Removed.class))
                .extracting(change -> ((TodoChange.Removed) change).id())
                .containsExactlyInAnyOrder(p.id(), s1.id(), s2.id());
        assertThat(changes).extracting(TodoChange::position).doesNotHaveDuplicates();
        assertThat(service.list(bob)).containsExactly(bobsParent, bobsSubtask);
    }

    /**
     * Completing a parent leaves its subtasks as they are; clearing completed todos then takes the parent and all its
     * subtasks, open or not, and an open todo's done subtasks.
     */
    @Test
    public void completingAParentLeavesItsSubtasksAndClearingTakesThem() {
        TenantId alice = tenant("alice");
        Todo p = createAndTick(alice, "p");
        Todo s1 = service.create(new CreateTodoCommand(alice, Title.of("s1"), null, Todo.Plan.NONE, p.id()));
        Todo s2 = service.create(new CreateTodoCommand(alice, Title.of("s2"), null, Todo.Plan.NONE, p.id()));
        Todo q = createAndTick(alice, "q");
        Todo s3 = service.create(new CreateTodoCommand(alice, Title.of("s3"), null, Todo.Plan.NONE, q.id()));
        Todo s4 = service.create(new CreateTodoCommand(alice, Title.of("s4"), null, Todo.Plan.NONE, q.id()));
        clock.tick();

        Todo done = service.toggle(alice, p.id());
        Todo s3Done = service.toggle(alice, s3.id());

        assertThat(done.completed()).isTrue();
        assertThat(service.get(alice, s1.id())).isEqualTo(s1);
        assertThat(service.get(alice, s2.id())).isEqualTo(s2);
        assertThat(service.list(alice)).containsExactlyInAnyOrder(done, s1, s2, q, s3Done, s4);
        assertThat(service.clearCompleted(alice)).isEqualTo(4);
        assertThat(service.list(alice)).containsExactly(q, s4);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Recurrence (issue 18)

    /**
     * Completing a recurring todo stores its next occurrence with the completion: the same title, description,
     * priority, tags and parent, the next due, the rule with one less {@code COUNT}, open, last in the order, created
     * now; the completed todo names it; the feed has both.
     */
    @Test
    public void completingARecurringTodoCreatesItsNextOccurrence() {
        TenantId alice = tenant("alice");
        Todo p = createAndTick(alice, "p");
        Todo other = createAndTick(alice, "other");
        Todo.Plan plan = new Todo.Plan(Due.allDay(LocalDate.parse("2026-02-02")), Priority.HIGH,
                Tags.of(List.of("home", "Weekly")), Recurrence.parse("FREQ=DAILY;COUNT=3"));
        Todo todo = service.create(new CreateTodoCommand(alice, Title.of("water the plants"),
                new Description("all of them"), plan, p.id()));
        clock.tick();
        move(alice, other, null);
        clock.tick();
        Client client = new Client(alice);
        client.sync(100);
        long seen = client.position;

        Todo completed = service.update(new UpdateTodoCommand(alice, todo.id(), TodoChanges.none().completed(true)));

        assertThat(completed.completed()).isTrue();
        assertThat(completed.version()).isEqualTo(todo.version() + 1);
        TodoId nextId = completed.nextOccurrence().orElseThrow();
        Todo next = service.get(alice, nextId);
        assertThat(next.title()).isEqualTo(todo.title());
        assertThat(next.description()).isEqualTo(todo.description());
        assertThat(next.priority()).isEqualTo(Priority.HIGH);
        assertThat(next.tags()).isEqualTo(todo.tags());
        assertThat(next.parent()).contains(p.id());
        assertThat(next.due()).contains(Due.allDay(LocalDate.parse("2026-02-03")));
        assertThat(next.recurrence()).contains(Recurrence.parse("FREQ=DAILY;COUNT=2"));
        assertThat(next.completed()).isFalse();
        assertThat(next.nextOccurrence()).isEmpty();
        assertThat(next.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
        assertThat(ids(inOrder(alice))).last().isEqualTo(nextId);
        assertThat(service.get(alice, todo.id())).isEqualTo(completed);
        List<TodoChange> changes = service.changesSince(alice, OptionalLong.of(seen), 10).changes();
        assertThat(changes).extracting(change -> ((TodoChange.Upserted) change).todo())
                .containsExactlyInAnyOrder(completed, next);
    }

    /**
     * A series never forks: completing an already completed todo, or reopening and completing it again, by any use
     * case, creates no second occurrence.
     */
    @Test
    public void aSeriesNeverForksWhenACompletionIsRepeated() {
        TenantId alice = tenant("alice");
        Todo todo = service.create(new CreateTodoCommand(alice, Title.of("daily"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.NONE, Tags.NONE,
                Recurrence.parse("FREQ=DAILY")), null));
        clock.tick();

        Todo completed = service.toggle(alice, todo.id());
        TodoId nextId = completed.nextOccurrence().orElseThrow();
        clock.tick();
        Todo again = service.update(new UpdateTodoCommand(alice, todo.id(), TodoChanges.none().completed(true)));
        Todo reopened = service.toggle(alice, todo.id());
        Todo recompleted = service.toggle(alice, todo.id());
        Todo viaUpdate = service.update(new UpdateTodoCommand(alice, todo.id(),
                TodoChanges.none().completed(false)));
        Todo lastTime = service.update(new UpdateTodoCommand(alice, todo.id(), TodoChanges.none().completed(true)));

        assertThat(List.of(again, reopened, recompleted, viaUpdate, lastTime))
                .allSatisfy(t -> assertThat(t.nextOccurrence()).contains(nextId));
        assertThat(ids(service.list(alice))).containsExactly(todo.id(), nextId);
    }

    /**
     * A completion whose next occurrence the quota has no room for is refused as a whole: {@link
     * QuotaExceededException}, the todo still open at its version, nothing new in the feed; with room, it goes through.
     */
    @Test
    public void aCompletionTheQuotaHasNoRoomForIsRefusedAsAWhole() {
        TenantId alice = tenant("alice");
        TodoService limited = new TodoService(adapter.repository(), adapter.unitOfWork(),
                TodoService.Settings.of(clock).withLimits(new TodoLimits(2, Duration.ofDays(30))));
        Todo todo = limited.create(new CreateTodoCommand(alice, Title.of("weekly"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.NONE, Tags.NONE,
                Recurrence.parse("FREQ=WEEKLY")), null));
        clock.tick();
        Todo other = limited.create(CreateTodoCommand.of(alice, "other", null));
        clock.tick();
        Client client = new Client(alice);
        client.sync(100);
        long seen = client.position;

        assertThatThrownBy(() -> limited.toggle(alice, todo.id())).isInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> limited.update(new UpdateTodoCommand(alice, todo.id(),
                TodoChanges.none().completed(true)))).isInstanceOf(QuotaExceededException.class);

        assertThat(limited.get(alice, todo.id())).isEqualTo(todo);
        assertThat(limited.list(alice)).containsExactly(todo, other);
        assertThat(limited.changesSince(alice, OptionalLong.of(seen), 10).changes()).isEmpty();
        limited.delete(alice, other.id());
        Todo completed = limited.toggle(alice, todo.id());
        assertThat(ids(limited.list(alice))).containsExactly(todo.id(), completed.nextOccurrence().orElseThrow());
    }

    /**
     * A series ends: the occurrence with {@code COUNT=1}, and one whose next date would pass {@code UNTIL}, create
     * no next occurrence when completed.
     */
    @Test
    public void anEndedSeriesCreatesNoNextOccurrence() {
        TenantId alice = tenant("alice");
        Todo counted = service.create(new CreateTodoCommand(alice, Title.of("twice"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.NONE, Tags.NONE,
                Recurrence.parse("FREQ=DAILY;COUNT=2")), null));
        clock.tick();
        Todo second = service.get(alice, service.toggle(alice, counted.id()).nextOccurrence().orElseThrow());
        assertThat(second.recurrence()).contains(Recurrence.parse("FREQ=DAILY;COUNT=1"));
        clock.tick();
        Todo last = service.toggle(alice, second.id());
        assertThat(last.completed()).isTrue();
        assertThat(last.nextOccurrence()).isEmpty();

        Todo until = service.create(new CreateTodoCommand(alice, Title.of("until"), null, new Todo.Plan(
                Due.allDay(LocalDate.parse("2026-02-02")), Priority.NONE, Tags.NONE,
                Recurrence.parse("FREQ=WEEKLY;UNTIL=20260210")), null));
        clock.tick();
        Todo ninth = service.get(alice, service.toggle(alice, until.id()).nextOccurrence().orElseThrow());
        assertThat(ninth.due()).contains(Due.allDay(LocalDate.parse("2026-02-09")));
        clock.tick();
        assertThat(service.toggle(alice, ninth.id()).nextOccurrence()).isEmpty();
        assertThat(ids(service.list(alice))).containsExactly(counted.id(), second.id(), until.id(), ninth.id());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Moves a todo right after another of its list (first when null), whatever its version. */
    private Todo move(TenantId tenant, Todo todo, @Nullable Todo after) {
        return service.move(MoveTodoCommand.after(tenant, todo.id(), after == null ? null : after.id(),
                OptionalLong.empty()));
    }

    /** Every todo of the tenant in the hand-made order. */
    private List<Todo> inOrder(TenantId tenant) {
        return service.list(new ListTodosQuery(tenant, TodoFilter.ALL, new TodoSort(TodoSort.Field.POSITION, false),
                OptionalInt.empty(), Optional.empty())).items();
    }

    /** The subtasks of a todo in the hand-made order. */
    private List<Todo> subtasksOf(TenantId tenant, Todo parent) {
        return service.list(new ListTodosQuery(tenant, TodoFilter.ALL.withParent(Optional.of(parent.id())),
                new TodoSort(TodoSort.Field.POSITION, false), OptionalInt.empty(), Optional.empty())).items();
    }

    private static List<TodoId> ids(List<Todo> todos) {
        return todos.stream().map(Todo::id).toList();
    }

    private static List<String> positions(List<Todo> todos) {
        return todos.stream().map(todo -> todo.position().value()).toList();
    }

    /** Checks that a use case fails with one violation of a field, with that message. */
    private static void assertViolation(Supplier<?> useCase, String field, String message) {
        assertThatThrownBy(useCase::get).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactly(new Violation(field, message)));
    }

    private TodoService serviceWithIds(Supplier<TodoId> ids) {
        return new TodoService(adapter.repository(), adapter.unitOfWork(), TodoService.Settings.of(clock).withIds(ids));
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

    private List<Todo> pageThrough(TenantId tenant, TodoSort sort, int limit, Optional<Boolean> completed) {
        List<Todo> seen = new ArrayList<>();
        Optional<TodoPosition> after = Optional.empty();
        int pages = 0;
        do {
            TodoPage page = service.list(new ListTodosQuery(tenant, filterFor(sort, completed), sort,
                    OptionalInt.of(limit), after));
            assertThat(page.items()).as("page %d", pages).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            after = page.next();
            assertThat(++pages).as("pages of %d", limit).isLessThanOrEqualTo(100);
        } while (after.isPresent());
        return seen;
    }

    /** The search of the relevance order in {@link #pagingVisitsEveryTodoOnceInEveryOrder}: every todo matches. */
    private static final SearchQuery SORT_SEARCH = SearchQuery.parse("a");

    /** Only done or only open todos, or all; with {@link #SORT_SEARCH} in the relevance order, which needs a search. */
    private static TodoFilter filterFor(TodoSort sort, Optional<Boolean> completed) {
        TodoFilter filter = TodoFilter.completed(completed);
        return sort.field() == TodoSort.Field.RELEVANCE ? filter.withSearch(Optional.of(SORT_SEARCH)) : filter;
    }

    /** Plans that tie and differ on priority and due: timed in two zones, all day, none. */
    private static List<Todo.Plan> plansToSort() {
        Due nine = Due.of(LocalDate.parse("2026-03-01"), LocalTime.parse("09:00"), ZoneId.of("Europe/Berlin"));
        Due allDay = Due.allDay(LocalDate.parse("2026-03-01"));
        Due early = Due.of(LocalDate.parse("2026-03-01"), LocalTime.parse("02:00"), ZoneId.of("America/New_York"));
        return List.of(new Todo.Plan(nine, Priority.HIGH, Tags.NONE), new Todo.Plan(allDay, Priority.LOW, Tags.NONE),
                new Todo.Plan(null, Priority.HIGH, Tags.NONE), new Todo.Plan(nine, Priority.NONE, Tags.NONE),
                new Todo.Plan(early, Priority.MEDIUM, Tags.NONE), new Todo.Plan(null, Priority.NONE, Tags.NONE),
                new Todo.Plan(allDay, Priority.HIGH, Tags.NONE),
                new Todo.Plan(Due.allDay(LocalDate.parse("2026-02-27")), Priority.LOW, Tags.NONE));
    }

    private static void assertMismatch(Supplier<?> useCase, long expected, long actual) {
        assertThatThrownBy(useCase::get).isInstanceOfSatisfying(VersionMismatchException.class, e -> {
            assertThat(e.expected()).as("expected version").isEqualTo(expected);
            assertThat(e.actual()).as("actual version").isEqualTo(actual);
        });
    }

    /** A client's copy of a tenant's todos, kept up to date from the change feed alone. */
    private final class Client {
        final TenantId tenant;
        final Map<TodoId, Todo> todos = new HashMap<>();
        long position;
        boolean started;

        Client(TenantId tenant) {
            this.tenant = tenant;
        }

        /** Reads every change since the last sync, in batches of at most {@code limit}. */
        void sync(int limit) {
            ChangeBatch batch;
            do {
                batch = service.changesSince(tenant, started ? OptionalLong.of(position) : OptionalLong.empty(),
                        limit);
                started = true;
                assertThat(batch.changes()).hasSizeLessThanOrEqualTo(limit);
                for (TodoChange change : batch.changes()) {
                    assertThat(change.position()).as("the position after %d", position).isGreaterThan(position);
                    position = change.position();
                    if (change instanceof TodoChange.Upserted upserted) {
                        Todo todo = upserted.todo();
                        todos.put(todo.id(), todo);
                    } else {
                        todos.remove(((TodoChange.Removed) change).id());
                    }
                }
                assertThat(batch.next()).as("where the next batch starts").isEqualTo(position);
            } while (batch.hasMore());
        }
    }

    private static Throwable catchNotFound(Supplier<?> useCase) {
        Object result;
        try {
            result = useCase.get();
        } catch (TodoNotFoundException e) {
            return e;
        }
        throw new AssertionError("expected TodoNotFoundException, got " + result);
    }

    private static TenantId tenant(String name) {
        return TenantId.of(name + "-" + TodoId.random());
    }

    private static TodoId id(String text) {
        return TodoId.parse(text);
    }
}
