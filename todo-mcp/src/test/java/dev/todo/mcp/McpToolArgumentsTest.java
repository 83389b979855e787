package dev.todo.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.Violation;
import dev.todo.domain.port.in.CreateTodoCommand;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tools' arguments read into the domain's commands and queries, and every broken rule named by its argument. */
class McpToolArgumentsTest {

    private static final TenantId TENANT = TenantId.of("alice");
    /** A Wednesday, 23:30 in UTC: already Thursday in Berlin. */
    private static final Instant NOW = Instant.parse("2026-01-21T23:30:00Z");

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    private static List<String> fields(Runnable call) {
        try {
            call.run();
        } catch (ValidationException e) {
            return e.violations().stream().map(Violation::field).toList();
        }
        throw new AssertionError("no ValidationException");
    }

    @Test
    void addReadsEveryMember() {
        String parent = TodoId.random().toString();
        CreateTodoCommand command = ToolArguments.create(TENANT, args("title", "Pay rent", "description", "by card",
                "due", Map.of("date", "2026-02-01", "time", "09:00", "time_zone", "Europe/Berlin"),
                "priority", "high", "tags", List.of("home", "money"), "recurrence", "FREQ=MONTHLY",
                "parent_id", parent), "");
        assertThat(command.tenant()).isEqualTo(TENANT);
        assertThat(command.title().value()).isEqualTo("Pay rent");
        assertThat(command.description()).isNotNull();
        assertThat(command.plan().due()).isEqualTo(Due.of(LocalDate.of(2026, 2, 1), LocalTime.of(9, 0),
                ZoneId.of("Europe/Berlin")));
        assertThat(command.plan().priority()).isEqualTo(Priority.HIGH);
        assertThat(command.plan().tags().names()).containsExactly("home", "money");
        assertThat(command.plan().recurrence()).isNotNull();
        assertThat(command.parent()).isEqualTo(TodoId.parse(parent));
    }

    @Test
    void addTakesADateAloneAsAnAllDayDueAndDefaultsTheRest() {
        CreateTodoCommand command = ToolArguments.create(TENANT, args("title", "x", "due", "2026-02-01",
                "priority", null, "tags", null), "");
        assertThat(command.plan().due()).isEqualTo(Due.allDay(LocalDate.of(2026, 2, 1)));
        assertThat(command.plan().priority()).isEqualTo(Priority.NONE);
        assertThat(command.plan().tags()).isEqualTo(Tags.NONE);
        assertThat(command.description()).isNull();
        assertThat(command.parent()).isNull();
    }

    @Test
    void everyBrokenRuleIsNamedByItsArgumentAndPrefix() {
        List<String> fields = fields(() -> ToolArguments.create(TENANT, args("title", " ", "due", "01/02/2026",
                "priority", "urgent", "tags", List.of("ok", " "), "parent_id", "nope"), "tasks[3]."));
        assertThat(fields).containsExactly("tasks[3].title", "tasks[3].due", "tasks[3].priority",
                "tasks[3].tags[1]", "tasks[3].parent_id");
    }

