package dev.todo.domain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the storage out-ports, {@link TodoRepository} and {@link UnitOfWork}: what their Javadoc promises,
 * checked against a real adapter. Extend it in the adapter's tests and return the adapter from {@link #newAdapter()}:
 *
 * <pre>{@code
 * class InMemoryTodoStoreRepositoryContractTest extends TodoRepositoryContract {
 *     @Override
 *     protected Adapter newAdapter() {
 *         return Adapter.of(new InMemoryTodoStore());
 *     }
 * }
 * }</pre>
 *
 * <p>It checks: what is stored is read back equal, to the microsecond, empty description and no description apart;
 * a tenant never finds, lists, changes or deletes another tenant's todo, and the same id in two tenants is two todos;
 * lists are ordered by creation time, then by id as {@link TodoId#compareTo} orders ids (unsigned); an update
 * replaces the whole todo only if the stored one has the expected version; a todo is never written for a tenant that
 * does not own it; a unit of work sees its own writes, keeps nothing when it throws and rethrows the very exception,
 * and other units never see what it has not kept; and {@link TodoRepository#findForUpdate} makes concurrent
 * read-change-write units apply one after another.
 *
 * <p>Each test calls the repository only inside a unit of work, and with the tenant that unit acts for. Every test acts
 * for tenants of its own (ids unique per test), so {@link #newAdapter()} may return the same store every time.
 */
public abstract class TodoRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");

    private TodoRepository repository;
    private UnitOfWork unitOfWork;

    /** Lets subclasses be instantiated by JUnit. */
    protected TodoRepositoryContract() {
    }

    /**
     * The adapter under test, asked for once before each test. It may be a new, empty store or the same store each
     * time; it must be ready for use.
     *
     * @return the adapter
     */
    protected abstract Adapter newAdapter();

    /** Asks for the adapter before each test. */
    @BeforeEach
    protected final void openAdapter() {
        Adapter adapter = newAdapter();
        assertThat(adapter).as("newAdapter()").isNotNull();
        repository = adapter.repository();
        unitOfWork = adapter.unitOfWork();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Round trip

    /** A stored todo is found equal to what was written, every field to the microsecond, however it is read. */
    @Test
    public void whatIsInsertedIsReadBackEqualToTheMicrosecond() {
        TenantId alice = tenant("alice");
        // Nanoseconds beyond the microsecond: the model truncates them, so the stored todo holds none.
        Todo todo = insert(Todo.create(TodoId.random(), alice, Title.of("Grüße 👋 — 買い物"),
                new Description("Zeile 1\nZeile 2 ✓ 🧪"), Instant.parse("2026-03-29T01:59:59.999999999Z")));

        assertThat(todo.createdAt()).isEqualTo(Instant.parse("2026-03-29T01:59:59.999999Z"));
        assertThat(read(alice, () -> repository.find(alice, todo.id()))).contains(todo);
        assertThat(write(alice, () -> repository.findForUpdate(alice, todo.id()))).contains(todo);
        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(todo);
    }

    /** Every field of a restored, changed-many-times todo survives the round trip, far from today's dates too. */
    @Test
    public void aTodoWithEveryFieldSetRoundTrips() {
        TenantId alice = tenant("alice");
        Todo before1970 = insert(Todo.restore(TodoId.random(), alice, Title.of("done long ago"),
                new Description("d"), true, Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2199-12-31T23:59:59.000001Z"), 42));
        Todo equalTimes = insert(Todo.restore(TodoId.random(), alice, Title.of("never changed"), null, false,
                T0, T0, Todo.FIRST_VERSION));

        assertThat(read(alice, () -> repository.find(alice, before1970.id()))).contains(before1970);
        assertThat(read(alice, () -> repository.find(alice, equalTimes.id()))).contains(equalTimes);
    }

    /** An empty description stays an empty description, and a todo without one stays without one. */
    @Test
    public void anEmptyDescriptionStaysEmptyAndNoneStaysNone() {
        TenantId alice = tenant("alice");
        Todo empty = insert(Todo.create(TodoId.random(), alice, Title.of("empty"), new Description(""), T0));
        Todo none = insert(Todo.create(TodoId.random(), alice, Title.of("none"), null, T0));

        assertThat(read(alice, () -> repository.find(alice, empty.id())).orElseThrow().description())
                .contains(new Description(""));
        assertThat(read(alice, () -> repository.find(alice, none.id())).orElseThrow().description()).isEmpty();
    }

    /** The longest tenant id, title and description the model accepts fit, counted in characters, not bytes. */
    @Test
    public void theLongestValuesTheModelAcceptsFit() {
        String prefix = "auth0|" + TodoId.random() + "|";
        TenantId longest = TenantId.of(prefix + "x".repeat(TenantId.MAX_LENGTH - prefix.length()));
        Todo todo = insert(Todo.create(TodoId.random(), longest, Title.of("😀".repeat(Title.MAX_LENGTH)),
                new Description("🙂".repeat(Description.MAX_LENGTH)), T0));

        assertThat(longest.value()).hasSize(TenantId.MAX_LENGTH);
        assertThat(read(longest, () -> repository.find(longest, todo.id()))).contains(todo);
    }

    /** Titles are kept exactly as given: no trimming, no normalisation, odd white space and controls included. */
    @Test
    public void titlesAreKeptExactly() {
        TenantId alice = tenant("alice");
        List<String> titles = List.of(" padded ", "v", "\u0085", "\u001c x", "\u00a0!", "e\u0301", "\u00e9",
                "😀", "tab\there", "line\nbreak", "'; DROP TABLE todo; --", "%_\\");
        for (String title : titles) {
            Todo todo = insert(Todo.create(TodoId.random(), alice, Title.of(title), null, T0));
            assertThat(read(alice, () -> repository.find(alice, todo.id())).orElseThrow().title().value())
                    .as("title %s", title.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(title);
        }
        assertThat(read(alice, () -> repository.findAll(alice))).hasSize(titles.size());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tenants

    /** Another tenant's todo is not found, not found for update, and not listed. */
    @Test
    public void anotherTenantsTodoIsInvisible() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo alices = insert(newTodo(alice, "private", T0));
        Todo bobs = insert(newTodo(bob, "bob's", T0));

        assertThat(read(bob, () -> repository.find(bob, alices.id()))).isEmpty();
        assertThat(write(bob, () -> repository.findForUpdate(bob, alices.id()))).isEmpty();
        assertThat(read(bob, () -> repository.findAll(bob))).containsExactly(bobs);
        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(alices);
    }

    /** Another tenant can neither update nor delete a todo, and the owner's todo stays as it was. */
    @Test
    public void anotherTenantCanNeitherUpdateNorDelete() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo alices = insert(newTodo(alice, "private", T0));
        Todo forged = Todo.restore(alices.id(), bob, Title.of("hijacked"), null, true, T0, T0.plusSeconds(1),
                alices.version() + 1);

        assertThat(write(bob, () -> repository.update(bob, forged, alices.version()))).isFalse();
        assertThat(write(bob, () -> repository.delete(bob, alices.id()))).isFalse();
        assertThat(read(alice, () -> repository.find(alice, alices.id()))).contains(alices);
        assertThat(read(bob, () -> repository.find(bob, alices.id()))).isEmpty();
        assertThat(read(bob, () -> repository.findAll(bob))).isEmpty();
    }

    /**
     * Another tenant's todo is as if it did not exist: the same id can be stored for a second tenant, and the two
     * todos are read, changed and deleted apart.
     */
    @Test
    public void theSameIdInTwoTenantsIsTwoTodos() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("bob");
        TodoId id = TodoId.random();
        Todo alices = insert(Todo.create(id, alice, Title.of("alice's"), null, T0));
        Todo bobs = insert(Todo.create(id, bob, Title.of("bob's"), new Description("b"), T0.plusSeconds(1)));

        assertThat(read(alice, () -> repository.find(alice, id))).contains(alices);
        assertThat(read(bob, () -> repository.find(bob, id))).contains(bobs);

        Todo bobsChanged = bobs.apply(TodoChanges.none().completed(true), T0.plusSeconds(2));
        assertThat(write(bob, () -> repository.update(bob, bobsChanged, bobs.version()))).isTrue();
        assertThat(read(alice, () -> repository.find(alice, id))).contains(alices);

        assertThat(write(alice, () -> repository.delete(alice, id))).isTrue();
        assertThat(read(alice, () -> repository.find(alice, id))).isEmpty();
        assertThat(read(bob, () -> repository.find(bob, id))).contains(bobsChanged);
        assertThat(read(bob, () -> repository.findAll(bob))).containsExactly(bobsChanged);
    }

    /** A tenant without todos lists none. */
    @Test
    public void aTenantWithoutTodosListsNone() {
        insert(newTodo(tenant("alice"), "someone else's", T0));
        TenantId carol = tenant("carol");

        assertThat(read(carol, () -> repository.findAll(carol))).isEmpty();
    }

    /** A todo of one tenant is never inserted for another: the insert is refused and nothing is stored. */
    @Test
    public void insertingAnotherTenantsTodoIsRefused() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo alices = newTodo(alice, "not bob's", T0);

        assertThatThrownBy(() -> write(bob, () -> {
            repository.insert(bob, alices);
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(read(alice, () -> repository.find(alice, alices.id()))).isEmpty();
        assertThat(read(bob, () -> repository.find(bob, alices.id()))).isEmpty();
        assertThat(read(bob, () -> repository.findAll(bob))).isEmpty();
    }

    /** A tenant cannot update its own todo with a state owned by another tenant: the update is refused. */
    @Test
    public void updatingWithAnotherTenantsTodoIsRefused() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        Todo bobs = insert(newTodo(bob, "bob's", T0));
        Todo ownedByAlice = Todo.restore(bobs.id(), alice, Title.of("moved to alice"), null, false, T0,
                T0.plusSeconds(1), bobs.version() + 1);

        assertThatThrownBy(() -> write(bob, () -> repository.update(bob, ownedByAlice, bobs.version())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(read(bob, () -> repository.find(bob, bobs.id()))).contains(bobs);
        assertThat(read(alice, () -> repository.find(alice, bobs.id()))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Order

    /**
     * A tenant's todos are listed oldest first, and todos created at the same microsecond by id, compared as
     * {@link TodoId#compareTo} does: unsigned, byte by byte, not as {@link java.util.UUID#compareTo} does.
     */
    @Test
    public void todosAreListedByCreationTimeThenByUnsignedId() {
        TenantId carol = tenant("carol");
        Instant later = T0.plusSeconds(1);
        // Inserted in scrambled order. The ids straddle the sign bit of both halves of the UUID, where a signed
        // comparison puts 8… before 7….
        Todo late = insert(Todo.create(id("00000000-0000-4000-8000-000000000000"), carol, Title.of("late"), null,
                later));
        Todo high = insert(Todo.create(id("ffffffff-ffff-4fff-bfff-ffffffffffff"), carol, Title.of("high"), null, T0));
        Todo signHigh = insert(Todo.create(id("80000000-0000-4000-8000-000000000000"), carol, Title.of("8"), null,
                T0));
        Todo lowHalfSign = insert(Todo.create(id("12345678-1234-4234-8000-000000000000"), carol, Title.of("lo 8"),
                null, T0));
        Todo signLow = insert(Todo.create(id("7fffffff-ffff-4fff-bfff-ffffffffffff"), carol, Title.of("7"), null,
                T0));
        Todo lowHalfNoSign = insert(Todo.create(id("12345678-1234-4234-7fff-ffffffffffff"), carol,
                Title.of("lo 7"), null, T0));
        Todo low = insert(Todo.create(id("00000000-0000-4000-8000-000000000001"), carol, Title.of("low"), null, T0));
        Todo earliest = insert(Todo.create(id("ffffffff-ffff-4fff-bfff-fffffffffffe"), carol, Title.of("earliest"),
                null, T0.minus(1, ChronoUnit.MICROS)));
        insert(newTodo(tenant("dave"), "dave's", T0));

        List<Todo> listed = read(carol, () -> repository.findAll(carol));

        assertThat(listed).containsExactly(earliest, low, lowHalfNoSign, lowHalfSign, signLow, signHigh, high, late);
        assertThat(listed).isSortedAccordingTo(Todo.CREATION_ORDER);
    }

    /** A change does not move a todo in the list: creation time decides, not the last change. */
    @Test
    public void aChangeKeepsATodosPlaceInTheList() {
        TenantId alice = tenant("alice");
        Todo first = insert(newTodo(alice, "first", T0));
        Todo second = insert(newTodo(alice, "second", T0.plusSeconds(1)));
        Todo changed = first.apply(TodoChanges.none().title(Title.of("first, changed")), T0.plusSeconds(60));

        assertThat(write(alice, () -> repository.update(alice, changed, first.version()))).isTrue();
        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(changed, second);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Update and delete

    /** An update with the stored version replaces every field; it is read back equal to the new state. */
    @Test
    public void anUpdateWithTheExpectedVersionReplacesTheTodo() {
        TenantId alice = tenant("alice");
        Todo v1 = insert(Todo.create(TodoId.random(), alice, Title.of("v1"), new Description("d1"), T0));
        Todo v2 = v1.apply(TodoChanges.none().title(Title.of("v2")).clearDescription().completed(true),
                T0.plusMillis(1500).plusNanos(1000));

        assertThat(write(alice, () -> repository.update(alice, v2, v1.version()))).isTrue();
        Todo stored = read(alice, () -> repository.find(alice, v1.id())).orElseThrow();
        assertThat(stored).isEqualTo(v2);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.description()).isEmpty();
        assertThat(stored.createdAt()).isEqualTo(v1.createdAt());
        assertThat(stored.updatedAt()).isEqualTo(T0.plusMillis(1500).plusNanos(1000));
    }

    /** An update whose expected version is not the stored one, older or newer, returns false and changes nothing. */
    @Test
    public void anUpdateWithAnotherVersionChangesNothing() {
        TenantId alice = tenant("alice");
        Todo v1 = insert(newTodo(alice, "v1", T0));
        Todo v2 = v1.apply(TodoChanges.none().title(Title.of("v2")), T0.plusSeconds(1));
        assertThat(write(alice, () -> repository.update(alice, v2, v1.version()))).isTrue();

        Todo stale = v1.apply(TodoChanges.none().title(Title.of("stale")), T0.plusSeconds(2));
        assertThat(write(alice, () -> repository.update(alice, stale, v1.version()))).isFalse();
        Todo ahead = v2.apply(TodoChanges.none().title(Title.of("ahead")), T0.plusSeconds(3));
        assertThat(write(alice, () -> repository.update(alice, ahead, v2.version() + 1))).isFalse();

        assertThat(read(alice, () -> repository.find(alice, v1.id()))).contains(v2);
    }

    /** Successive updates each expect the version the one before stored. */
    @Test
    public void successiveUpdatesEachExpectThePreviousVersion() {
        TenantId alice = tenant("alice");
        Todo current = insert(newTodo(alice, "v1", T0));
        for (int i = 2; i <= 5; i++) {
            Todo previous = current;
            Todo next = previous.apply(TodoChanges.none().title(Title.of("v" + i)), T0.plusSeconds(i));
            assertThat(write(alice, () -> repository.update(alice, next, previous.version()))).as("update to v%d", i)
                    .isTrue();
            current = next;
        }
        Todo last = current;

        assertThat(read(alice, () -> repository.find(alice, last.id()))).contains(last);
        assertThat(last.version()).isEqualTo(5);
    }

    /** Updating a todo the tenant does not have returns false and stores nothing. */
    @Test
    public void anUpdateOfAnUnknownTodoStoresNothing() {
        TenantId alice = tenant("alice");
        Todo neverInserted = newTodo(alice, "ghost", T0);

        assertThat(write(alice, () -> repository.update(alice, neverInserted, neverInserted.version()))).isFalse();
        assertThat(read(alice, () -> repository.find(alice, neverInserted.id()))).isEmpty();
        assertThat(read(alice, () -> repository.findAll(alice))).isEmpty();
    }

    /** An update sets, empties and removes the description, each read back as it was written. */
    @Test
    public void anUpdateSetsEmptiesAndRemovesTheDescription() {
        TenantId alice = tenant("alice");
        Todo none = insert(newTodo(alice, "described later", T0));
        Todo empty = none.apply(TodoChanges.none().description(new Description("")), T0.plusSeconds(1));
        Todo text = empty.apply(TodoChanges.none().description(new Description("text")), T0.plusSeconds(2));
        Todo removed = text.apply(TodoChanges.none().clearDescription(), T0.plusSeconds(3));

        for (Todo[] step : new Todo[][] {{none, empty}, {empty, text}, {text, removed}}) {
            assertThat(write(alice, () -> repository.update(alice, step[1], step[0].version()))).isTrue();
            assertThat(read(alice, () -> repository.find(alice, none.id()))).contains(step[1]);
        }
    }

    /** A delete removes the todo once, and only that todo. */
    @Test
    public void aDeleteRemovesTheTodoOnce() {
        TenantId alice = tenant("alice");
        Todo doomed = insert(newTodo(alice, "to delete", T0));
        Todo kept = insert(newTodo(alice, "to keep", T0.plusSeconds(1)));

        assertThat(write(alice, () -> repository.delete(alice, doomed.id()))).isTrue();
        assertThat(write(alice, () -> repository.delete(alice, doomed.id()))).isFalse();
        assertThat(read(alice, () -> repository.find(alice, doomed.id()))).isEmpty();
        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(kept);
        Todo changed = doomed.apply(TodoChanges.none().completed(true), T0.plusSeconds(2));
        assertThat(write(alice, () -> repository.update(alice, changed, doomed.version()))).isFalse();
    }

    /** Deleting an id the tenant never had returns false. */
    @Test
    public void aDeleteOfAnUnknownIdReturnsFalse() {
        TenantId alice = tenant("alice");
        Todo kept = insert(newTodo(alice, "kept", T0));

        assertThat(write(alice, () -> repository.delete(alice, TodoId.random()))).isFalse();
        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(kept);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Units of work

    /** A unit of work returns what its work returns. */
    @Test
    public void aUnitOfWorkReturnsWhatItsWorkReturns() {
        TenantId alice = tenant("alice");
        Object result = new Object();

        assertThat(unitOfWork.execute(alice, Intent.READ, () -> result)).isSameAs(result);
        assertThat(unitOfWork.execute(alice, Intent.WRITE, () -> result)).isSameAs(result);
        assertThat(unitOfWork.<Object>execute(alice, Intent.READ, () -> null)).isNull();
    }

    /** Inside one unit of work, each read sees the writes made before it in the same unit. */
    @Test
    public void aUnitOfWorkSeesItsOwnWrites() {
        TenantId alice = tenant("alice");
        Todo todo = newTodo(alice, "seen", T0);
        Todo changed = todo.apply(TodoChanges.none().completed(true), T0.plusSeconds(1));

        List<Object> seen = write(alice, () -> {
            List<Object> steps = new ArrayList<>();
            repository.insert(alice, todo);
            steps.add(repository.find(alice, todo.id()));
            steps.add(repository.findAll(alice));
            steps.add(repository.update(alice, changed, todo.version()));
            steps.add(repository.findForUpdate(alice, todo.id()));
            steps.add(repository.delete(alice, todo.id()));
            steps.add(repository.find(alice, todo.id()));
            return steps;
        });

        assertThat(seen).containsExactly(Optional.of(todo), List.of(todo), true, Optional.of(changed), true,
                Optional.empty());
        assertThat(read(alice, () -> repository.find(alice, todo.id()))).isEmpty();
    }

    /**
     * When the work throws, nothing it wrote is kept (inserts, updates and deletes alike), what earlier units
     * wrote stays, and the very exception it threw comes out.
     */
    @Test
    public void aUnitOfWorkThatThrowsKeepsNothing() {
        TenantId alice = tenant("alice");
        Todo kept = insert(newTodo(alice, "changed, then rolled back", T0));
        Todo survivor = insert(newTodo(alice, "deleted, then rolled back", T0.plusSeconds(1)));
        Todo added = newTodo(alice, "inserted, then rolled back", T0.plusSeconds(2));
        RuntimeException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> write(alice, () -> {
            repository.insert(alice, added);
            repository.update(alice, kept.apply(TodoChanges.none().completed(true), T0.plusSeconds(3)),
                    kept.version());
            repository.delete(alice, survivor.id());
            throw failure;
        })).isSameAs(failure);

        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(kept, survivor);
    }

    /** An {@link Error} thrown by the work rolls it back too, and comes out unchanged. */
    @Test
    public void aUnitOfWorkThatThrowsAnErrorKeepsNothing() {
        TenantId alice = tenant("alice");
        Todo added = newTodo(alice, "inserted, then rolled back", T0);
        Error failure = new AssertionError("an error, not an exception");

        assertThatThrownBy(() -> write(alice, () -> {
            repository.insert(alice, added);
            throw failure;
        })).isSameAs(failure);

        assertThat(read(alice, () -> repository.findAll(alice))).isEmpty();
    }

    /**
     * Another unit of work never sees what a unit has written and not kept: a reader that runs while a writer is
     * still open, and that the writer then rolls back, sees none of its writes.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void anotherUnitOfWorkNeverSeesWritesThatAreNotKept() throws Exception {
        TenantId alice = tenant("alice");
        Todo kept = insert(newTodo(alice, "committed", T0));
        Todo dirty = newTodo(alice, "never committed", T0.plusSeconds(1));
        RuntimeException rollback = new IllegalStateException("roll back");
        List<Threads.Started<List<Todo>>> reader = new ArrayList<>();

        assertThatThrownBy(() -> write(alice, () -> {
            repository.insert(alice, dirty);
            repository.delete(alice, kept.id());
            // The reader runs now, while this unit is open: it either reads what was there before, or waits.
            Threads.Started<List<Todo>> started = Threads.start("contract-reader",
                    () -> read(alice, () -> repository.findAll(alice)));
            reader.add(started);
            started.awaitDoneOrWaiting();
            throw rollback;
        })).isSameAs(rollback);

        assertThat(reader.get(0).result()).containsExactly(kept);
        assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(kept);
    }

    /**
     * Units of work that each read a todo with {@link TodoRepository#findForUpdate}, change it and update it with the
     * version they read, all at once: they apply one after another, so each update finds the version it expects and
     * none is lost.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void concurrentChangesThroughFindForUpdateApplyOneAfterAnother() throws Exception {
        TenantId alice = tenant("alice");
        Todo todo = insert(newTodo(alice, "contended", T0));
        int writers = 8;
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String title = "writer " + i;
            tasks.add(() -> write(alice, () -> {
                Todo current = repository.findForUpdate(alice, todo.id()).orElseThrow();
                // A second read widens the window in which an adapter that does not hold the todo would let another
                // unit in.
                repository.findAll(alice);
                Todo changed = current.apply(TodoChanges.none().title(Title.of(title)), current.updatedAt());
                if (!repository.update(alice, changed, current.version())) {
                    throw new AssertionError("version " + current.version() + " changed while it was held");
                }
                return changed.version();
            }));
        }

        List<Long> versions = Threads.runTogether(tasks);

        assertThat(versions).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(2, writers + 1).boxed().toList());
        Todo last = read(alice, () -> repository.find(alice, todo.id())).orElseThrow();
        assertThat(last.version()).isEqualTo(writers + 1);
        assertThat(last.updatedAt()).isEqualTo(todo.updatedAt().plus(writers, ChronoUnit.MICROS));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TenantId tenant(String name) {
        return TenantId.of(name + "-" + TodoId.random());
    }

    private static TodoId id(String text) {
        return TodoId.parse(text);
    }

    private static Todo newTodo(TenantId tenant, String title, Instant at) {
        return Todo.create(TodoId.random(), tenant, Title.of(title), null, at);
    }

    private <T> T write(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.WRITE, work);
    }

    private <T> T read(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.READ, work);
    }

    private Todo insert(Todo todo) {
        write(todo.owner(), () -> {
            repository.insert(todo.owner(), todo);
            return null;
        });
        return todo;
    }
}
