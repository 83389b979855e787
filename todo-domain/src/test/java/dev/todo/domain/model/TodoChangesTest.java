package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes every todo accepts ({@link TodoChanges#acceptedByAnyTodo()}), checked against {@link Todo#apply}. */
class TodoChangesTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");
    private static final Due DUE = Due.allDay(LocalDate.of(2026, 3, 1));
    private static final Recurrence DAILY = Recurrence.parse("FREQ=DAILY");
    private static final TodoId SOME_ID = TodoId.random();

    /** A plain todo, one with a due, a recurring one, a completed subtask: the states a change may meet. */
    private static final List<Todo> TODOS = List.of(
            Todo.create(TodoId.random(), ALICE, Title.of("plain"), null, T0),
            Todo.create(TodoId.random(), ALICE, Title.of("due"), null, new Todo.Plan(DUE, Priority.LOW, Tags.NONE),
                    T0),
            Todo.create(TodoId.random(), ALICE, Title.of("recurring"), null,
                    new Todo.Plan(DUE, Priority.HIGH, Tags.NONE, DAILY), T0),
            Todo.create(SOME_ID, ALICE, Title.of("subtask"), null, Todo.Plan.NONE, TodoId.random(), T0)
                    .apply(TodoChanges.none().completed(true), T0));

    @Test
    void changesEveryTodoAcceptsAreTheOnesApplyNeverRefuses() {
        Map<String, TodoChanges> accepted = Map.of(
                "none", TodoChanges.none(),
                "completion", TodoChanges.none().completed(true),
                "priority and reopening", TodoChanges.none().priority(Priority.MEDIUM).completed(false),
                "a due", TodoChanges.none().due(DUE),
                "a due and a recurrence", TodoChanges.none().due(DUE).recurrence(DAILY),
                "no due and no recurrence", TodoChanges.none().due(null).recurrence(null),
                "no recurrence", TodoChanges.none().recurrence(null),
                "text and tags", TodoChanges.none().title(Title.of("t")).clearDescription().tags(Tags.NONE),
                "top level", TodoChanges.none().parent(null));
        Map<String, TodoChanges> refusedBySome = Map.of(
                "no due", TodoChanges.none().due(null),
                "a recurrence", TodoChanges.none().recurrence(DAILY),
                "a parent", TodoChanges.none().parent(SOME_ID),
                "a next occurrence", TodoChanges.none().nextOccurrence(SOME_ID));

        accepted.forEach((name, changes) -> {
            assertThat(changes.acceptedByAnyTodo()).as(name).isTrue();
            for (Todo todo : TODOS) {
                assertThatCode(() -> todo.apply(changes, T0.plusSeconds(1))).as("%s on %s", name, todo.title())
                        .doesNotThrowAnyException();
            }
        });
        refusedBySome.forEach((name, changes) -> {
            assertThat(changes.acceptedByAnyTodo()).as(name).isFalse();
            assertThat(TODOS).as(name).anySatisfy(todo -> assertThatCode(() -> todo.apply(changes, T0.plusSeconds(1)))
                    .isInstanceOf(RuntimeException.class));
        });
    }
}
