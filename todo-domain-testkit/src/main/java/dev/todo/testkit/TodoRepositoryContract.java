package dev.todo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.TodoRepository.Changed;
import dev.todo.domain.port.out.TodoRepository.Edit;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
 * <p>Its nested classes check one capability each: round trips to the microsecond, tenant isolation, the order of
 * lists, conditional changes and deletes, changes on their own (each answers the todo it applied to and stores what it
 * answers, writes nothing when it must not, and concurrent ones each apply to the latest todo), units of work (own
 * writes seen, nothing kept on a throw, others isolated, nesting), the quota under races, queries and paging, the change feed and forgetting tombstones; a todo's plan (due,
 * priority, tags) stored and changed, filters by it, search, orders by it and by relevance, and tag counts; a todo's
 * recurrence, position, parent and next occurrence stored and changed, the order by position (code point by code
 * point), the parent filter, deleting subtasks and the subtasks of completed todos, and {@code holdWrites}. Every test
 * acts for tenants of its own, so {@link #newAdapter()} may return the same store every time.
 */
public abstract class TodoRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");
    /** A limit no test reaches. */
    private static final int UNLIMITED = Integer.MAX_VALUE;

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

    /** What is stored is read back equal. */
    @Nested
    class RoundTrip {

        /** A stored todo is found equal to what was written, every field to the microsecond, however it is read. */
        @Test
        public void whatIsInsertedIsReadBackEqualToTheMicrosecond() {
            TenantId alice = tenant("alice");
            // Nanoseconds beyond the microsecond: the model truncates them, so the stored todo holds none.
            Todo todo = insert(Todo.create(TodoId.random(), alice, Title.of("Grüße 👋 — 買い物"),
                    new Description("Zeile 1\nZeile 2 ✓ 🧪"), Instant.parse("2026-03-29T01:59:59.999999999Z")));

            assertThat(todo.createdAt()).isEqualTo(Instant.parse("2026-03-29T01:59:59.999999Z"));
            assertThat(read(alice, () -> repository.find(alice, todo.id()))).contains(todo);
            assertThat(write(alice, () -> repository.find(alice, todo.id()))).contains(todo);
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

        /** Titles are kept exactly as given: no trimming, no normalisation, odd white space and controls included
         * (which new titles may no longer hold, but titles stored before that rule do). */
        @Test
        public void titlesAreKeptExactly() {
            TenantId alice = tenant("alice");
            List<String> titles = List.of(" padded ", "v", "\u0085", "\u001c x", "\u00a0!", "e\u0301", "\u00e9",
                    "😀", "tab\there", "line\nbreak", "'; DROP TABLE todo; --", "%_\\");
            for (String title : titles) {
                Todo todo = insert(Todo.create(TodoId.random(), alice, Title.stored(title), null, T0));
                assertThat(read(alice, () -> repository.find(alice, todo.id())).orElseThrow().title().value())
                        .as("title %s", title.codePoints().mapToObj(Integer::toHexString).toList())
                        .isEqualTo(title);
            }
            assertThat(read(alice, () -> repository.findAll(alice))).hasSize(titles.size());
        }
    }

    /** A tenant never sees or touches another tenant's todos. */
    @Nested
    class Tenants {

        /** Another tenant's todo is not found, not found to change, and not listed. */
        @Test
        public void anotherTenantsTodoIsInvisible() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            Todo alices = insert(newTodo(alice, "private", T0));
            Todo bobs = insert(newTodo(bob, "bob's", T0));

            assertThat(read(bob, () -> repository.find(bob, alices.id()))).isEmpty();
            assertThat(repository.change(bob, alices.id(), OptionalLong.empty(), Edit.flip(), T0)).isEmpty();
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

            assertThat(write(bob, () -> update(bob, forged, alices.version()))).isFalse();
            assertThat(write(bob, () -> delete(bob, alices.id(), T0))).isFalse();
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
            assertThat(write(bob, () -> update(bob, bobsChanged, bobs.version()))).isTrue();
            assertThat(read(alice, () -> repository.find(alice, id))).contains(alices);

            assertThat(write(alice, () -> delete(alice, id, T0))).isTrue();
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
                repository.insert(bob, alices, UNLIMITED);
                return null;
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(read(alice, () -> repository.find(alice, alices.id()))).isEmpty();
            assertThat(read(bob, () -> repository.find(bob, alices.id()))).isEmpty();
            assertThat(read(bob, () -> repository.findAll(bob))).isEmpty();
        }

        /** A change names the todo by the acting tenant and its id: another tenant's id changes nothing. */
        @Test
        public void updatingWithAnotherTenantsTodoIsRefused() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            Todo alices = insert(newTodo(alice, "alice's", T0));

            assertThat(write(bob, () -> repository.change(bob, alices.id(), OptionalLong.empty(),
                    Edit.of(TodoChanges.none().title(Title.of("moved to bob"))), T0.plusSeconds(1)))).isEmpty();
            assertThat(read(alice, () -> repository.find(alice, alices.id()))).contains(alices);
            assertThat(read(bob, () -> repository.find(bob, alices.id()))).isEmpty();
        }
    }

    /** The order of a tenant's list. */
    @Nested
    class Order {

        /**
         * A tenant's todos are listed oldest first, and todos created at the same microsecond by id, compared as
         * {@link TodoId#compareTo} does: unsigned, byte by byte, not as {@link java.util.UUID#compareTo} does.
         */
        @Test
        public void todosAreListedByCreationTimeThenByUnsignedId() {
            TenantId carol = tenant("carol");
            Instant later = T0.plusSeconds(1);
            // Inserted in scrambled order. The ids straddle the sign bit of both halves of the UUID, where a signed
            // comparison puts 8… before 7…. Their last 32 bits differ where they are created at once, so that their
            // order keys (OrderKey.forNew) differ too, as a tenant's keys must.
            Todo late = insert(Todo.create(id("00000000-0000-4000-8000-000000000000"), carol, Title.of("late"), null,
                    later));
            Todo high = insert(Todo.create(id("ffffffff-ffff-4fff-bfff-fffffffffffd"), carol, Title.of("high"), null, T0));
            Todo signHigh = insert(Todo.create(id("80000000-0000-4000-8000-000000000000"), carol, Title.of("8"), null,
                    T0));
            Todo lowHalfSign = insert(Todo.create(id("12345678-1234-4234-8000-000000000002"), carol, Title.of("lo 8"),
                    null, T0));
            Todo signLow = insert(Todo.create(id("7fffffff-ffff-4fff-bfff-fffffffffffc"), carol, Title.of("7"), null,
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

            assertThat(write(alice, () -> update(alice, changed, first.version()))).isTrue();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(changed, second);
        }
    }

    /** Conditional changes and deletes. */
    @Nested
    class ChangeAndDelete {

        /** An update with the stored version replaces every field; it is read back equal to the new state. */
        @Test
        public void anUpdateWithTheExpectedVersionReplacesTheTodo() {
            TenantId alice = tenant("alice");
            Todo v1 = insert(Todo.create(TodoId.random(), alice, Title.of("v1"), new Description("d1"), T0));
            Todo v2 = v1.apply(TodoChanges.none().title(Title.of("v2")).clearDescription().completed(true),
                    T0.plusMillis(1500).plusNanos(1000));

            assertThat(write(alice, () -> update(alice, v2, v1.version()))).isTrue();
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
            assertThat(write(alice, () -> update(alice, v2, v1.version()))).isTrue();

            Todo stale = v1.apply(TodoChanges.none().title(Title.of("stale")), T0.plusSeconds(2));
            assertThat(write(alice, () -> update(alice, stale, v1.version()))).isFalse();
            Todo ahead = v2.apply(TodoChanges.none().title(Title.of("ahead")), T0.plusSeconds(3));
            assertThat(write(alice, () -> update(alice, ahead, v2.version() + 1))).isFalse();

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
                assertThat(write(alice, () -> update(alice, next, previous.version()))).as("update to v%d", i)
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

            assertThat(write(alice, () -> update(alice, neverInserted, neverInserted.version()))).isFalse();
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
                assertThat(write(alice, () -> update(alice, step[1], step[0].version()))).isTrue();
                assertThat(read(alice, () -> repository.find(alice, none.id()))).contains(step[1]);
            }
        }

        /** A delete removes the todo once, and only that todo. */
        @Test
        public void aDeleteRemovesTheTodoOnce() {
            TenantId alice = tenant("alice");
            Todo doomed = insert(newTodo(alice, "to delete", T0));
            Todo kept = insert(newTodo(alice, "to keep", T0.plusSeconds(1)));

            assertThat(write(alice, () -> delete(alice, doomed.id(), T0))).isTrue();
            assertThat(write(alice, () -> delete(alice, doomed.id(), T0))).isFalse();
            assertThat(read(alice, () -> repository.find(alice, doomed.id()))).isEmpty();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(kept);
            Todo changed = doomed.apply(TodoChanges.none().completed(true), T0.plusSeconds(2));
            assertThat(write(alice, () -> update(alice, changed, doomed.version()))).isFalse();
        }

        /**
         * A delete that expects another version, older or newer, deletes nothing and leaves no tombstone; one that
         * expects the todo's version deletes it.
         */
        @Test
        public void aDeleteThatExpectsAnotherVersionDeletesNothing() {
            TenantId alice = tenant("alice");
            Todo v1 = insert(newTodo(alice, "v1", T0));
            Todo v2 = changed(alice, v1, TodoChanges.none().title(Title.of("v2")), T0.plusSeconds(1));
            long last = lastPosition(alice);
            Instant at = T0.plusSeconds(2);

            for (long version : new long[] {v1.version(), v2.version() + 1}) {
                assertThat(write(alice, () -> repository.delete(alice, v1.id(), OptionalLong.of(version), at)))
                        .as("a delete expecting version %d", version).isFalse();
            }
            assertThat(read(alice, () -> repository.find(alice, v1.id()))).contains(v2);
            assertThat(read(alice, () -> repository.changesSince(alice, last, 10))).isEmpty();

            assertThat(write(alice, () -> repository.delete(alice, v1.id(), OptionalLong.of(v2.version()), at)))
                    .isTrue();
            assertThat(read(alice, () -> repository.find(alice, v1.id()))).isEmpty();
            feedEndsWith(alice, last, removed(v1.id(), at));
        }

        /** Deleting an id the tenant never had returns false. */
        @Test
        public void aDeleteOfAnUnknownIdReturnsFalse() {
            TenantId alice = tenant("alice");
            Todo kept = insert(newTodo(alice, "kept", T0));

            assertThat(write(alice, () -> delete(alice, TodoId.random(), T0))).isFalse();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(kept);
        }
    }

    /**
     * Changes outside a unit of work, as the service makes them: each atomic on its own, however the adapter makes it
     * (one statement, ADR 0042), and what each answers is what it stored.
     */
    @Nested
    class ChangesOnTheirOwn {

        /**
         * Every kind of edit of the completion, the priority and the due (set, flipped, cleared, together, with a text
         * change, at a clock behind the todo's last change and to the nanosecond), with and without the expected
         * version, answers the todo it applied to and {@link Edit#applyTo} of it, stores exactly that, and puts it
         * last in the feed.
         */
        @Test
        public void anEditAnswersTheTodoItAppliedToAndStoresWhatItAnswers() {
            TenantId alice = tenant("alice");
            Todo todo = insert(planned(alice, "changed alone", new Todo.Plan(null, Priority.LOW, tags("home"))));
            List<Edit> edits = List.of(
                    Edit.of(TodoChanges.none().completed(true)),
                    Edit.of(TodoChanges.none().completed(true)),
                    Edit.flip(),
                    Edit.completing(Edit.flip(), null),
                    Edit.completing(Edit.of(TodoChanges.none().completed(false).priority(Priority.HIGH)), null),
                    Edit.of(TodoChanges.none().priority(Priority.NONE)),
                    Edit.of(TodoChanges.none().due(timed("2026-12-24", "17:30", "Europe/Berlin"))),
                    Edit.of(TodoChanges.none().due(Due.allDay(LocalDate.parse("2026-12-24"))).priority(Priority.MEDIUM)
                            .completed(true)),
                    Edit.of(TodoChanges.none().due(null)),
                    Edit.of(TodoChanges.none().title(Title.of("renamed")).completed(false)),
                    Edit.completing(Edit.of(TodoChanges.none().completed(true)), TodoId.random()));
            Todo current = todo;
            long position = lastPosition(alice);
            for (int i = 0; i < edits.size(); i++) {
                Edit edit = edits.get(i);
                Instant at = i % 2 == 0 ? current.updatedAt().minusSeconds(1)
                        : current.updatedAt().plusMillis(1).plusNanos(999);
                OptionalLong expected = i % 3 == 0 ? OptionalLong.empty() : OptionalLong.of(current.version());

                Changed changed = repository.change(alice, todo.id(), expected, edit, at).orElseThrow();

                assertThat(changed.before()).as("%s: before", edit).isEqualTo(current);
                assertThat(changed.after()).as("%s: after", edit).isEqualTo(edit.applyTo(current, at));
                assertThat(read(alice, () -> repository.find(alice, todo.id()))).as("%s: stored", edit)
                        .contains(changed.after());
                position = feedEndsWith(alice, position, upserted(changed.after()));
                current = changed.after();
            }
            assertThat(current.version()).isEqualTo(todo.version() + edits.size());
        }

        /**
         * An edit that changes nothing answers the todo as it is; one that expects another version, older or newer,
         * one of a todo the tenant does not have, and one of another tenant's todo answer nothing; a completion of a
         * recurring todo that would make its next occurrence, with no id for it, changes nothing. None writes.
         */
        @Test
        public void anEditThatMustNotWriteWritesNothing() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("bob");
            Todo todo = insert(planned(alice, "unchanged", Todo.Plan.NONE));
            Todo recurring = insert(planned(alice, "recurring", new Todo.Plan(Due.allDay(LocalDate.parse("2026-02-02")),
                    Priority.NONE, Tags.NONE, Recurrence.parse("FREQ=DAILY"))));
            long last = lastPosition(alice);
            Instant at = T0.plusSeconds(5);
            Edit complete = Edit.of(TodoChanges.none().completed(true));

            Changed none = repository.change(alice, todo.id(), OptionalLong.of(todo.version()),
                    Edit.of(TodoChanges.none()), at).orElseThrow();
            assertThat(none.before()).isEqualTo(todo);
            assertThat(none.after()).isEqualTo(todo);
            for (Edit edit : List.of(complete, Edit.flip(), Edit.of(TodoChanges.none().priority(Priority.HIGH)))) {
                for (long version : new long[] {todo.version() - 1, todo.version() + 1}) {
                    assertThat(repository.change(alice, todo.id(), OptionalLong.of(version), edit, at))
                            .as("%s expecting version %d", edit, version).isEmpty();
                }
                assertThat(repository.change(alice, TodoId.random(), OptionalLong.empty(), edit, at)).isEmpty();
                assertThat(repository.change(bob, todo.id(), OptionalLong.empty(), edit, at)).isEmpty();
            }
            for (Edit edit : List.of(Edit.completing(complete, null), Edit.completing(Edit.flip(), null))) {
                Changed unchanged = repository.change(alice, recurring.id(), OptionalLong.of(recurring.version()),
                        edit, at).orElseThrow();
                assertThat(unchanged.before()).as("%s", edit).isEqualTo(recurring);
                assertThat(unchanged.after()).as("%s", edit).isEqualTo(recurring);
            }

            assertThat(read(alice, () -> repository.findAll(alice))).containsExactlyInAnyOrder(todo, recurring);
            assertThat(read(alice, () -> repository.changesSince(alice, last, 10))).isEmpty();
            assertThat(read(bob, () -> repository.findAll(bob))).isEmpty();
        }

        /**
         * Writers at once, each changing one todo several times outside a unit of work (flipping, setting the
         * completion or the priority), half of them then expecting the version they read: the changes answered, in the
         * order of their versions, each applied to the one before (none answers a stale todo before, none is lost),
         * and the todo is the last one's, once in the feed.
         *
         * @throws Exception if a thread fails or hangs
         */
        @Test
        public void concurrentEditsEachApplyToTheLatestTodo() throws Exception {
            TenantId alice = tenant("alice");
            Todo todo = insert(newTodo(alice, "contended", T0));
            long start = lastPosition(alice);
            int writers = 8;
            int rounds = 5;
            List<Callable<List<Changed>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(() -> {
                    List<Changed> answered = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        Edit edit = switch ((writer + round) % 4) {
                            case 0 -> Edit.completing(Edit.flip(), null);
                            case 1 -> Edit.of(TodoChanges.none().completed(round % 2 == 0));
                            case 2 -> Edit.of(TodoChanges.none().priority(round % 2 == 0 ? Priority.HIGH : Priority.LOW));
                            default -> Edit.flip();
                        };
                        // Every writer's first change expects no version: the first changes all meet one todo.
                        OptionalLong expected = writer % 2 == 0 || round == 0 ? OptionalLong.empty()
                                : OptionalLong.of(read(alice, () -> repository.find(alice, todo.id())).orElseThrow()
                                        .version());
                        repository.change(alice, todo.id(), expected, edit, T0).ifPresent(answered::add);
                    }
                    return answered;
                });
            }

            List<Changed> answered = Threads.runTogether(tasks).stream().flatMap(List::stream)
                    .sorted(Comparator.comparingLong(changed -> changed.after().version())).toList();

            assertThat(answered).as("at least every change without a version")
                    .hasSizeGreaterThanOrEqualTo(writers / 2 * rounds);
            Todo previous = todo;
            for (Changed changed : answered) {
                assertThat(changed.before()).as("before of version %d", changed.after().version())
                        .isEqualTo(previous);
                assertThat(changed.after().version()).isEqualTo(previous.version() + 1);
                assertThat(changed.after().updatedAt()).isEqualTo(previous.updatedAt().plus(1, ChronoUnit.MICROS));
                previous = changed.after();
            }
            assertThat(read(alice, () -> repository.find(alice, todo.id()))).contains(previous);
            List<TodoChange> feed = read(alice, () -> repository.changesSince(alice, start, 100));
            assertPositionsIncrease(feed);
            assertThat(feed).extracting(TodoRepositoryContract::todoOf).containsExactly(previous);
        }
    }

    /** Units of work: all or nothing, isolated. */
    @Nested
    class UnitsOfWork {

        /** A unit of work returns what its work returns. */
        @Test
        public void aUnitOfWorkReturnsWhatItsWorkReturns() {
            TenantId alice = tenant("alice");
            Object result = new Object();

            assertThat(unitOfWork.execute(alice, Intent.READ, () -> result)).isSameAs(result);
            assertThat(unitOfWork.execute(alice, Intent.WRITE, () -> result)).isSameAs(result);
            assertThat(unitOfWork.<Object>execute(alice, Intent.READ, () -> null)).isNull();
        }

        /**
         * Outside a unit of work, an insert and a change are each a unit of work of their own: kept, visible to the units
         * after them; a refused insert (the quota) or a change of a moved-on version leaves nothing behind.
         */
        @Test
        public void anInsertOrAChangeOutsideAUnitOfWorkIsOneOfItsOwn() {
            TenantId alice = tenant("alice");
            Todo first = newTodo(alice, "first", T0);
            Todo second = newTodo(alice, "second", T0.plusSeconds(1));

            assertThat(repository.insert(alice, first, 1)).isTrue();
            assertThat(repository.insert(alice, second, 1)).isFalse();
            TodoChanges done = TodoChanges.none().completed(true);
            Todo changed = first.apply(done, T0.plusSeconds(2));
            assertThat(repository.change(alice, first.id(), OptionalLong.of(first.version()), Edit.of(done),
                    T0.plusSeconds(2))).contains(new Changed(first, changed));
            assertThat(repository.change(alice, first.id(), OptionalLong.of(first.version()), Edit.of(done),
                    T0.plusSeconds(2))).as("the version moved on").isEmpty();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(changed);
        }

        /** Inside one unit of work, each read sees the writes made before it in the same unit. */
        @Test
        public void aUnitOfWorkSeesItsOwnWrites() {
            TenantId alice = tenant("alice");
            Todo todo = newTodo(alice, "seen", T0);
            Todo changed = todo.apply(TodoChanges.none().completed(true), T0.plusSeconds(1));

            List<Object> seen = write(alice, () -> {
                List<Object> steps = new ArrayList<>();
                repository.insert(alice, todo, UNLIMITED);
                steps.add(repository.find(alice, todo.id()));
                steps.add(repository.findAll(alice));
                steps.add(update(alice, changed, todo.version()));
                steps.add(repository.find(alice, todo.id()));
                steps.add(delete(alice, todo.id(), T0));
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
                repository.insert(alice, added, UNLIMITED);
                update(alice, kept.apply(TodoChanges.none().completed(true), T0.plusSeconds(3)),
                        kept.version());
                delete(alice, survivor.id(), T0);
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
                repository.insert(alice, added, UNLIMITED);
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
                repository.insert(alice, dirty, UNLIMITED);
                delete(alice, kept.id(), T0);
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
         * Changes of one todo, all at once, each outside a unit of work: they apply one after another, each to the
         * latest state, so each takes the next version and none is lost.
         *
         * @throws Exception if a thread fails or hangs
         */
        @Test
        public void concurrentChangesApplyOneAfterAnother() throws Exception {
            TenantId alice = tenant("alice");
            Todo todo = insert(newTodo(alice, "contended", T0));
            int writers = 8;
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Edit edit = Edit.of(TodoChanges.none().title(Title.of("writer " + i)));
                tasks.add(() -> repository.change(alice, todo.id(), OptionalLong.empty(), edit, todo.updatedAt())
                        .orElseThrow().after().version());
            }

            List<Long> versions = Threads.runTogether(tasks);

            assertThat(versions).containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(2, writers + 1).boxed().toList());
            Todo last = read(alice, () -> repository.find(alice, todo.id())).orElseThrow();
            assertThat(last.version()).isEqualTo(writers + 1);
            assertThat(last.updatedAt()).isEqualTo(todo.updatedAt().plus(writers, ChronoUnit.MICROS));
        }
    }

    /** Units of work inside units of work. */
    @Nested
    class NestedUnitsOfWork {

        /**
         * A unit of work started inside another for the same tenant joins it: each sees what the other wrote, and what the
         * inner one wrote is kept or undone with the outer one, whatever the inner one's intent.
         */
        @Test
        public void aUnitOfWorkStartedInsideAnotherForTheSameTenantJoinsIt() {
            TenantId alice = tenant("alice");
            Todo before = insert(newTodo(alice, "there before", T0));
            Todo outer = newTodo(alice, "outer", T0.plusSeconds(1));
            Todo inner = newTodo(alice, "inner", T0.plusSeconds(2));
            List<TodoChange> feedBefore = feed(alice);
            RuntimeException failure = new IllegalStateException("undo the outer unit and the inner one");
            List<List<Todo>> seen = new ArrayList<>();

            assertThatThrownBy(() -> write(alice, () -> {
                repository.insert(alice, outer, UNLIMITED);
                seen.add(write(alice, () -> {
                    List<Todo> outerWrites = repository.findAll(alice);
                    repository.insert(alice, inner, UNLIMITED);
                    delete(alice, before.id(), T0.plusSeconds(3));
                    return outerWrites;
                }));
                seen.add(read(alice, () -> repository.findAll(alice)));
                seen.add(repository.findAll(alice));
                throw failure;
            })).isSameAs(failure);

            assertThat(seen).containsExactly(List.of(before, outer), List.of(outer, inner), List.of(outer, inner));
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(before);
            assertThat(feed(alice)).isEqualTo(feedBefore);

            write(alice, () -> {
                repository.insert(alice, outer, UNLIMITED);
                return write(alice, () -> repository.insert(alice, inner, UNLIMITED));
            });
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(before, outer, inner);
        }

        /**
         * A unit of work for another tenant cannot start inside one, for reading or writing: it is refused with
         * {@link IllegalStateException} before its work runs, and the outer unit, which caught the refusal, goes on and
         * keeps what it wrote.
         */
        @Test
        public void aUnitOfWorkForAnotherTenantIsRefusedInsideOne() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            Todo alices = newTodo(alice, "alice's", T0);
            List<Intent> ran = new ArrayList<>();

            List<Throwable> refusals = write(alice, () -> {
                repository.insert(alice, alices, UNLIMITED);
                List<Throwable> caught = new ArrayList<>();
                for (Intent intent : Intent.values()) {
                    try {
                        unitOfWork.execute(bob, intent, () -> {
                            ran.add(intent);
                            return repository.insert(bob, newTodo(bob, "bob's, inside alice's unit", T0), UNLIMITED);
                        });
                    } catch (RuntimeException e) {
                        caught.add(e);
                    }
                }
                return caught;
            });

            assertThat(ran).as("the work of units for bob inside alice's").isEmpty();
            assertThat(refusals).hasSize(Intent.values().length)
                    .allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class));
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(alices);
            assertThat(read(bob, () -> repository.findAll(bob))).isEmpty();
        }
    }

    /** Inserts within the tenant's quota. */
    @Nested
    class CreateAndQuota {

        /**
         * An insert into a tenant that already has {@code maxTodos} todos (or more, if the limit was lowered) returns false,
         * stores nothing and adds nothing to the feed; a tenant's todos count against its own limit only; a delete, and a
         * delete of completed todos, make room again.
         */
        @Test
        public void anInsertPastTheLimitIsRefusedAndStoresNothing() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            List<Todo> alices = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Todo todo = newTodo(alice, "todo " + i, T0.plusSeconds(i));
                assertThat(write(alice, () -> repository.insert(alice, todo, 3))).as("todo %d of 3", i + 1).isTrue();
                alices.add(todo);
            }
            List<TodoChange> feed = feed(alice);
            Todo fourth = newTodo(alice, "one too many", T0.plusSeconds(3));

            assertThat(write(alice, () -> repository.insert(alice, fourth, 3))).isFalse();
            assertThat(write(alice, () -> repository.insert(alice, fourth, 2))).as("a limit below the count").isFalse();
            assertThat(read(alice, () -> repository.find(alice, fourth.id()))).isEmpty();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactlyElementsOf(alices);
            assertThat(feed(alice)).isEqualTo(feed);

            assertThat(write(bob, () -> repository.insert(bob, newTodo(bob, "bob's one", T0), 1))).isTrue();
            assertThat(write(bob, () -> repository.insert(bob, newTodo(bob, "bob's second", T0), 1))).isFalse();

            assertThat(write(alice, () -> delete(alice, alices.get(0).id(), T0.plusSeconds(10)))).isTrue();
            assertThat(write(alice, () -> repository.insert(alice, fourth, 3))).isTrue();
            Todo fifth = newTodo(alice, "fifth", T0.plusSeconds(4));
            assertThat(write(alice, () -> repository.insert(alice, fifth, 3))).isFalse();
            Todo done = alices.get(1).apply(TodoChanges.none().completed(true), T0.plusSeconds(11));
            assertThat(write(alice, () -> update(alice, done, alices.get(1).version()))).isTrue();
            assertThat(write(alice, () -> repository.deleteCompleted(alice, T0.plusSeconds(12)))).isEqualTo(1);
            assertThat(write(alice, () -> repository.insert(alice, fifth, 3))).isTrue();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(alices.get(2), fourth, fifth);
        }

        /**
         * Counting and inserting are one step: units of work that insert into two tenants all at once, more than either
         * may hold, leave each tenant with exactly its limit, each accepted todo stored and in the feed once.
         *
         * @throws Exception if a thread fails or hangs
         */
        @Test
        public void concurrentInsertsNeverTakeATenantPastItsLimit() throws Exception {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("bob");
            int limit = 5;
            int threads = 8;
            int perThread = 2;
            List<Callable<List<Todo>>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                TenantId tenant = i % 2 == 0 ? alice : bob;
                String prefix = "thread " + i + " todo ";
                tasks.add(() -> {
                    List<Todo> accepted = new ArrayList<>();
                    for (int j = 0; j < perThread; j++) {
                        Todo todo = newTodo(tenant, prefix + j, T0.plusSeconds(j));
                        if (write(tenant, () -> repository.insert(tenant, todo, limit))) {
                            accepted.add(todo);
                        }
                    }
                    return accepted;
                });
            }

            List<List<Todo>> results = Threads.runTogether(tasks);

            for (TenantId tenant : List.of(alice, bob)) {
                List<Todo> accepted = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    if ((i % 2 == 0) == tenant.equals(alice)) {
                        accepted.addAll(results.get(i));
                    }
                }
                assertThat(accepted).as("accepted for %s", tenant).hasSize(limit);
                assertThat(read(tenant, () -> repository.findAll(tenant))).containsExactlyInAnyOrderElementsOf(accepted);
                List<TodoChange> feed = feed(tenant);
                assertPositionsIncrease(feed);
                assertThat(feed).extracting(TodoRepositoryContract::todoOf).containsExactlyInAnyOrderElementsOf(accepted);
            }
        }
    }

    /** Filtered, ordered, paged queries. */
    @Nested
    class ListAndPaging {

        /**
         * {@link TodoRepository#find(TenantId, TodoQuery)} lists every todo of the tenant, and no other tenant's, in each
         * order, ascending and descending, exactly as {@link TodoSort#comparator()} orders them: ties broken by id,
         * unsigned and in the same direction; titles by code point ({@code "B"} before {@code "a"}, {@code "\uFFFD"} before
         * {@code "😀"}).
         */
        @Test
        public void findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes() {
            TenantId alice = tenant("alice");
            List<Todo> todos = insertTodosToSort(alice);
            insertTodosToSort(tenant("bob"));

            for (TodoSort sort : allSorts()) {
                assertThat(read(alice, () -> repository.find(alice, query(Optional.empty(), sort, Optional.empty(),
                        OptionalInt.empty())))).as("%s", sort).containsExactlyElementsOf(sorted(todos, sort));
            }
            assertThat(read(alice, () -> repository.find(alice, query(Optional.empty(),
                    new TodoSort(TodoSort.Field.TITLE, false), Optional.empty(), OptionalInt.empty()))))
                    .extracting(todo -> todo.title().value())
                    .containsExactly("A", "B", "a", "b", "b", "c", "\uFFFD", "😀");
            TenantId carol = tenant("carol");
            assertThat(read(carol, () -> repository.find(carol, query(Optional.empty(), TodoSort.CREATION,
                    Optional.empty(), OptionalInt.empty())))).isEmpty();
        }

        /** A query for done or for open todos lists only those, in its order. */
        @Test
        public void findFiltersByCompletion() {
            TenantId alice = tenant("alice");
            List<Todo> todos = insertTodosToSort(alice);
            insertTodosToSort(tenant("bob"));

            for (TodoSort sort : allSorts()) {
                for (boolean completed : List.of(true, false)) {
                    List<Todo> expected = sorted(todos, sort).stream().filter(t -> t.completed() == completed).toList();
                    assertThat(read(alice, () -> repository.find(alice, query(Optional.of(completed), sort,
                            Optional.empty(), OptionalInt.empty())))).as("%s, completed %s", sort, completed)
                            .isNotEmpty().containsExactlyElementsOf(expected);
                }
            }
        }

        /**
         * A query from a position lists the todos strictly after it in the query's order, as
         * {@link TodoPosition#precedes} tells: after a todo's own position, after a position that ties with todos on the
         * sort key and falls before or after them by id, and from keys that no todo has.
         */
        @Test
        public void findStartsStrictlyAfterThePosition() {
            TenantId alice = tenant("alice");
            List<Todo> todos = insertTodosToSort(alice);
            insertTodosToSort(tenant("bob"));

            for (TodoSort sort : allSorts()) {
                List<Todo> ordered = sorted(todos, sort);
                for (int i = 0; i < ordered.size(); i++) {
                    TodoPosition position = after(sort, ordered.get(i));
                    assertThat(read(alice, () -> repository.find(alice, query(Optional.empty(), sort,
                            Optional.of(position), OptionalInt.empty())))).as("%s after %s", sort, position)
                            .containsExactlyElementsOf(ordered.subList(i + 1, ordered.size()));
                }
                for (TodoPosition position : positionsBetween(sort, todos)) {
                    assertThat(read(alice, () -> repository.find(alice, query(Optional.empty(), sort,
                            Optional.of(position), OptionalInt.empty())))).as("%s after %s", sort, position)
                            .containsExactlyElementsOf(
                                    ordered.stream().filter(t -> position.precedes(t, SORT_SEARCH)).toList());
                }
            }
        }

        /**
         * A query with a limit lists the first todos only, that many or fewer; with a filter and a position too, it reads
         * one page, and paging through with each page's last todo visits every matching todo once.
         */
        @Test
        public void findStopsAtTheLimit() {
            TenantId alice = tenant("alice");
            List<Todo> todos = insertTodosToSort(alice);
            insertTodosToSort(tenant("bob"));

            for (TodoSort sort : allSorts()) {
                List<Todo> ordered = sorted(todos, sort);
                for (int limit : List.of(1, 2, 3, ordered.size(), ordered.size() + 1)) {
                    assertThat(read(alice, () -> repository.find(alice, query(Optional.empty(), sort, Optional.empty(),
                            OptionalInt.of(limit))))).as("%s, limit %d", sort, limit)
                            .containsExactlyElementsOf(ordered.subList(0, Math.min(limit, ordered.size())));
                }
                for (boolean completed : List.of(true, false)) {
                    List<Todo> pages = new ArrayList<>();
                    Optional<TodoPosition> after = Optional.empty();
                    for (int page = 0; page < todos.size(); page++) {
                        Optional<TodoPosition> from = after;
                        List<Todo> found = read(alice, () -> repository.find(alice, query(Optional.of(completed), sort,
                                from, OptionalInt.of(2))));
                        assertThat(found).as("%s, page %d", sort, page).hasSizeLessThanOrEqualTo(2);
                        pages.addAll(found);
                        if (found.size() < 2) {
                            break;
                        }
                        after = Optional.of(after(sort, found.get(found.size() - 1)));
                    }
                    assertThat(pages).as("%s, completed %s, by pages of 2", sort, completed).containsExactlyElementsOf(
                            ordered.stream().filter(t -> t.completed() == completed).toList());
                }
            }
        }
    }

    /** The tenant's change feed. */
    @Nested
    class ChangeFeed {

        /**
         * Every write (insert, update, delete) takes a position of the tenant's feed past every position before it, and
         * the feed holds each todo once, as it is now, at the position of its latest write, and each deleted todo as a
         * tombstone with its deletion time; writes that change nothing (a stale version, an unknown id) add nothing.
         */
        @Test
        public void everyWriteTakesTheNextPositionOfTheTenantsFeed() {
            TenantId alice = tenant("alice");
            assertThat(feed(alice)).isEmpty();
            Instant deletedAt = T0.plusSeconds(30);

            Todo a = insert(newTodo(alice, "a", T0));
            long pa = feedEndsWith(alice, 0, upserted(a));
            Todo b = insert(newTodo(alice, "b", T0.plusSeconds(1)));
            long pb = feedEndsWith(alice, pa, upserted(b));
            Todo a2 = a.apply(TodoChanges.none().title(Title.of("a, changed")), T0.plusSeconds(2));
            assertThat(write(alice, () -> update(alice, a2, a.version()))).isTrue();
            long pa2 = feedEndsWith(alice, pb, upserted(a2));
            Todo a3 = a2.apply(TodoChanges.none().completed(true), T0.plusSeconds(3));
            assertThat(write(alice, () -> update(alice, a3, a2.version()))).isTrue();
            long pa3 = feedEndsWith(alice, pa2, upserted(a3));
            assertThat(write(alice, () -> delete(alice, b.id(), deletedAt))).isTrue();
            long pbGone = feedEndsWith(alice, pa3, removed(b.id(), deletedAt));
            Todo c = insert(newTodo(alice, "c", T0.plusSeconds(4)));
            long pc = feedEndsWith(alice, pbGone, upserted(c));

            List<TodoChange> feed = feed(alice);
            assertThat(feed).containsExactly(new TodoChange.Upserted(a3, pa3),
                    new TodoChange.Removed(b.id(), deletedAt, pbGone), new TodoChange.Upserted(c, pc));

            Todo stale = a.apply(TodoChanges.none().title(Title.of("stale")), T0.plusSeconds(5));
            assertThat(write(alice, () -> update(alice, stale, a.version()))).isFalse();
            Todo ghost = newTodo(alice, "never inserted", T0);
            assertThat(write(alice, () -> update(alice, ghost, ghost.version()))).isFalse();
            assertThat(write(alice, () -> delete(alice, b.id(), deletedAt))).isFalse();
            assertThat(feed(alice)).isEqualTo(feed);
        }

        /**
         * {@link TodoRepository#changesSince} reads the changes strictly after the position it is given, by position, and
         * at most as many as the limit: from the beginning (0), from each position of the feed, and from past its end.
         */
        @Test
        public void changesSinceReadsStrictlyAfterThePositionUpToTheLimit() {
            TenantId alice = tenant("alice");
            Todo a = insert(newTodo(alice, "a", T0));
            Todo b = insert(newTodo(alice, "b", T0));
            Todo c = insert(newTodo(alice, "c", T0));
            Todo a2 = a.apply(TodoChanges.none().completed(true), T0.plusSeconds(1));
            assertThat(write(alice, () -> update(alice, a2, a.version()))).isTrue();
            assertThat(write(alice, () -> delete(alice, b.id(), T0.plusSeconds(2)))).isTrue();
            insert(newTodo(alice, "d", T0.plusSeconds(3)));
            Todo c2 = c.apply(TodoChanges.none().title(Title.of("c, changed")), T0.plusSeconds(4));
            assertThat(write(alice, () -> update(alice, c2, c.version()))).isTrue();

            List<TodoChange> all = feed(alice);
            assertThat(all).hasSize(4);
            assertPositionsIncrease(all);
            for (int i = 0; i <= all.size(); i++) {
                long after = i == 0 ? 0 : all.get(i - 1).position();
                int from = i;
                assertThat(read(alice, () -> repository.changesSince(alice, after, Integer.MAX_VALUE)))
                        .as("after %d", after).containsExactlyElementsOf(all.subList(from, all.size()));
                for (int limit = 1; limit <= 3; limit++) {
                    int max = limit;
                    assertThat(read(alice, () -> repository.changesSince(alice, after, max)))
                            .as("after %d, limit %d", after, max)
                            .containsExactlyElementsOf(all.subList(from, Math.min(all.size(), from + max)));
                }
            }
            long end = all.get(all.size() - 1).position();
            assertThat(read(alice, () -> repository.changesSince(alice, end + 1000, 10))).isEmpty();
        }

        /**
         * A delete of completed todos deletes the tenant's done todos only, and tells how many; each leaves a tombstone at
         * a position of its own, past every earlier position; the open todos keep theirs, and another tenant's done todos
         * stay. With nothing done it deletes nothing.
         */
        @Test
        public void deleteCompletedGivesEachDeletedTodoAPositionOfItsOwn() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            List<Todo> done = new ArrayList<>();
            List<Todo> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Todo todo = insert(Todo.restore(TodoId.random(), alice, Title.of("todo " + i), null, i % 2 == 0,
                        T0.plusSeconds(i), T0.plusSeconds(i), Todo.FIRST_VERSION));
                (todo.completed() ? done : open).add(todo);
            }
            Todo bobsDone = insert(Todo.restore(done.get(0).id(), bob, Title.of("bob's done"), null, true, T0, T0,
                    Todo.FIRST_VERSION));
            List<TodoChange> before = feed(alice);
            List<TodoChange> bobsFeed = feed(bob);
            long last = before.get(before.size() - 1).position();
            Instant deletedAt = T0.plusSeconds(60);

            assertThat(write(alice, () -> repository.deleteCompleted(alice, deletedAt))).isEqualTo(done.size());

            assertThat(read(alice, () -> repository.findAll(alice))).containsExactlyElementsOf(open);
            List<TodoChange> after = feed(alice);
            assertPositionsIncrease(after);
            assertThat(after).hasSize(open.size() + done.size());
            assertThat(after.subList(0, open.size())).containsExactlyElementsOf(
                    before.stream().filter(c -> !done.contains(todoOf(c))).toList());
            List<TodoChange> tombstones = after.subList(open.size(), after.size());
            assertThat(tombstones).allSatisfy(c -> {
                assertThat(c).isInstanceOf(TodoChange.Removed.class);
                assertThat(((TodoChange.Removed) c).deletedAt()).isEqualTo(deletedAt);
                assertThat(c.position()).isGreaterThan(last);
            });
            assertThat(tombstones).extracting(c -> ((TodoChange.Removed) c).id())
                    .containsExactlyInAnyOrderElementsOf(done.stream().map(Todo::id).toList());
            assertThat(read(bob, () -> repository.findAll(bob))).containsExactly(bobsDone);
            assertThat(feed(bob)).isEqualTo(bobsFeed);

            assertThat(write(alice, () -> repository.deleteCompleted(alice, deletedAt.plusSeconds(1)))).isZero();
            assertThat(feed(alice)).isEqualTo(after);
        }

        /**
         * A tenant's feed holds its own changes only, even when another tenant has a todo with the same id; a tenant that
         * never wrote has an empty feed and has forgotten nothing.
         */
        @Test
        public void theFeedIsTheTenantsOwn() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            TodoId shared = TodoId.random();
            insert(Todo.create(shared, alice, Title.of("alice's"), null, T0));
            Todo bobs = insert(Todo.create(shared, bob, Title.of("bob's"), null, T0));
            Todo alicesOther = insert(newTodo(alice, "alice's other", T0));
            Todo bobsOther = insert(newTodo(bob, "bob's other", T0));
            Instant deletedAt = T0.plusSeconds(1);
            assertThat(write(alice, () -> delete(alice, shared, deletedAt))).isTrue();
            Todo bobsChanged = bobs.apply(TodoChanges.none().completed(true), T0.plusSeconds(2));
            assertThat(write(bob, () -> update(bob, bobsChanged, bobs.version()))).isTrue();

            assertThat(feed(alice)).extracting(TodoRepositoryContract::withoutPosition)
                    .containsExactly(upserted(alicesOther), removed(shared, deletedAt));
            assertThat(feed(bob)).extracting(TodoRepositoryContract::withoutPosition)
                    .containsExactly(upserted(bobsOther), upserted(bobsChanged));
            TenantId carol = tenant("carol");
            assertThat(feed(carol)).isEmpty();
            assertThat(forgottenThrough(carol)).isZero();
        }

        /**
         * What a unit of work does to the feed is undone with it: positions, tombstones, deletions of completed todos and
         * forgotten deletions; the next write that is kept takes a position past every position kept before.
         */
        @Test
        public void theFeedRollsBackWithTheUnitOfWork() {
            TenantId alice = tenant("alice");
            Todo open = insert(newTodo(alice, "open", T0));
            Todo done = insert(Todo.restore(TodoId.random(), alice, Title.of("done"), null, true, T0.plusSeconds(1),
                    T0.plusSeconds(1), Todo.FIRST_VERSION));
            Todo gone = insert(newTodo(alice, "gone", T0.plusSeconds(2)));
            assertThat(write(alice, () -> delete(alice, gone.id(), T0.plusSeconds(3)))).isTrue();
            List<TodoChange> before = feed(alice);
            RuntimeException failure = new IllegalStateException("roll back");

            assertThatThrownBy(() -> write(alice, () -> {
                repository.insert(alice, newTodo(alice, "inserted, then rolled back", T0), UNLIMITED);
                update(alice, open.apply(TodoChanges.none().completed(true), T0.plusSeconds(3)),
                        open.version());
                repository.deleteCompleted(alice, T0.plusSeconds(4));
                repository.forgetDeletionsBefore(alice, T0.plusSeconds(60));
                throw failure;
            })).isSameAs(failure);

            assertThat(feed(alice)).isEqualTo(before);
            assertThat(forgottenThrough(alice)).isZero();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(open, done);
            Todo changed = open.apply(TodoChanges.none().title(Title.of("changed after the rollback")),
                    T0.plusSeconds(5));
            assertThat(write(alice, () -> update(alice, changed, open.version()))).isTrue();
            feedEndsWith(alice, before.get(before.size() - 1).position(), upserted(changed));
        }

        /**
         * Units of work that insert, change and delete todos of one tenant all at once get positions that are unique, and
         * that increase in the order the units are kept: a reader that follows the feed while they write, from the last
         * position it has seen, misses nothing and ends with exactly the tenant's todos.
         *
         * @throws Exception if a thread fails or hangs
         */
        @Test
        public void concurrentWritersGetUniquePositionsAndAReaderMissesNothing() throws Exception {
            TenantId alice = tenant("alice");
            int writers = 6;
            int rounds = 4;
            AtomicBoolean writing = new AtomicBoolean(true);
            Threads.Started<Map<TodoId, Todo>> reader = Threads.start("contract-feed-reader", () -> {
                Replica replica = new Replica(alice);
                while (writing.get()) {
                    replica.sync(3);
                }
                replica.sync(3);
                return replica.todos;
            });
            List<Callable<List<TodoId>>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String prefix = "writer " + i + " round ";
                tasks.add(() -> {
                    List<TodoId> deleted = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        Todo kept = insert(newTodo(alice, prefix + r, T0));
                        Todo temporary = insert(newTodo(alice, prefix + r + ", deleted", T0));
                        Todo changed = kept.apply(TodoChanges.none().completed(true), T0.plusSeconds(1));
                        assertThat(write(alice, () -> update(alice, changed, kept.version()))).isTrue();
                        assertThat(write(alice, () -> delete(alice, temporary.id(), T0.plusSeconds(2))))
                                .isTrue();
                        deleted.add(temporary.id());
                    }
                    return deleted;
                });
            }

            List<List<TodoId>> deleted;
            try {
                deleted = Threads.runTogether(tasks);
            } finally {
                writing.set(false);
            }

            List<Todo> todos = read(alice, () -> repository.findAll(alice));
            assertThat(todos).hasSize(writers * rounds);
            assertThat(reader.result().values()).as("the reader's copy").containsExactlyInAnyOrderElementsOf(todos);
            List<TodoChange> feed = feed(alice);
            assertPositionsIncrease(feed);
            assertThat(feed).filteredOn(TodoChange.Upserted.class::isInstance).extracting(TodoRepositoryContract::todoOf)
                    .containsExactlyInAnyOrderElementsOf(todos);
            assertThat(feed).filteredOn(TodoChange.Removed.class::isInstance)
                    .extracting(change -> ((TodoChange.Removed) change).id())
                    .containsExactlyInAnyOrderElementsOf(deleted.stream().flatMap(List::stream).toList());
        }

        /** A client's copy of a tenant's todos, kept up to date from the feed alone. */
        private final class Replica {
            final TenantId tenant;
            final Map<TodoId, Todo> todos = new HashMap<>();
            long position;

            Replica(TenantId tenant) {
                this.tenant = tenant;
            }

            /** Reads the feed from the last position seen, in batches, until it has read everything there is. */
            void sync(int batch) {
                List<TodoChange> changes;
                do {
                    changes = read(tenant, () -> repository.changesSince(tenant, position, batch));
                    assertThat(changes).as("a batch").hasSizeLessThanOrEqualTo(batch);
                    for (TodoChange change : changes) {
                        assertThat(change.position()).as("the position after %d", position).isGreaterThan(position);
                        position = change.position();
                        if (change instanceof TodoChange.Upserted upserted) {
                            Todo todo = upserted.todo();
                            todos.put(todo.id(), todo);
                        } else {
                            todos.remove(((TodoChange.Removed) change).id());
                        }
                    }
                } while (changes.size() == batch);
            }
        }
    }

    /** Forgetting tombstones, by age and by count. */
    @Nested
    class Tombstones {

        /**
         * Forgetting drops the tenant's tombstones of deletions strictly before the horizon, and no other tenant's;
         * {@link TodoRepository#forgottenThrough} is then the highest position of a forgotten deletion, 0 before any,
         * and never goes down, even when deletions were recorded out of time order (a clock that stepped back).
         */
        @Test
        public void forgettingDropsOlderTombstonesAndTellsTheHighestPositionForgotten() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            Instant t1 = T0.plusSeconds(3600);
            Instant t2 = t1.plusSeconds(3600);
            Instant t3 = t2.plusSeconds(3600);
            Todo a = insert(newTodo(alice, "a", T0));
            Todo b = insert(newTodo(alice, "b", T0));
            Todo c = insert(newTodo(alice, "c", T0));
            Todo d = insert(newTodo(alice, "d", T0));
            Todo x = insert(newTodo(bob, "x", T0));
            long pa = deleteAndGetPosition(alice, a.id(), t1);
            long pb = deleteAndGetPosition(alice, b.id(), t2);
            long pc = deleteAndGetPosition(alice, c.id(), t3);
            deleteAndGetPosition(bob, x.id(), t1);
            List<TodoChange> bobsFeed = feed(bob);
            assertThat(forgottenThrough(alice)).isZero();
            assertThat(forgottenThrough(tenant("carol"))).isZero();
            List<TodoChange> before = feed(alice);

            forget(alice, t2);
            assertThat(feed(alice)).containsExactlyElementsOf(
                    before.stream().filter(change -> change.position() != pa).toList());
            assertThat(forgottenThrough(alice)).isEqualTo(pa);
            assertThat(feed(bob)).isEqualTo(bobsFeed);
            assertThat(forgottenThrough(bob)).isZero();

            forget(alice, t1);
            assertThat(forgottenThrough(alice)).isEqualTo(pa);

            long pd = deleteAndGetPosition(alice, d.id(), t1);
            forget(alice, t2);
            assertThat(feed(alice)).containsExactly(removed(b.id(), t2, pb), removed(c.id(), t3, pc));
            assertThat(forgottenThrough(alice)).isEqualTo(pd);

            forget(alice, t3.plusSeconds(1));
            assertThat(feed(alice)).isEmpty();
            assertThat(forgottenThrough(alice)).as("after forgetting positions below %d", pd).isEqualTo(pd);
            assertThat(feed(bob)).isEqualTo(bobsFeed);
        }

        /**
         * Forgetting all but the latest tombstones keeps the tenant's {@code keep} tombstones of the highest positions,
         * whatever their deletion times (the newest deletion here has the oldest time), drops the others as forgotten
         * ({@link TodoRepository#forgottenThrough} the highest of them), leaves other tenants and the todos' own changes
         * alone, and does nothing while the tenant has no more than {@code keep}.
         */
        @Test
        public void forgettingAllButTheLatestTombstonesKeepsTheHighestPositions() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("auth0|bob");
            Todo kept = insert(newTodo(alice, "kept", T0));
            Todo a = insert(newTodo(alice, "a", T0));
            Todo b = insert(newTodo(alice, "b", T0));
            Todo c = insert(newTodo(alice, "c", T0));
            Todo d = insert(newTodo(alice, "d", T0));
            Todo x = insert(newTodo(bob, "x", T0));
            Todo y = insert(newTodo(bob, "y", T0));
            long pa = deleteAndGetPosition(alice, a.id(), T0.plusSeconds(40));
            long pb = deleteAndGetPosition(alice, b.id(), T0.plusSeconds(30));
            long pc = deleteAndGetPosition(alice, c.id(), T0.plusSeconds(20));
            long pd = deleteAndGetPosition(alice, d.id(), T0.plusSeconds(10));
            deleteAndGetPosition(bob, x.id(), T0.plusSeconds(10));
            deleteAndGetPosition(bob, y.id(), T0.plusSeconds(20));
            List<TodoChange> bobsFeed = feed(bob);

            forgetAllBut(alice, 4);
            assertThat(forgottenThrough(alice)).as("no more than 4 tombstones: nothing forgotten").isZero();

            forgetAllBut(alice, 2);
            assertThat(feed(alice)).extracting(TodoRepositoryContract::withoutPosition)
                    .containsExactly(upserted(kept), removed(c.id(), T0.plusSeconds(20)),
                            removed(d.id(), T0.plusSeconds(10)));
            assertThat(feed(alice)).extracting(TodoChange::position).endsWith(pc, pd);
            assertThat(forgottenThrough(alice)).isEqualTo(pb).isGreaterThan(pa);
            assertThat(feed(bob)).isEqualTo(bobsFeed);
            assertThat(forgottenThrough(bob)).isZero();

            forgetAllBut(alice, 1);
            assertThat(feed(alice)).extracting(TodoRepositoryContract::withoutPosition)
                    .containsExactly(upserted(kept), removed(d.id(), T0.plusSeconds(10)));
            assertThat(forgottenThrough(alice)).isEqualTo(pc);
            assertThatThrownBy(() -> forgetAllBut(alice, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A todo's plan: its due, priority and tags stored, read back and changed exactly. */
    @Nested
    class Plans {

        /**
         * Every kind of due (all day, timed, at an ambiguous local time, at the ends of the years allowed), every
         * priority and tags in their order and spelling are read back exactly, however the todo is read.
         */
        @Test
        public void thePlanIsStoredAndReadBackExactly() {
            TenantId alice = tenant("alice");
            List<String> longest = new ArrayList<>();
            for (int i = 0; i < Tags.MAX_COUNT; i++) {
                longest.add(i + "😀".repeat(Tag.MAX_LENGTH - String.valueOf(i).length()));
            }
            List<Todo> todos = List.of(
                    planned(alice, "all day", new Todo.Plan(Due.allDay(LocalDate.of(1900, 1, 1)), Priority.LOW,
                            tags("Zeta", "alpha", "Straße", "ÉCOLE", "'; --"))),
                    planned(alice, "ambiguous", new Todo.Plan(timed("2026-10-25", "02:30", "Europe/Berlin"),
                            Priority.HIGH, tags("b", "A"))),
                    planned(alice, "far", new Todo.Plan(timed("2999-12-31", "23:59:59", "Pacific/Kiritimati"),
                            Priority.MEDIUM, Tags.NONE)),
                    planned(alice, "none", Todo.Plan.NONE),
                    planned(alice, "most tags", new Todo.Plan(null, Priority.NONE, Tags.of(longest))));
            todos.forEach(TodoRepositoryContract.this::insert);

            assertThat(todos.get(1).due().flatMap(Due::at)).contains(Instant.parse("2026-10-25T00:30:00Z"));
            for (Todo todo : todos) {
                Todo stored = read(alice, () -> repository.find(alice, todo.id())).orElseThrow();
                assertThat(stored.due()).as("due of %s", todo.title()).isEqualTo(todo.due());
                assertThat(stored.due().flatMap(Due::at)).as("at of %s", todo.title())
                        .isEqualTo(todo.due().flatMap(Due::at));
                assertThat(stored.priority()).as("priority of %s", todo.title()).isEqualTo(todo.priority());
                assertThat(stored.tags().names()).as("tags of %s", todo.title())
                        .containsExactlyElementsOf(todo.tags().names());
                assertThat(stored).isEqualTo(todo);
            }
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactlyInAnyOrderElementsOf(todos);
            assertThat(findAll(alice, TodoFilter.ALL, T0)).containsExactlyInAnyOrderElementsOf(todos);
            assertThat(feed(alice)).map(TodoRepositoryContract::todoOf).containsExactlyInAnyOrderElementsOf(todos);
        }

        /** A change sets a todo's due, priority and tags, keeps them while it changes other fields, and clears them. */
        @Test
        public void thePlanIsChangedAndClearedByAChange() {
            TenantId alice = tenant("alice");
            Todo todo = insert(planned(alice, "plan", Todo.Plan.NONE));
            Due due = timed("2026-12-24", "17:30", "Europe/Berlin");

            Todo set = change(alice, todo, TodoChanges.none().due(due).priority(Priority.HIGH)
                    .tags(tags("home", "Errand")));
            assertThat(set.due()).contains(due);
            assertThat(set.priority()).isEqualTo(Priority.HIGH);
            assertThat(set.tags().names()).containsExactly("home", "Errand");

            Todo retitled = change(alice, set, TodoChanges.none().title(Title.of("renamed")));
            assertThat(retitled.plan()).isEqualTo(set.plan());

            Todo allDay = change(alice, retitled, TodoChanges.none().due(Due.allDay(LocalDate.of(2026, 12, 24)))
                    .tags(tags("Errand", "home", "work")));
            assertThat(allDay.due().flatMap(Due::at)).isEmpty();
            assertThat(allDay.tags().names()).containsExactly("Errand", "home", "work");

            Todo cleared = change(alice, allDay, TodoChanges.none().due(null).priority(Priority.NONE).tags(Tags.NONE));
            assertThat(cleared.plan()).isEqualTo(Todo.Plan.NONE);
        }

        /**
         * An edit that changes nothing (no changes, a retag of a tag the todo lacks or to its own spelling) writes
         * nothing: the same todo before and after, the same version, no new position in the change feed.
         */
        @Test
        public void anEditThatChangesNothingWritesNothing() {
            TenantId alice = tenant("alice");
            Todo todo = insert(planned(alice, "same", new Todo.Plan(null, Priority.LOW, tags("home"))));
            long last = lastPosition(alice);

            for (Edit edit : List.of(Edit.of(TodoChanges.none()), Edit.retag(new Tag("work"), new Tag("job")),
                    Edit.retag(new Tag("errand"), null), Edit.retag(new Tag("HOME"), new Tag("home")))) {
                Changed changed = write(alice, () -> repository.change(alice, todo.id(),
                        OptionalLong.of(todo.version()), edit, T0.plusSeconds(5))).orElseThrow();
                assertThat(changed.before()).as("%s", edit).isEqualTo(todo);
                assertThat(changed.after()).as("%s", edit).isEqualTo(todo);
            }

            assertThat(read(alice, () -> repository.find(alice, todo.id()))).contains(todo);
            assertThat(read(alice, () -> repository.changesSince(alice, last, 100))).isEmpty();
        }

        /**
         * A retag, worked out from the stored todo, renames a tag matched ignoring case in its place, merges it into a
         * tag of the new name the todo has, or removes it; each a new version.
         */
        @Test
        public void aRetagRenamesMergesOrRemovesATagIgnoringCase() {
            TenantId alice = tenant("alice");
            Todo todo = insert(planned(alice, "retag", new Todo.Plan(null, Priority.NONE,
                    tags("home", "Errand", "shop", "work"))));

            Todo renamed = retag(alice, todo, "ERRAND", "Groceries");
            assertThat(renamed.tags().names()).containsExactly("home", "Groceries", "shop", "work");
            Todo merged = retag(alice, renamed, "groceries", "SHOP");
            assertThat(merged.tags().names()).containsExactly("home", "shop", "work");
            Todo removed = retag(alice, merged, "WORK", null);
            assertThat(removed.tags().names()).containsExactly("home", "shop");
            assertThat(removed.version()).isEqualTo(todo.version() + 3);
        }

        private Todo change(TenantId tenant, Todo todo, TodoChanges changes) {
            return changed(tenant, todo, Edit.of(changes));
        }

        private Todo retag(TenantId tenant, Todo todo, String from, @Nullable String to) {
            return changed(tenant, todo, Edit.retag(new Tag(from), to == null ? null : new Tag(to)));
        }

        /** Applies an edit expecting the todo's version, checks what it answers and stores, and returns the result. */
        private Todo changed(TenantId tenant, Todo todo, Edit edit) {
            Instant at = todo.updatedAt().plusSeconds(1);
            Changed changed = write(tenant, () -> repository.change(tenant, todo.id(),
                    OptionalLong.of(todo.version()), edit, at)).orElseThrow();
            assertThat(changed.before()).isEqualTo(todo);
            assertThat(changed.after()).isEqualTo(edit.applyTo(todo, at));
            assertThat(changed.after().version()).isEqualTo(todo.version() + 1);
            assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(changed.after());
            return changed.after();
        }
    }

    /** Queries filtered by a todo's plan: each criterion, at the query's instant. */
    @Nested
    class PlanFilters {

        /** A query for some priorities lists the todos with any of them. */
        @Test
        public void findFiltersByAnyOfThePriorities() {
            TenantId alice = tenant("alice");
            Map<Priority, Todo> byPriority = new EnumMap<>(Priority.class);
            for (Priority priority : List.of(Priority.HIGH, Priority.NONE, Priority.MEDIUM, Priority.LOW)) {
                byPriority.put(priority, insert(planned(alice, priority.wireName(),
                        new Todo.Plan(null, priority, Tags.NONE))));
            }
            insert(planned(tenant("bob"), "bob's", new Todo.Plan(null, Priority.HIGH, Tags.NONE)));

            for (Set<Priority> priorities : List.of(Set.of(Priority.HIGH, Priority.LOW), Set.of(Priority.MEDIUM),
                    Set.of(Priority.NONE), Set.of(Priority.NONE, Priority.MEDIUM, Priority.HIGH),
                    EnumSet.allOf(Priority.class))) {
                assertThat(findAll(alice, TodoFilter.ALL.withPriorities(priorities), T0)).as("%s", priorities)
                        .containsExactlyInAnyOrderElementsOf(priorities.stream().map(byPriority::get).toList());
            }
        }

        /** A query for some tags lists the todos carrying every one of them, compared ignoring case. */
        @Test
        public void findFiltersByAllOfTheTagsIgnoringCase() {
            TenantId alice = tenant("alice");
            Todo both = insert(planned(alice, "both", new Todo.Plan(null, Priority.NONE, tags("Home", "errand"))));
            Todo home = insert(planned(alice, "home", new Todo.Plan(null, Priority.NONE, tags("home"))));
            Todo errand = insert(planned(alice, "errand", new Todo.Plan(null, Priority.NONE, tags("x", "ERRAND"))));
            Todo street = insert(planned(alice, "street", new Todo.Plan(null, Priority.NONE, tags("STRASSE"))));
            insert(planned(alice, "none", Todo.Plan.NONE));
            insert(planned(tenant("bob"), "bob's", new Todo.Plan(null, Priority.NONE, tags("home", "errand"))));

            assertThat(findByTags(alice, "home", "ERRAND")).containsExactly(both);
            assertThat(findByTags(alice, "HOME")).containsExactlyInAnyOrder(both, home);
            assertThat(findByTags(alice, "Errand")).containsExactlyInAnyOrder(both, errand);
            assertThat(findByTags(alice, "x", "errand", "home")).isEmpty();
            assertThat(findByTags(alice, "Straße")).containsExactly(street);
            assertThat(findByTags(alice, "hom")).isEmpty();
        }

        /**
         * A query by due date lists the todos due on those dates, bounds included, by the due's own (local) date; one
         * for having a due lists those with one, or those without.
         */
        @Test
        public void findFiltersByDueDateInclusiveAndByHavingADue() {
            TenantId alice = tenant("alice");
            Todo before = insert(planned(alice, "before", due(Due.allDay(LocalDate.of(2026, 2, 28)))));
            Todo first = insert(planned(alice, "first", due(Due.allDay(LocalDate.of(2026, 3, 1)))));
            Todo lateLast = insert(planned(alice, "late on the last",
                    due(timed("2026-03-31", "23:30", "America/Los_Angeles"))));
            Todo last = insert(planned(alice, "last", due(Due.allDay(LocalDate.of(2026, 3, 31)))));
            Todo earlyAfter = insert(planned(alice, "early after", due(timed("2026-04-01", "00:30", "Europe/Berlin"))));
            Todo none = insert(planned(alice, "none", Todo.Plan.NONE));
            insert(planned(tenant("bob"), "bob's", due(Due.allDay(LocalDate.of(2026, 3, 15)))));
            Optional<LocalDate> march1 = Optional.of(LocalDate.of(2026, 3, 1));
            Optional<LocalDate> march31 = Optional.of(LocalDate.of(2026, 3, 31));

            assertThat(findAll(alice, TodoFilter.ALL.withDueBetween(march1, march31), T0))
                    .containsExactlyInAnyOrder(first, lateLast, last);
            assertThat(findAll(alice, TodoFilter.ALL.withDueBetween(march1, Optional.empty()), T0))
                    .containsExactlyInAnyOrder(first, lateLast, last, earlyAfter);
            assertThat(findAll(alice, TodoFilter.ALL.withDueBetween(Optional.empty(), march1), T0))
                    .containsExactlyInAnyOrder(before, first);
            assertThat(findAll(alice, TodoFilter.ALL.withDueBetween(march31, march31), T0))
                    .containsExactlyInAnyOrder(lateLast, last);
            assertThat(findAll(alice, TodoFilter.ALL.withHasDue(Optional.of(true)), T0))
                    .containsExactlyInAnyOrder(before, first, lateLast, last, earlyAfter);
            assertThat(findAll(alice, TodoFilter.ALL.withHasDue(Optional.of(false)), T0)).containsExactly(none);
        }

        /**
         * An overdue query lists the open todos whose due has passed at the query's instant: a timed due's instant
         * before it, an all-day due's date before that day in the query's time zone; and the others when asked for
         * todos that are not overdue.
         */
        @Test
        public void findFiltersOverdueAtTheQuerysInstantAndTimeZone() {
            TenantId alice = tenant("alice");
            Instant now = Instant.parse("2026-03-01T23:30:00Z");
            Todo timedPast = insert(planned(alice, "timed past", due(timed("2026-03-01", "23:29", "UTC"))));
            Todo timedFuture = insert(planned(alice, "timed future", due(timed("2026-03-02", "00:31", "Europe/Berlin"))));
            Todo yesterday = insert(planned(alice, "yesterday", due(Due.allDay(LocalDate.of(2026, 2, 28)))));
            Todo today = insert(planned(alice, "today", due(Due.allDay(LocalDate.of(2026, 3, 1)))));
            Todo done = insert(Todo.restore(TodoId.random(), alice, Title.of("done"), null,
                    due(Due.allDay(LocalDate.of(2026, 2, 1))), true, T0, T0, Todo.FIRST_VERSION));
            Todo none = insert(planned(alice, "none", Todo.Plan.NONE));
            insert(planned(tenant("bob"), "bob's", due(Due.allDay(LocalDate.of(2026, 2, 1)))));

            assertThat(findAll(alice, overdue(true, "UTC"), now)).containsExactlyInAnyOrder(timedPast, yesterday);
            assertThat(findAll(alice, overdue(true, "Europe/Berlin"), now))
                    .containsExactlyInAnyOrder(timedPast, yesterday, today);
            assertThat(findAll(alice, overdue(true, "America/Los_Angeles"), now))
                    .containsExactlyInAnyOrder(timedPast, yesterday);
            assertThat(findAll(alice, overdue(true, "UTC"), now.plusSeconds(120)))
                    .containsExactlyInAnyOrder(timedPast, timedFuture, yesterday);
            assertThat(findAll(alice, overdue(false, "UTC"), now))
                    .containsExactlyInAnyOrder(timedFuture, today, done, none);
        }

        private static TodoFilter overdue(boolean overdue, String zone) {
            return TodoFilter.ALL.withOverdue(Optional.of(overdue), ZoneId.of(zone));
        }

        private List<Todo> findByTags(TenantId tenant, String... names) {
            return findAll(tenant, TodoFilter.ALL.withTags(Arrays.stream(names).map(Tag::new).toList()), T0);
        }
    }

    /** Full-text search: the domain's {@link SearchQuery#matches} semantics, in every adapter. */
    @Nested
    class Search {

        private TenantId alice;
        private Todo milk;
        private Todo cafe;
        private Todo zoe;

        @BeforeEach
        void insertTodosToSearch() {
            alice = tenant("alice");
            milk = insert(Todo.create(TodoId.random(), alice, Title.of("Buy oat MILK"), new Description("at the Café"),
                    T0));
            cafe = insert(Todo.create(TodoId.random(), alice, Title.of("Café crème"), null, T0));
            zoe = insert(Todo.create(TodoId.random(), alice, Title.of("Call Zoë"),
                    new Description("about the e-mail"), T0));
            insert(Todo.create(TodoId.random(), alice, Title.of("Bread"), null, T0));
            insert(Todo.create(TodoId.random(), tenant("bob"), Title.of("Buy oat milk at the café"), null, T0));
        }

        /** Words are compared ignoring case and accents, in the todo and in the query. */
        @Test
        public void searchIgnoresCaseAndAccents() {
            assertThat(search("CAFE")).containsExactlyInAnyOrder(milk, cafe);
            assertThat(search("café")).containsExactlyInAnyOrder(milk, cafe);
            assertThat(search("creme")).containsExactly(cafe);
            assertThat(search("ZOË")).containsExactly(zoe);
            assertThat(search("zoe")).containsExactly(zoe);
            assertThat(search("milk")).containsExactly(milk);
        }

        /** The last word of a query matches the start of a word, the others whole words only. */
        @Test
        public void searchMatchesOnlyTheLastWordAsAPrefix() {
            assertThat(search("mil")).containsExactly(milk);
            assertThat(search("oat mil")).containsExactly(milk);
            assertThat(search("buy oat m")).containsExactly(milk);
            assertThat(search("c")).containsExactlyInAnyOrder(milk, cafe, zoe);
            assertThat(search("mil oat")).isEmpty();
            assertThat(search("oa milk")).isEmpty();
            assertThat(search("ilk")).isEmpty();
            assertThat(search("email")).isEmpty();
        }

        /** Every word must be found, each in the title or in the description. */
        @Test
        public void searchNeedsEveryWordInTheTitleOrTheDescription() {
            assertThat(search("buy cafe")).containsExactly(milk);
            assertThat(search("about")).containsExactly(zoe);
            assertThat(search("mail zoe")).containsExactly(zoe);
            assertThat(search("buy bread")).isEmpty();
            assertThat(search("cafe creme buy")).isEmpty();
        }

        private List<Todo> search(String q) {
            return findAll(alice, TodoFilter.ALL.withSearch(Optional.of(SearchQuery.parse(q))), T0);
        }
    }

    /** Orders by a todo's plan and by relevance, and keyset paging in them. */
    @Nested
    class PlanOrders {

        /**
         * By priority, by due and, in a search, by relevance, both ways, with and without a filter: a query lists the
         * todos in the order of {@link TodoSort#comparator(SearchQuery)}, and paging with each page's last todo visits
         * every todo exactly once, for pages of several sizes.
         */
        @Test
        public void pagingByPriorityDueAndRelevanceVisitsEveryTodoOnce() {
            TenantId alice = tenant("alice");
            List<Todo> todos = insertPlannedTodos(alice);
            insertPlannedTodos(tenant("bob"));
            SearchQuery search = SearchQuery.parse("to d");
            TodoFilter searched = TodoFilter.ALL.withSearch(Optional.of(search));

            for (TodoSort.Field field : List.of(TodoSort.Field.PRIORITY, TodoSort.Field.DUE,
                    TodoSort.Field.RELEVANCE)) {
                for (boolean descending : List.of(false, true)) {
                    TodoSort sort = new TodoSort(field, descending);
                    List<TodoFilter> filters = field == TodoSort.Field.RELEVANCE
                            ? List.of(searched, searched.withCompleted(Optional.of(false)))
                            : List.of(TodoFilter.ALL, searched, TodoFilter.ALL.withHasDue(Optional.of(true)));
                    for (TodoFilter filter : filters) {
                        List<Todo> expected = todos.stream().filter(t -> filter.matches(t, T0))
                                .sorted(sort.comparator(search)).toList();
                        assertThat(expected).as("%s %s", sort, filter).hasSizeGreaterThan(2);
                        for (int limit : List.of(1, 2, 3, 5, expected.size())) {
                            assertThat(pageThrough(alice, filter, sort, search, limit))
                                    .as("%s, %s, by %d", sort, filter, limit).containsExactlyElementsOf(expected);
                        }
                    }
                }
            }
        }

        /**
         * By due: the earliest day first, within a day the timed dues by their instant and then the all-day ones, todos
         * without a due last; descending reverses all that but keeps todos without a due last.
         */
        @Test
        public void byDueTimedComeBeforeAllDayWithinADayAndNoDueComesLastBothWays() {
            TenantId alice = tenant("alice");
            Todo noDue = insert(planned(alice, "no due", Todo.Plan.NONE));
            Todo allDay = insert(planned(alice, "all day", due(Due.allDay(LocalDate.of(2026, 3, 1)))));
            Todo evening = insert(planned(alice, "evening", due(timed("2026-03-01", "20:00", "Europe/Berlin"))));
            Todo morning = insert(planned(alice, "morning", due(timed("2026-03-01", "08:00", "Europe/Berlin"))));
            Todo dayBefore = insert(planned(alice, "day before", due(Due.allDay(LocalDate.of(2026, 2, 28)))));

            assertThat(findAll(alice, TodoFilter.ALL, new TodoSort(TodoSort.Field.DUE, false)))
                    .containsExactly(dayBefore, morning, evening, allDay, noDue);
            assertThat(findAll(alice, TodoFilter.ALL, new TodoSort(TodoSort.Field.DUE, true)))
                    .containsExactly(allDay, evening, morning, dayBefore, noDue);
        }

        private List<Todo> pageThrough(TenantId tenant, TodoFilter filter, TodoSort sort, SearchQuery search,
                                       int limit) {
            List<Todo> pages = new ArrayList<>();
            Optional<TodoPosition> after = Optional.empty();
            for (int page = 0; page < 100; page++) {
                Optional<TodoPosition> from = after;
                List<Todo> found = read(tenant, () -> repository.find(tenant, new TodoQuery(filter, T0, sort, from,
                        OptionalInt.of(limit))));
                assertThat(found).as("page %d", page).hasSizeLessThanOrEqualTo(limit);
                pages.addAll(found);
                if (found.size() < limit) {
                    break;
                }
                after = Optional.of(TodoPosition.after(sort, found.get(found.size() - 1), search));
            }
            return pages;
        }

        /**
         * Todos that tie and differ on priority, due (timed in several zones, all day, none) and rank in a search for
         * {@code "to d"} (0, 1 or 2 words in the title; half of them do not match), created at a few instants.
         */
        private List<Todo> insertPlannedTodos(TenantId tenant) {
            List<Todo.Plan> plans = List.of(Todo.Plan.NONE,
                    new Todo.Plan(Due.allDay(LocalDate.of(2026, 3, 1)), Priority.HIGH, Tags.NONE),
                    new Todo.Plan(timed("2026-03-01", "09:00", "Europe/Berlin"), Priority.LOW, Tags.NONE),
                    new Todo.Plan(timed("2026-03-01", "07:30", "America/New_York"), Priority.HIGH, Tags.NONE),
                    new Todo.Plan(Due.allDay(LocalDate.of(2026, 2, 28)), Priority.NONE, Tags.NONE),
                    new Todo.Plan(timed("2026-03-01", "09:00", "Europe/Berlin"), Priority.MEDIUM, Tags.NONE),
                    new Todo.Plan(null, Priority.HIGH, Tags.NONE));
            List<String> titles = List.of("todo", "b", "to buy", "do it", "To do", "x");
            List<Todo> todos = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                Description description = i % 4 == 3 ? null : new Description(i % 2 == 0 ? "to do" : "later");
                Todo todo = Todo.restore(TodoId.random(), tenant, Title.of(titles.get(i % titles.size())), description,
                        plans.get(i % plans.size()), i % 5 == 0, T0.plusSeconds(i % 3), T0.plusSeconds(i % 3),
                        Todo.FIRST_VERSION);
                todos.add(insert(todo));
            }
            return todos;
        }
    }

    /** A tenant's tags, counted. */
    @Nested
    class TagCounts {

        /** Tags are counted per spelling as stored, each todo once per tag; todos without tags count for nothing. */
        @Test
        public void countTagsCountsEachStoredSpellingApart() {
            TenantId alice = tenant("alice");
            insert(planned(alice, "a", new Todo.Plan(null, Priority.NONE, tags("home", "Errand"))));
            insert(planned(alice, "b", new Todo.Plan(null, Priority.NONE, tags("Home"))));
            insert(planned(alice, "c", new Todo.Plan(null, Priority.NONE, tags("work", "home"))));
            insert(planned(alice, "d", Todo.Plan.NONE));

            assertThat(read(alice, () -> repository.countTags(alice))).containsExactlyInAnyOrder(
                    new TagCount(new Tag("home"), 2), new TagCount(new Tag("Home"), 1),
                    new TagCount(new Tag("Errand"), 1), new TagCount(new Tag("work"), 1));
            TenantId carol = tenant("carol");
            assertThat(read(carol, () -> repository.countTags(carol))).isEmpty();
        }

        /** Another tenant's todos are never found by a search or a tag, nor counted among the tenant's tags. */
        @Test
        public void searchTagsAndTagCountsAreTheTenantsOwn() {
            TenantId alice = tenant("alice");
            TenantId bob = tenant("bob");
            Todo alices = insert(Todo.create(TodoId.random(), alice, Title.of("milk"), null,
                    new Todo.Plan(null, Priority.HIGH, tags("home")), T0));
            Todo bobs = insert(Todo.create(TodoId.random(), bob, Title.of("milk"), null,
                    new Todo.Plan(null, Priority.HIGH, tags("home", "bob")), T0));
            TodoFilter milk = TodoFilter.ALL.withSearch(Optional.of(SearchQuery.parse("milk")));

            assertThat(findAll(alice, milk, T0)).containsExactly(alices);
            assertThat(findAll(bob, milk, T0)).containsExactly(bobs);
            assertThat(findAll(alice, TodoFilter.ALL.withTags(List.of(new Tag("home"))), T0)).containsExactly(alices);
            assertThat(findAll(alice, TodoFilter.ALL.withTags(List.of(new Tag("bob"))), T0)).isEmpty();
            assertThat(findAll(alice, milk, TodoSort.RELEVANCE)).containsExactly(alices);
            assertThat(read(alice, () -> repository.countTags(alice))).containsExactly(new TagCount(new Tag("home"), 1));
            TenantId carol = tenant("carol");
            assertThat(findAll(carol, milk, T0)).isEmpty();
            assertThat(read(carol, () -> repository.countTags(carol))).isEmpty();
        }
    }

    /** A todo's place in the hand-made order, its parent and its next occurrence; subtasks; holding the writes. */
    @Nested
    class HandMadeOrderAndSubtasks {

        /**
         * A todo's position, parent and next occurrence are stored and read back exactly, and a change sets each: a new
         * position and another parent, back to top level, a next occurrence with a completion.
         */
        @Test
        public void thePlaceAndTheNextOccurrenceAreStoredAndChanged() {
            TenantId alice = tenant("alice");
            Todo parent = insert(placed(alice, "parent", "a0", null, false, T0));
            Todo other = insert(placed(alice, "other parent", "a1", null, false, T0.plusSeconds(1)));
            TodoId named = TodoId.random();
            Todo subtask = insert(Todo.restore(TodoId.random(), alice, Title.of("subtask"), null, Todo.Plan.NONE,
                    new Todo.Place(OrderKey.parse("a0Zz"), parent.id()), named, true, T0, T0.plusSeconds(2), 3));

            assertThat(read(alice, () -> repository.find(alice, subtask.id()))).contains(subtask);
            assertThat(read(alice, () -> repository.find(alice, parent.id()))).contains(parent);

            Todo moved = changed(alice, subtask,
                    TodoChanges.none().position(OrderKey.parse("b10")).parent(other.id()), T0.plusSeconds(3));
            assertThat(moved.position()).isEqualTo(OrderKey.parse("b10"));
            assertThat(moved.parent()).contains(other.id());
            Todo out = changed(alice, moved, TodoChanges.none().position(OrderKey.parse("Zz")).parent(null),
                    T0.plusSeconds(4));
            assertThat(out.parent()).isEmpty();
            assertThat(out.nextOccurrence()).contains(named);

            TodoId next = TodoId.random();
            Todo completed = changed(alice, parent, TodoChanges.none().completed(true).nextOccurrence(next),
                    T0.plusSeconds(5));
            assertThat(completed.nextOccurrence()).contains(next);
            assertThat(completed.position()).isEqualTo(parent.position());
        }

        /**
         * A recurrence is stored and read back in its canonical text, and a change sets another or clears it (the due
         * staying).
         */
        @Test
        public void aRecurrenceIsStoredChangedAndCleared() {
            TenantId alice = tenant("alice");
            Due due = timed("2026-03-29", "09:30", "Europe/Berlin");
            Todo todo = insert(planned(alice, "weekly", new Todo.Plan(due, Priority.LOW, tags("home"),
                    Recurrence.parse("rrule:freq=weekly;byday=mo,we;count=10"))));

            Todo read = read(alice, () -> repository.find(alice, todo.id())).orElseThrow();
            assertThat(read).isEqualTo(todo);
            assertThat(read.recurrence().orElseThrow().value()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10");

            Todo monthly = changed(alice, todo,
                    TodoChanges.none().recurrence(Recurrence.parse("FREQ=MONTHLY;BYDAY=-1FR")), T0.plusSeconds(1));
            assertThat(monthly.recurrence()).contains(Recurrence.parse("FREQ=MONTHLY;BYDAY=-1FR"));
            Todo cleared = changed(alice, monthly, TodoChanges.none().recurrence(null), T0.plusSeconds(2));
            assertThat(cleared.recurrence()).isEmpty();
            assertThat(cleared.due()).contains(due);
        }

        /**
         * The order by position compares the keys' text code point by code point ({@code "Z0"} before {@code "a0"},
         * {@code "a0"} before {@code "a0Zz"}, {@code "aA"} before {@code "aa"}), whatever the creation order, both
         * ways, with a completion filter, and page by page from each page's last todo.
         */
        @Test
        public void findOrdersByPositionCodePointByCodePointBothWaysAndPages() {
            TenantId alice = tenant("alice");
            List<String> keys = List.of("Z0", "Zz", "a0", "a0Zz", "a0a0", "a1", "aA", "aa", "az", "b10");
            Map<String, Todo> byKey = new HashMap<>();
            for (int i : List.of(7, 2, 9, 0, 4, 1, 8, 3, 6, 5)) {
                String key = keys.get(i);
                byKey.put(key, insert(placed(alice, "todo " + key, key, null, i % 3 == 0,
                        T0.plusSeconds(keys.size() - i))));
            }
            TenantId bob = tenant("auth0|bob");
            insert(placed(bob, "bob's", "a0a0", null, false, T0));
            insert(placed(bob, "bob's other", "Z0", null, true, T0));
            List<Todo> ordered = keys.stream().map(byKey::get).toList();

            for (boolean descending : List.of(false, true)) {
                TodoSort sort = new TodoSort(TodoSort.Field.POSITION, descending);
                List<Todo> expected = descending ? reversed(ordered) : ordered;
                assertThat(sorted(ordered, sort)).as("the comparator, %s", sort).isEqualTo(expected);
                assertThat(findAll(alice, TodoFilter.ALL, sort)).as("%s", sort).containsExactlyElementsOf(expected);
                for (int limit : List.of(1, 3)) {
                    assertThat(pageThrough(alice, TodoFilter.ALL, sort, limit)).as("%s by %d", sort, limit)
                            .containsExactlyElementsOf(expected);
                }
                for (boolean completed : List.of(true, false)) {
                    assertThat(pageThrough(alice, TodoFilter.completed(Optional.of(completed)), sort, 2))
                            .as("%s, completed %s", sort, completed).isNotEmpty().containsExactlyElementsOf(
                                    expected.stream().filter(t -> t.completed() == completed).toList());
                }
            }
        }

        /**
         * A parent filter lists the subtasks of that todo only, in the query's order and with its other criteria; a todo
         * without subtasks, a subtask, an unknown id and another tenant's todo have none; without the filter every todo
         * is listed, subtasks too.
         */
        @Test
        public void findFiltersByParent() {
            TenantId alice = tenant("alice");
            Todo p = insert(placed(alice, "p", "a0", null, false, T0));
            Todo q = insert(placed(alice, "q", "a5", null, false, T0.plusSeconds(1)));
            Todo top = insert(placed(alice, "top", "a9", null, false, T0.plusSeconds(2)));
            Todo s1 = insert(placed(alice, "s1", "a2", p.id(), false, T0.plusSeconds(3)));
            Todo s2 = insert(placed(alice, "s2", "a1", p.id(), true, T0.plusSeconds(4)));
            Todo s3 = insert(placed(alice, "s3", "a6", q.id(), false, T0.plusSeconds(5)));
            TenantId bob = tenant("auth0|bob");
            Todo bobsParent = insert(Todo.restore(p.id(), bob, Title.of("bob's p"), null, Todo.Plan.NONE,
                    new Todo.Place(OrderKey.parse("a0"), null), null, false, T0, T0, Todo.FIRST_VERSION));
            Todo bobsSubtask = insert(placed(bob, "bob's subtask", "a1", p.id(), false, T0));
            TodoSort byPosition = new TodoSort(TodoSort.Field.POSITION, false);

            assertThat(findAll(alice, underParent(p), byPosition)).containsExactly(s2, s1);
            assertThat(findAll(alice, underParent(p), new TodoSort(TodoSort.Field.POSITION, true)))
                    .containsExactly(s1, s2);
            assertThat(findAll(alice, underParent(p), TodoSort.CREATION)).containsExactly(s1, s2);
            assertThat(findAll(alice, underParent(p).withCompleted(Optional.of(false)), byPosition))
                    .containsExactly(s1);
            assertThat(findAll(alice, underParent(q), byPosition)).containsExactly(s3);
            for (Todo childless : List.of(top, s1)) {
                assertThat(findAll(alice, underParent(childless), byPosition)).as("%s", childless.title()).isEmpty();
            }
            assertThat(findAll(alice, TodoFilter.ALL.withParent(Optional.of(TodoId.random())), byPosition)).isEmpty();
            assertThat(findAll(alice, TodoFilter.ALL, byPosition)).containsExactly(p, s2, s1, q, s3, top);
            assertThat(findAll(bob, underParent(p), byPosition)).containsExactly(bobsSubtask);
            assertThat(findAll(bob, TodoFilter.ALL, byPosition)).containsExactly(bobsParent, bobsSubtask);
        }

        /**
         * {@link TodoRepository#deleteSubtasks} deletes every subtask of the parent, done or not, and no other todo, and
         * tells how many; each leaves a tombstone at a position of its own past every earlier one; another tenant's todos
         * with the same parent id stay. A parent without subtasks has none to delete.
         */
        @Test
        public void deleteSubtasksDeletesEverySubtaskOfTheParentEachWithATombstone() {
            TenantId alice = tenant("alice");
            Todo p = insert(placed(alice, "p", "a0", null, false, T0));
            Todo q = insert(placed(alice, "q", "a5", null, false, T0.plusSeconds(1)));
            Todo s1 = insert(placed(alice, "s1", "a1", p.id(), false, T0.plusSeconds(2)));
            Todo s2 = insert(placed(alice, "s2", "a2", p.id(), true, T0.plusSeconds(3)));
            Todo s3 = insert(placed(alice, "s3", "a6", q.id(), false, T0.plusSeconds(4)));
            TenantId bob = tenant("auth0|bob");
            Todo bobsParent = insert(Todo.restore(p.id(), bob, Title.of("bob's p"), null, Todo.Plan.NONE,
                    new Todo.Place(OrderKey.parse("a0"), null), null, false, T0, T0, Todo.FIRST_VERSION));
            Todo bobsSubtask = insert(placed(bob, "bob's subtask", "a1", p.id(), false, T0.plusSeconds(1)));
            List<TodoChange> before = feed(alice);
            List<TodoChange> bobsFeed = feed(bob);
            long last = lastPosition(alice);
            Instant deletedAt = T0.plusSeconds(60);

            assertThat(write(alice, () -> repository.deleteSubtasks(alice, p.id(), deletedAt))).isEqualTo(2);

            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(p, q, s3);
            List<TodoChange> after = feed(alice);
            assertPositionsIncrease(after);
            assertThat(after).hasSize(5);
            assertThat(after.subList(0, 3)).containsExactlyElementsOf(
                    before.stream().filter(c -> !List.of(s1, s2).contains(todoOf(c))).toList());
            List<TodoChange> tombstones = after.subList(3, 5);
            assertThat(tombstones).allSatisfy(c -> {
                assertThat(c).isInstanceOf(TodoChange.Removed.class);
                assertThat(((TodoChange.Removed) c).deletedAt()).isEqualTo(deletedAt);
                assertThat(c.position()).isGreaterThan(last);
            });
            assertThat(tombstones).extracting(c -> ((TodoChange.Removed) c).id())
                    .containsExactlyInAnyOrder(s1.id(), s2.id());
            assertThat(read(bob, () -> repository.findAll(bob))).containsExactly(bobsParent, bobsSubtask);
            assertThat(feed(bob)).isEqualTo(bobsFeed);

            assertThat(write(alice, () -> repository.deleteSubtasks(alice, p.id(), deletedAt))).isZero();
            assertThat(write(alice, () -> repository.deleteSubtasks(alice, s3.id(), deletedAt))).isZero();
            assertThat(feed(alice)).isEqualTo(after);
        }

        /**
         * A delete of completed todos also deletes every subtask of a completed todo, open or done, each with a
         * tombstone of its own; an open todo keeps its open subtasks and loses its done ones.
         */
        @Test
        public void deleteCompletedAlsoDeletesEverySubtaskOfACompletedTodo() {
            TenantId alice = tenant("alice");
            Todo done = insert(placed(alice, "done parent", "a0", null, true, T0));
            Todo open = insert(placed(alice, "open parent", "a5", null, false, T0.plusSeconds(1)));
            Todo top = insert(placed(alice, "open", "a9", null, false, T0.plusSeconds(2)));
            Todo openUnderDone = insert(placed(alice, "open under done", "a1", done.id(), false, T0.plusSeconds(3)));
            Todo doneUnderDone = insert(placed(alice, "done under done", "a2", done.id(), true, T0.plusSeconds(4)));
            Todo doneUnderOpen = insert(placed(alice, "done under open", "a6", open.id(), true, T0.plusSeconds(5)));
            Todo openUnderOpen = insert(placed(alice, "open under open", "a7", open.id(), false, T0.plusSeconds(6)));
            long last = lastPosition(alice);
            Instant deletedAt = T0.plusSeconds(60);

            assertThat(write(alice, () -> repository.deleteCompleted(alice, deletedAt))).isEqualTo(4);

            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(open, top, openUnderOpen);
            List<TodoChange> after = feed(alice);
            assertPositionsIncrease(after);
            List<TodoChange> tombstones = after.subList(3, after.size());
            assertThat(tombstones).allSatisfy(c -> {
                assertThat(c).isInstanceOf(TodoChange.Removed.class);
                assertThat(c.position()).isGreaterThan(last);
            });
            assertThat(tombstones).extracting(c -> ((TodoChange.Removed) c).id()).containsExactlyInAnyOrder(
                    done.id(), openUnderDone.id(), doneUnderDone.id(), doneUnderOpen.id());
        }

        /**
         * After {@link TodoRepository#holdWrites}, a unit of work reads what the tenant's other writes cannot change
         * until it ends: a write of another unit waits, the unit reads what was there before it and writes; then the
         * other write goes on, after it in the feed.
         *
         * @throws Exception if a thread fails or hangs
         */
        @Test
        public void holdWritesKeepsTheTenantsOtherWritesWaitingUntilTheUnitEnds() throws Exception {
            TenantId alice = tenant("alice");
            Todo before = insert(newTodo(alice, "before", T0));
            Todo own = newTodo(alice, "written by the holding unit", T0.plusSeconds(1));
            Todo other = newTodo(alice, "written by another unit", T0.plusSeconds(2));
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);

            Threads.Started<List<Todo>> holder = Threads.start("contract-holder", () -> write(alice, () -> {
                repository.holdWrites(alice);
                held.countDown();
                try {
                    Threads.await(release);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                List<Todo> seen = repository.findAll(alice);
                repository.insert(alice, own, UNLIMITED);
                return seen;
            }));
            Threads.await(held);
            Threads.Started<Todo> writer = Threads.start("contract-writer", () -> insert(other));
            // The writer waits for the holder now, or (a database on its socket) seems to run: go on after a while.
            writer.awaitDoneOrWaitingAtMost(Duration.ofSeconds(2));
            release.countDown();

            assertThat(holder.result()).as("what the holding unit read").containsExactly(before);
            writer.result();
            assertThat(read(alice, () -> repository.findAll(alice))).containsExactly(before, own, other);
            assertThat(feed(alice)).extracting(c -> todoOf(c)).containsExactly(before, own, other);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A top-level or sub- todo at a given key, plain otherwise. */
    private static Todo placed(TenantId tenant, String title, String key, @Nullable TodoId parent, boolean completed,
                               Instant createdAt) {
        return Todo.restore(TodoId.random(), tenant, Title.of(title), null, Todo.Plan.NONE,
                new Todo.Place(OrderKey.parse(key), parent), null, completed, createdAt, createdAt,
                Todo.FIRST_VERSION);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** Only the subtasks of {@code parent}. */
    private static TodoFilter underParent(Todo parent) {
        return TodoFilter.ALL.withParent(Optional.of(parent.id()));
    }

    /** Applies changes to the tenant's stored {@code todo} at its version, checks the result and its read back. */
    private Todo changed(TenantId tenant, Todo todo, TodoChanges changes, Instant at) {
        Changed changed = write(tenant, () -> repository.change(tenant, todo.id(), OptionalLong.of(todo.version()),
                Edit.of(changes), at)).orElseThrow();
        Todo expected = todo.apply(changes, at);
        assertThat(changed.before()).isEqualTo(todo);
        assertThat(changed.after()).isEqualTo(expected);
        assertThat(read(tenant, () -> repository.find(tenant, todo.id()))).contains(expected);
        return expected;
    }

    /** Every todo a filter matches, in an order, read page by page from each page's last todo. */
    private List<Todo> pageThrough(TenantId tenant, TodoFilter filter, TodoSort sort, int limit) {
        List<Todo> seen = new ArrayList<>();
        Optional<TodoPosition> after = Optional.empty();
        for (int page = 0; page < 100; page++) {
            Optional<TodoPosition> from = after;
            List<Todo> found = read(tenant, () -> repository.find(tenant, new TodoQuery(filter, T0, sort, from,
                    OptionalInt.of(limit))));
            assertThat(found).as("page %d", page).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(found);
            if (found.size() < limit) {
                return seen;
            }
            after = Optional.of(TodoPosition.after(sort, found.get(found.size() - 1), null));
        }
        throw new AssertionError("more than 100 pages");
    }

    /** Lists the tenant's todos a filter matches at {@code now}, oldest first. */
    private List<Todo> findAll(TenantId tenant, TodoFilter filter, Instant now) {
        return read(tenant, () -> repository.find(tenant, new TodoQuery(filter, now, TodoSort.CREATION,
                Optional.empty(), OptionalInt.empty())));
    }

    /** Lists the tenant's todos a filter matches, in an order. */
    private List<Todo> findAll(TenantId tenant, TodoFilter filter, TodoSort sort) {
        return read(tenant, () -> repository.find(tenant, new TodoQuery(filter, T0, sort, Optional.empty(),
                OptionalInt.empty())));
    }

    /** The position of the last change in the tenant's feed, or 0. */
    private long lastPosition(TenantId tenant) {
        List<TodoChange> feed = feed(tenant);
        return feed.isEmpty() ? 0 : feed.get(feed.size() - 1).position();
    }

    private static Todo planned(TenantId tenant, String title, Todo.Plan plan) {
        return Todo.create(TodoId.random(), tenant, Title.of(title), null, plan, T0);
    }

    private static Todo.Plan due(Due due) {
        return new Todo.Plan(due, Priority.NONE, Tags.NONE);
    }

    private static Due timed(String date, String time, String zone) {
        return Due.of(LocalDate.parse(date), LocalTime.parse(time), ZoneId.of(zone));
    }

    private static Tags tags(String... names) {
        return Tags.of(List.of(names));
    }

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

    /**
     * Changes the tenant's stored todo into {@code next} (a state {@link Todo#apply} made from it) if its version is
     * {@code expectedVersion}: a change that sets every field, at {@code next}'s update time.
     */
    private boolean update(TenantId tenant, Todo next, long expectedVersion) {
        TodoChanges everyField = TodoChanges.none().title(next.title()).description(next.description().orElse(null))
                .completed(next.completed());
        return repository.change(tenant, next.id(), OptionalLong.of(expectedVersion), Edit.of(everyField),
                next.updatedAt()).isPresent();
    }

    /** Deletes the tenant's todo whatever its version. */
    private boolean delete(TenantId tenant, TodoId id, Instant deletedAt) {
        return repository.delete(tenant, id, OptionalLong.empty(), deletedAt);
    }

    /** Inserts a todo in a unit of work of its own, with no limit that matters, and checks that it was stored. */
    private Todo insert(Todo todo) {
        assertThat(write(todo.owner(), () -> repository.insert(todo.owner(), todo, UNLIMITED)))
                .as("insert of %s", todo.title()).isTrue();
        return todo;
    }

    private static final TodoId LOWEST_ID = id("00000000-0000-0000-0000-000000000000");
    private static final TodoId HIGHEST_ID = id("ffffffff-ffff-ffff-ffff-ffffffffffff");

    /**
     * Inserts, in scrambled order, todos that tie on each sort field in turn, with ids that straddle the sign bits of a
     * UUID's halves (where a signed comparison disagrees), titles that differ in case only, and titles whose order by
     * code point is not their order by UTF-16 unit ({@code "\uFFFD"} and {@code "😀"}); some done, some open; with
     * priorities and dues that tie too (timed in several zones, all day, none), all matching {@link #SORT_SEARCH}, two
     * of them in their titles.
     */
    private List<Todo> insertTodosToSort(TenantId tenant) {
        Instant t1 = T0.plusSeconds(1);
        Instant t2 = T0.plusSeconds(2);
        Instant t3 = T0.plusSeconds(3);
        Due nineInBerlin = Due.of(LocalDate.parse("2026-03-01"), LocalTime.parse("09:00"), ZoneId.of("Europe/Berlin"));
        Due marchFirst = Due.allDay(LocalDate.parse("2026-03-01"));
        List<Todo> todos = List.of(
                sortable(tenant, "12345678-1234-4234-8000-000000000000", "\uFFFD", false, T0, t3,
                        new Todo.Plan(nineInBerlin, Priority.HIGH, Tags.NONE)),
                sortable(tenant, "ffffffff-ffff-4fff-bfff-fffffffffffe", "b", true, t1, t1,
                        new Todo.Plan(marchFirst, Priority.LOW, Tags.NONE)),
                sortable(tenant, "00000000-0000-4000-8000-000000000000", "B", false, t2, t3,
                        new Todo.Plan(null, Priority.HIGH, Tags.NONE)),
                sortable(tenant, "80000000-0000-4000-8000-000000000000", "A", true, T0, t2,
                        new Todo.Plan(nineInBerlin, Priority.NONE, Tags.NONE)),
                sortable(tenant, "12345678-1234-4234-7fff-ffffffffffff", "😀", true, t1, t1,
                        new Todo.Plan(Due.allDay(LocalDate.parse("2026-02-28")), Priority.MEDIUM, Tags.NONE)),
                sortable(tenant, "00000000-0000-4000-8000-000000000001", "b", false, T0, T0,
                        new Todo.Plan(null, Priority.HIGH, Tags.NONE)),
                sortable(tenant, "8000000f-0000-4000-8000-000000000000", "c", true, t2, t2,
                        new Todo.Plan(Due.of(LocalDate.parse("2026-03-01"), LocalTime.parse("07:30"),
                                ZoneId.of("America/New_York")), Priority.LOW, Tags.NONE)),
                sortable(tenant, "7fffffff-ffff-4fff-bfff-ffffffffffff", "a", false, t1, t2,
                        new Todo.Plan(marchFirst, Priority.NONE, Tags.NONE)));
        // Keys unique in the tenant, as they must be, in an order of their own: (5i mod 8) seconds after T0.
        List<Todo> placed = new ArrayList<>();
        for (int i = 0; i < todos.size(); i++) {
            Todo todo = todos.get(i);
            placed.add(Todo.restore(todo.id(), tenant, todo.title(), todo.description().orElse(null), todo.plan(),
                    new Todo.Place(OrderKey.forNew(T0.plusSeconds(i * 5L % todos.size()), todo.id()), null), null,
                    todo.completed(), todo.createdAt(), todo.updatedAt(), todo.version()));
        }
        placed.forEach(this::insert);
        return placed;
    }

    /** The search of the {@link TodoSort.Field#RELEVANCE} order of {@link #insertTodosToSort}: all match, two rank 1. */
    private static final SearchQuery SORT_SEARCH = SearchQuery.parse("a");

    private static Todo sortable(TenantId tenant, String id, String title, boolean completed, Instant createdAt,
                                 Instant updatedAt, Todo.Plan plan) {
        return Todo.restore(id(id), tenant, Title.of(title), new Description("a todo to sort"), plan, completed,
                createdAt, updatedAt, Todo.FIRST_VERSION);
    }

    /** Every order: each field, ascending and descending. */
    private static List<TodoSort> allSorts() {
        List<TodoSort> sorts = new ArrayList<>();
        for (TodoSort.Field field : TodoSort.Field.values()) {
            sorts.add(new TodoSort(field, false));
            sorts.add(new TodoSort(field, true));
        }
        return sorts;
    }

    private static List<Todo> sorted(List<Todo> todos, TodoSort sort) {
        return todos.stream().sorted(sort.comparator(SORT_SEARCH)).toList();
    }

    private static TodoPosition after(TodoSort sort, Todo todo) {
        return TodoPosition.after(sort, todo, SORT_SEARCH);
    }

    /** A query of {@link #insertTodosToSort}'s todos: with {@link #SORT_SEARCH} in the relevance order, which needs one. */
    private static TodoQuery query(Optional<Boolean> completed, TodoSort sort, Optional<TodoPosition> after,
                                   OptionalInt limit) {
        TodoFilter filter = TodoFilter.completed(completed);
        if (sort.field() == TodoSort.Field.RELEVANCE) {
            filter = filter.withSearch(Optional.of(SORT_SEARCH));
        }
        return new TodoQuery(filter, T0, sort, after, limit);
    }

    /**
     * Positions that are not a todo's own: the sort key of each todo with an id below and above every id, and keys
     * that no todo has, between and beyond theirs.
     */
    private static List<TodoPosition> positionsBetween(TodoSort sort, List<Todo> todos) {
        List<TodoPosition> positions = new ArrayList<>();
        for (Todo todo : todos) {
            positions.add(new TodoPosition(sort, sort.keyOf(todo, SORT_SEARCH), LOWEST_ID));
            positions.add(new TodoPosition(sort, sort.keyOf(todo, SORT_SEARCH), HIGHEST_ID));
        }
        if (sort.field() == TodoSort.Field.POSITION) {
            for (String key : List.of("Z0", "Zz", "a0", "a0a0", "b10", "jzzzzzzzzzz")) {
                positions.add(new TodoPosition(sort, key, TodoId.random()));
            }
            return positions;
        }
        if (sort.field() == TodoSort.Field.TITLE) {
            for (String key : List.of("", "Ab", "a0", "bb", "zzz", "\uFFFD\uFFFD", "😀😀")) {
                positions.add(new TodoPosition(sort, key, TodoId.random()));
            }
            return positions;
        }
        List<Instant> instants = List.of(T0.minusSeconds(1), T0.plusMillis(500), T0.plusSeconds(2).plusNanos(1000),
                T0.plusSeconds(60));
        for (Todo todo : todos) {
            for (Instant instant : instants) {
                List<Object> key = new ArrayList<>(sort.keyOf(todo, SORT_SEARCH));
                key.set(key.size() - 1, instant);
                positions.add(new TodoPosition(sort, key, TodoId.random()));
            }
        }
        if (sort.parts().size() > 1) {
            for (long lead : List.of(-1L, 2L, 99L)) {
                List<Object> key = new ArrayList<>(sort.keyOf(todos.get(0), SORT_SEARCH));
                key.set(0, lead);
                positions.add(new TodoPosition(sort, key, TodoId.random()));
            }
        }
        return positions;
    }

    private List<TodoChange> feed(TenantId tenant) {
        return read(tenant, () -> repository.changesSince(tenant, 0, Integer.MAX_VALUE));
    }

    private long forgottenThrough(TenantId tenant) {
        return read(tenant, () -> repository.forgottenThrough(tenant));
    }

    private void forget(TenantId tenant, Instant horizon) {
        write(tenant, () -> {
            repository.forgetDeletionsBefore(tenant, horizon);
            return null;
        });
    }

    private void forgetAllBut(TenantId tenant, int keep) {
        write(tenant, () -> {
            repository.forgetDeletionsBeyond(tenant, keep);
            return null;
        });
    }

    /** Deletes a todo in a unit of work of its own, and returns the position of its tombstone. */
    private long deleteAndGetPosition(TenantId tenant, TodoId id, Instant deletedAt) {
        List<TodoChange> before = feed(tenant);
        long last = before.isEmpty() ? 0 : before.get(before.size() - 1).position();
        assertThat(write(tenant, () -> delete(tenant, id, deletedAt))).as("delete of %s", id).isTrue();
        return feedEndsWith(tenant, last, removed(id, deletedAt));
    }

    /**
     * Checks that the tenant's feed is in order, that it ends with the change (its position aside), at a position past
     * {@code previous}, and returns that position.
     */
    private long feedEndsWith(TenantId tenant, long previous, TodoChange expected) {
        List<TodoChange> feed = feed(tenant);
        assertPositionsIncrease(feed);
        assertThat(feed).as("the feed").isNotEmpty();
        TodoChange last = feed.get(feed.size() - 1);
        assertThat(withoutPosition(last)).as("the last change of the feed").isEqualTo(withoutPosition(expected));
        assertThat(last.position()).as("its position").isGreaterThan(previous);
        return last.position();
    }

    /** Positions start at 1, and each is higher than the one before it. */
    private static void assertPositionsIncrease(List<TodoChange> feed) {
        List<Long> positions = feed.stream().map(TodoChange::position).toList();
        assertThat(positions).as("positions").allMatch(position -> position >= 1).isSorted().doesNotHaveDuplicates();
    }

    private static TodoChange upserted(Todo todo) {
        return new TodoChange.Upserted(todo, 0);
    }

    private static TodoChange removed(TodoId id, Instant deletedAt) {
        return new TodoChange.Removed(id, deletedAt, 0);
    }

    private static TodoChange removed(TodoId id, Instant deletedAt, long position) {
        return new TodoChange.Removed(id, deletedAt, position);
    }

    /** The change with position 0, to compare what changed apart from where. */
    private static TodoChange withoutPosition(TodoChange change) {
        if (change instanceof TodoChange.Upserted upsert) {
            return upserted(upsert.todo());
        }
        TodoChange.Removed removed = (TodoChange.Removed) change;
        return removed(removed.id(), removed.deletedAt());
    }

    /** The todo of an upsert; null for a tombstone. */
    private static @Nullable Todo todoOf(TodoChange change) {
        return change instanceof TodoChange.Upserted upserted ? upserted.todo() : null;
    }
}