    @Test
    void aRecurrenceNeedsADue() {
        assertThat(fields(() -> ToolArguments.create(TENANT, args("title", "x", "recurrence", "FREQ=DAILY"), "")))
                .containsExactly("recurrence");
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndNullClears() {
        TodoChanges changes = ToolArguments.changes(args("task_id", "ignored here", "title", "New",
                "description", null, "due", null, "priority", null, "tags", null), "");
        assertThat(changes.title()).hasValueSatisfying(title -> assertThat(title.value()).isEqualTo("New"));
        assertThat(changes.changesDescription()).isTrue();
        assertThat(changes.description()).isEmpty();
        assertThat(changes.changesDue()).isTrue();
        assertThat(changes.due()).isEmpty();
        assertThat(changes.priority()).contains(Priority.NONE);
        assertThat(changes.tags()).contains(Tags.NONE);
        assertThat(changes.changesRecurrence()).isFalse();
        assertThat(changes.completed()).isEmpty();
    }

    @Test
    void anUpdateWithNothingToChangeIsRefused() {
        assertThat(fields(() -> ToolArguments.changes(args("task_id", TodoId.random().toString()), "tasks[0].")))
                .containsExactly("tasks[0].task_id");
    }

    @Test
    void taskIdMustBeAUuid() {
        TodoId id = TodoId.random();
        assertThat(ToolArguments.taskId(args("task_id", id.toString()), "")).isEqualTo(id);
        assertThatThrownBy(() -> ToolArguments.taskId(args("task_id", "42"), "tasks[1]."))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.violations().get(0).field()).isEqualTo("tasks[1].task_id"));
    }

    @Test
    void completedIsTrueUnlessFalse() {
        assertThat(ToolArguments.completed(args())).isTrue();
        assertThat(ToolArguments.completed(args("completed", true))).isTrue();
        assertThat(ToolArguments.completed(args("completed", false))).isFalse();
    }

    @Test
    void listStatusSearchPriorityTagsAndDates() {
        TodoFilter filter = ToolArguments.filter(args("status", "pending", "q", "milk", "priority",
                List.of("high", "low"), "tag", "home", "due_after", "2026-01-01", "due_before", "2026-01-31"), NOW);
        assertThat(filter.completed()).contains(false);
        assertThat(filter.search()).isPresent();
        assertThat(filter.priorities()).containsExactlyInAnyOrder(Priority.HIGH, Priority.LOW);
        assertThat(filter.tagKeys()).containsExactly("home");
        assertThat(filter.dueFrom()).contains(LocalDate.of(2026, 1, 1));
        assertThat(filter.dueUntil()).contains(LocalDate.of(2026, 1, 31));
        assertThat(ToolArguments.filter(args("status", "completed"), NOW).completed()).contains(true);
        assertThat(ToolArguments.filter(args(), NOW)).isEqualTo(TodoFilter.ALL);
    }

    @Test
    void dueTodayAndThisWeekAreInTheCallersTimeZone() {
        TodoFilter utc = ToolArguments.filter(args("due", "today"), NOW);
        assertThat(utc.dueFrom()).contains(LocalDate.of(2026, 1, 21));
        assertThat(utc.dueUntil()).contains(LocalDate.of(2026, 1, 21));
        TodoFilter berlin = ToolArguments.filter(args("due", "today", "time_zone", "Europe/Berlin"), NOW);
        assertThat(berlin.dueFrom()).contains(LocalDate.of(2026, 1, 22));
        TodoFilter week = ToolArguments.filter(args("due", "this_week"), NOW);
        assertThat(week.dueFrom()).contains(LocalDate.of(2026, 1, 19));
        assertThat(week.dueUntil()).contains(LocalDate.of(2026, 1, 25));
        TodoFilter overdue = ToolArguments.filter(args("due", "overdue", "time_zone", "Asia/Tokyo"), NOW);
        assertThat(overdue.overdue()).contains(true);
        assertThat(overdue.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(fields(() -> ToolArguments.filter(args("due", "today", "due_after", "2026-01-01"), NOW)))
                .containsExactly("due");
        assertThat(fields(() -> ToolArguments.filter(args("time_zone", "Mars/Olympus"), NOW)))
                .containsExactly("time_zone");
    }

    @Test
    void sortAndLimit() {
        assertThat(ToolArguments.sort(args())).isEqualTo(TodoSort.CREATION);
        assertThat(ToolArguments.sort(args("q", "milk"))).isEqualTo(TodoSort.RELEVANCE);
        assertThat(ToolArguments.sort(args("sort", "-due"))).isEqualTo(new TodoSort(TodoSort.Field.DUE, true));
        assertThat(ToolArguments.limit(args())).isEqualTo(ToolArguments.DEFAULT_LIMIT);
        assertThat(ToolArguments.limit(args("limit", 7))).isEqualTo(7);
        assertThat(fields(() -> ToolArguments.limit(args("limit", 501)))).containsExactly("limit");
    }

    @Test
    void aCursorIsBoundToItsTenantOrderAndFilter() {
        ListCursors cursors = new ListCursors(new byte[32]);
        TodoFilter pending = ToolArguments.filter(args("status", "pending"), NOW);
        var position = new dev.todo.domain.model.TodoPosition(TodoSort.CREATION,
                List.of(Instant.parse("2026-01-01T00:00:00Z")), TodoId.random());
        String binding = ToolArguments.binding(TENANT, TodoSort.CREATION, pending);
        String cursor = cursors.seal(position, binding);
        assertThat(cursors.open(cursor, TodoSort.CREATION, binding)).isEqualTo(position);
        for (String other : List.of(ToolArguments.binding(TenantId.of("bob"), TodoSort.CREATION, pending),
                ToolArguments.binding(TENANT, TodoSort.CREATION, TodoFilter.ALL),
                ToolArguments.binding(TENANT, TodoSort.CREATION, pending.withParent(Optional.of(TodoId.random()))))) {
            assertThatThrownBy(() -> cursors.open(cursor, TodoSort.CREATION, other))
                    .isInstanceOf(ValidationException.class);
        }
        assertThatThrownBy(() -> cursors.open(cursor.substring(1), TodoSort.CREATION, binding))
                .isInstanceOf(ValidationException.class);
    }
}
