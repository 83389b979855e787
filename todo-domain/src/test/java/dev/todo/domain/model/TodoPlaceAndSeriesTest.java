package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.port.out.TodoRepository.Edit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A todo's recurrence, place (position and parent) and next occurrence, and what changes, sorts and filters them. */
class TodoPlaceAndSeriesTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456789Z");
    private static final Instant T1 = Instant.parse("2026-01-22T10:16:00.000001Z");
    private static final Due MONDAY = Due.allDay(LocalDate.parse("2026-02-02"));
    private static final Recurrence DAILY_3 = Recurrence.parse("FREQ=DAILY;COUNT=3");

    private static Todo recurring(Recurrence recurrence, TodoId parent) {
        return Todo.create(TodoId.random(), ALICE, Title.of("water"), new Description("all"),
                new Todo.Plan(MONDAY, Priority.HIGH, Tags.of(List.of("home")), recurrence), parent, T0);
    }

    @Test
    void aRecurrenceNeedsADue() {
        assertThatThrownBy(() -> new Todo.Plan(null, Priority.NONE, Tags.NONE, DAILY_3))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly(Recurrence.FIELD));
        Todo todo = recurring(DAILY_3, null);
        assertThatThrownBy(() -> todo.apply(TodoChanges.none().due(null), T1))
                .isInstanceOf(ValidationException.class);
        Todo cleared = todo.apply(TodoChanges.none().due(null).recurrence(null), T1);
        assertThat(cleared.due()).isEmpty();
        assertThat(cleared.recurrence()).isEmpty();
    }

    @Test
    void aNewTodoIsLastInTheOrderWithTheParentItIsGiven() {
        TodoId parent = TodoId.random();
        Todo todo = recurring(DAILY_3, parent);
        assertThat(todo.position()).isEqualTo(OrderKey.forNew(todo.createdAt(), todo.id()));
        assertThat(todo.parent()).contains(parent);
        assertThat(todo.isSubtask()).isTrue();
        assertThat(todo.place()).isEqualTo(new Todo.Place(todo.position(), parent));
        assertThat(todo.nextOccurrence()).isEmpty();
        assertThat(Todo.create(TodoId.random(), ALICE, Title.of("top"), null, T0).isSubtask()).isFalse();
    }

    @Test
    void aTodoIsNeitherItsOwnParentNorItsOwnNextOccurrence() {
        TodoId id = TodoId.random();
        OrderKey key = OrderKey.between(null, null);
        assertThatThrownBy(() -> Todo.restore(id, ALICE, Title.of("x"), null, Todo.Plan.NONE, new Todo.Place(key, id),
                null, false, T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Todo.restore(id, ALICE, Title.of("x"), null, Todo.Plan.NONE,
                new Todo.Place(key, null), id, false, T0, T0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangeSetsThePositionTheParentAndTheNextOccurrence() {
        Todo todo = recurring(DAILY_3, TodoId.random());
        OrderKey key = OrderKey.parse("a5");
        TodoId other = TodoId.random();
        TodoId next = TodoId.random();

        Todo moved = todo.apply(TodoChanges.none().position(key).parent(other), T1);
        assertThat(moved.position()).isEqualTo(key);
        assertThat(moved.parent()).contains(other);
        assertThat(moved.version()).isEqualTo(todo.version() + 1);
        assertThat(moved.plan()).isEqualTo(todo.plan());
        Todo out = moved.apply(TodoChanges.none().parent(null), T1);
        assertThat(out.parent()).isEmpty();
        assertThat(out.position()).isEqualTo(key);
        Todo named = out.apply(TodoChanges.none().completed(true).nextOccurrence(next), T1);
        assertThat(named.nextOccurrence()).contains(next);
        assertThat(named.apply(TodoChanges.none().completed(false), T1).nextOccurrence()).contains(next);
        Todo stays = todo.apply(TodoChanges.none().title(Title.of("renamed")), T1);
        assertThat(stays.place()).isEqualTo(todo.place());
    }

    @Test
    void theNextOccurrenceKeepsTheTodoButItsDueAndCountAndGoesLast() {
        TodoId parent = TodoId.random();
        Todo todo = recurring(DAILY_3, parent);
        assertThat(todo.followingOccurrence(T1)).isEmpty();
        TodoId nextId = TodoId.random();
        Todo done = todo.apply(TodoChanges.none().completed(true).nextOccurrence(nextId), T1);

        Todo next = done.followingOccurrence(T1).orElseThrow();

        assertThat(next.id()).isEqualTo(nextId);
        assertThat(next.owner()).isEqualTo(ALICE);
        assertThat(next.title()).isEqualTo(todo.title());
        assertThat(next.description()).isEqualTo(todo.description());
        assertThat(next.priority()).isEqualTo(Priority.HIGH);
        assertThat(next.tags()).isEqualTo(todo.tags());
        assertThat(next.parent()).contains(parent);
        assertThat(next.due()).contains(Due.allDay(LocalDate.parse("2026-02-03")));
        assertThat(next.recurrence()).contains(Recurrence.parse("FREQ=DAILY;COUNT=2"));
        assertThat(next.completed()).isFalse();
        assertThat(next.nextOccurrence()).isEmpty();
        assertThat(next.createdAt()).isEqualTo(Instant.parse("2026-01-22T10:16:00.000001Z"));
        assertThat(next.position()).isEqualTo(OrderKey.forNew(next.createdAt(), nextId)).isGreaterThan(todo.position());
        assertThat(next.version()).isEqualTo(Todo.FIRST_VERSION);
    }

    @Test
    void aSeriesThatEndsOrATodoThatDoesNotRepeatHasNoOccurrenceAfterIt() {
        assertThat(Todo.create(TodoId.random(), ALICE, Title.of("once"), null, T0).occurrenceAfter()).isEmpty();
        assertThat(recurring(Recurrence.parse("FREQ=DAILY;COUNT=1"), null).occurrenceAfter()).isEmpty();
        Todo last = recurring(Recurrence.parse("FREQ=DAILY;COUNT=1"), null);
        Todo done = last.apply(TodoChanges.none().completed(true).nextOccurrence(TodoId.random()), T1);
        assertThat(done.followingOccurrence(T1)).isEmpty();
    }

    @Test
    void aCompletingEditNamesTheNextOccurrenceOnlyWhenItCompletesAnOpenTodoWhoseSeriesGoesOn() {
        TodoId next = TodoId.random();
        Todo open = recurring(DAILY_3, null);
        Edit complete = Edit.of(TodoChanges.none().completed(true));

        assertThat(Edit.completing(complete, next).changesFor(open).nextOccurrence()).contains(next);
        assertThat(Edit.completing(Edit.flip(), next).changesFor(open).nextOccurrence()).contains(next);
        Todo done = open.apply(TodoChanges.none().completed(true), T1);
        assertThat(Edit.completing(complete, next).changesFor(done).nextOccurrence()).isEmpty();
        Todo named = open.apply(TodoChanges.none().nextOccurrence(TodoId.random()), T1);
        assertThat(Edit.completing(complete, next).changesFor(named).nextOccurrence()).isEmpty();
        assertThat(Edit.completing(Edit.of(TodoChanges.none().title(Title.of("x"))), next).changesFor(open)
                .nextOccurrence()).isEmpty();
        Todo ending = recurring(Recurrence.parse("FREQ=DAILY;COUNT=1"), null);
        assertThat(Edit.completing(complete, next).changesFor(ending).nextOccurrence()).isEmpty();
        Todo once = Todo.create(TodoId.random(), ALICE, Title.of("once"), null, T0);
        assertThat(Edit.completing(complete, next).changesFor(once).nextOccurrence()).isEmpty();
    }

    @Test
    void onlyEditsThatMayCompleteSaySo() {
        assertThat(Edit.flip().mayComplete()).isTrue();
        assertThat(Edit.of(TodoChanges.none().completed(true)).mayComplete()).isTrue();
        assertThat(Edit.of(TodoChanges.none().completed(false)).mayComplete()).isFalse();
        assertThat(Edit.of(TodoChanges.none().title(Title.of("x"))).mayComplete()).isFalse();
        assertThat(Edit.retag(new Tag("a"), null).mayComplete()).isFalse();
        assertThat(Edit.completing(Edit.flip(), TodoId.random()).mayComplete()).isTrue();
        assertThat(Edit.completing(Edit.of(TodoChanges.none()), TodoId.random()).mayComplete()).isFalse();
    }

    @Test
    void changesOfThePlaceTheRecurrenceAndTheSeriesAreChanges() {
        TodoId id = new TodoId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
        List<TodoChanges> each = List.of(TodoChanges.none().recurrence(DAILY_3), TodoChanges.none().recurrence(null),
                TodoChanges.none().position(OrderKey.parse("a1")), TodoChanges.none().parent(id),
                TodoChanges.none().parent(null), TodoChanges.none().nextOccurrence(id));
        for (int i = 0; i < each.size(); i++) {
            assertThat(each.get(i).isEmpty()).as("%s", each.get(i)).isFalse();
            for (int j = 0; j < each.size(); j++) {
                assertThat(each.get(i).equals(each.get(j))).as("%s = %s", each.get(i), each.get(j)).isEqualTo(i == j);
            }
        }
        assertThat(TodoChanges.none().parent(null).changesParent()).isTrue();
        assertThat(TodoChanges.none().parent(null).parent()).isEmpty();
        assertThat(TodoChanges.none().recurrence(null).changesRecurrence()).isTrue();
        assertThat(TodoChanges.none().title(Title.of("x")).changesParent()).isFalse();
        assertThat(TodoChanges.none().position(OrderKey.parse("a1")))
                .isEqualTo(TodoChanges.none().position(OrderKey.parse("a1")))
                .hasSameHashCodeAs(TodoChanges.none().position(OrderKey.parse("a1")));
        assertThat(TodoChanges.none().parent(id).toString()).contains("parent=" + id);
    }

    @Test
    void thePositionOrderComparesKeysByCodePointThenIds() {
        TodoId low = new TodoId(UUID.fromString("00000000-0000-4000-8000-000000000000"));
        TodoId high = new TodoId(UUID.fromString("ffffffff-0000-4000-8000-000000000000"));
        Todo z = placed(low, "Zz");
        Todo a = placed(high, "a0");
        Todo aa = placed(low, "a0a0");
        Todo upper = placed(high, "aA");
        Todo lower = placed(low, "aa");
        TodoSort up = new TodoSort(TodoSort.Field.POSITION, false);
        TodoSort down = new TodoSort(TodoSort.Field.POSITION, true);

        assertThat(List.of(lower, aa, upper, z, a).stream().sorted(up.comparator()).toList())
                .containsExactly(z, a, aa, upper, lower);
        assertThat(List.of(lower, aa, upper, z, a).stream().sorted(down.comparator()).toList())
                .containsExactly(lower, upper, aa, a, z);
        assertThat(up.keyOf(aa)).containsExactly("a0a0");
        assertThat(TodoPosition.after(up, aa).precedes(upper, null)).isTrue();
        assertThat(TodoPosition.after(up, aa).precedes(a, null)).isFalse();
        assertThat(new TodoPosition(up, "aA", low).key()).containsExactly("aA");
        assertThatThrownBy(() -> new TodoPosition(up, "b01", low)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aParentFilterKeepsThatTodosSubtasksOnly() {
        TodoId parent = TodoId.random();
        Todo subtask = recurring(DAILY_3, parent);
        Todo other = recurring(DAILY_3, TodoId.random());
        Todo top = recurring(DAILY_3, null);
        TodoFilter filter = TodoFilter.ALL.withParent(Optional.of(parent));

        assertThat(filter.matches(subtask, T1)).isTrue();
        assertThat(filter.matches(other, T1)).isFalse();
        assertThat(filter.matches(top, T1)).isFalse();
        assertThat(TodoFilter.ALL.matches(subtask, T1)).isTrue();
        assertThat(TodoFilter.ALL.matches(top, T1)).isTrue();
        assertThat(filter.withCompleted(Optional.of(false)).parent()).contains(parent);
        assertThat(filter.withSearch(Optional.empty()).withTags(List.of()).parent()).contains(parent);
    }

    private static Todo placed(TodoId id, String key) {
        return Todo.restore(id, ALICE, Title.of("todo " + key), null, Todo.Plan.NONE,
                new Todo.Place(OrderKey.parse(key), null), null, false, T0, T0, Todo.FIRST_VERSION);
    }
}
