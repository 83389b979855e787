package dev.todo.rest.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.MoveTodoCommand;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The plan's members of a request body: due, priority, tags and recurrence, on create, replace and patch; a create's
 * parent; the read-only members; a move's body.
 */
class TodoRequestsTest {

    private static final TenantId TENANT = new TenantId("alice");
    private static final TodoId ID = TodoId.parse("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final TodoId OTHER = TodoId.parse("0b9e4a1e-8a5c-4e3a-9d4f-3c2b1a0f9e8d");
    private static final String DUE = "\"due\":{\"date\":\"2026-12-24\"}";
    private static final HttpRequest<?> JSON = HttpRequest.POST("/", "").contentType(MediaType.APPLICATION_JSON_TYPE);

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static CreateTodoCommand create(String json) {
        return TodoRequests.create(TENANT, JSON, body(json));
    }

    private static List<FieldError> errors(Runnable request) {
        ProblemException e = catchThrowableOfType(ProblemException.class, request::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status().getCode()).isEqualTo(422);
        return e.fieldErrors();
    }

    private static List<String> fields(Runnable request) {
        return errors(request).stream().map(FieldError::field).toList();
    }

    @Test
    void aCreateWithoutThePlanGetsTheDefaults() {
        CreateTodoCommand command = create("{\"title\":\"t\"}");
        assertThat(command.plan().due()).isNull();
        assertThat(command.plan().priority()).isEqualTo(Priority.NONE);
        assertThat(command.plan().tags()).isEqualTo(Tags.NONE);
        CreateTodoCommand nulls = create("{\"title\":\"t\",\"due\":null,\"priority\":null,\"tags\":null}");
        assertThat(nulls.plan()).isEqualTo(command.plan());
    }

    @Test
    void aCreateCarriesThePlan() {
        CreateTodoCommand command = create("{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"time\":\"17:30\","
                + "\"time_zone\":\"Europe/Berlin\"},\"priority\":\"high\",\"tags\":[\" home \",\"Errand\"]}");
        assertThat(command.plan().due()).isEqualTo(new Due(LocalDate.parse("2026-12-24"), LocalTime.parse("17:30"),
                ZoneId.of("Europe/Berlin")));
        assertThat(command.plan().priority()).isEqualTo(Priority.HIGH);
        assertThat(command.plan().tags().names()).containsExactly("home", "Errand");
        assertThat(create("{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"time\":null,\"time_zone\":null}}")
                .plan().due()).isEqualTo(Due.allDay(LocalDate.parse("2026-12-24")));
    }

    @Test
    void everyViolationOfThePlanIsNamedAtOnce() {
        assertThat(fields(() -> create("{\"title\":\"\",\"due\":{\"date\":\"2026-02-30\",\"time\":\"25:00\","
                + "\"time_zone\":\"Mars/Olympus\",\"at\":\"x\",\"extra\":1},\"priority\":\"urgent\","
                + "\"tags\":[\"ok\",\"OK\",7,\"\",null,[\"x\"]]}")))
                .containsExactlyInAnyOrder("title", "due.date", "due.time", "due.time_zone", "due.at", "due.extra",
                        "priority", "tags[1]", "tags[2]", "tags[3]", "tags[4]", "tags[5]");
    }

    @Test
    void wrongTypesAreNamedByTheirPart() {
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":\"2026-12-24\",\"priority\":3,\"tags\":\"home\"}")))
                .containsExactly("due", "priority", "tags");
        assertThat(errors(() -> create("{\"title\":\"t\",\"due\":{\"date\":20261224,\"time\":1730,"
                + "\"time_zone\":\"Europe/Berlin\"}}")))
                .containsExactlyInAnyOrder(new FieldError("due.date", "must be a string"),
                        new FieldError("due.time", "must be a string"));
        assertThat(errors(() -> create("{\"title\":\"t\",\"due\":{}}")))
                .containsExactly(new FieldError("due.date", "is required"));
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":[\"2026-12-24\"]}"))).containsExactly("due");
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"date\":\"2026-12-25\"}}")))
                .containsExactly("due.date");
    }

    @Test
    void aTimeAndAZoneComeTogetherAndAGapIsRefused() {
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":{\"date\":\"2026-12-24\",\"time\":\"10:00\"}}")))
                .containsExactly("due.time_zone");
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":{\"date\":\"2026-03-29\",\"time\":\"02:30:00\","
                + "\"time_zone\":\"Europe/Berlin\"}}"))).containsExactly("due.time");
    }

    @Test
    void tooManyTagsAreOneErrorWhateverTheirNumber() {
        String many = "[" + "1,".repeat(5_000) + "1]";
        List<FieldError> errors = errors(() -> create("{\"title\":\"t\",\"tags\":" + many + "}"));
        assertThat(errors).hasSize(Tags.MAX_COUNT + 1).contains(new FieldError("tags", "must hold at most 20 tags"));
    }

    @Test
    void aPatchLeavesOutWhatIsAbsentAndClearsWhatIsNull() {
        TodoChanges absent = TodoRequests.changes(JSON, body("{\"title\":\"t\"}"));
        assertThat(absent.changesDue()).isFalse();
        assertThat(absent.priority()).isEmpty();
        assertThat(absent.tags()).isEmpty();
        TodoChanges nulls = TodoRequests.changes(JSON, body("{\"due\":null,\"priority\":null,\"tags\":null}"));
        assertThat(nulls).isEqualTo(TodoChanges.none().due(null).priority(Priority.NONE).tags(Tags.NONE));
        TodoChanges set = TodoRequests.changes(JSON, body("{\"due\":{\"date\":\"2026-12-24\"},\"priority\":\"low\","
                + "\"tags\":[\"a\"]}"));
        assertThat(set).isEqualTo(TodoChanges.none().due(Due.allDay(LocalDate.parse("2026-12-24")))
                .priority(Priority.LOW).tags(Tags.of(List.of("a"))));
    }

    @Test
    void aPutSetsThePlanItLeavesOutToItsDefaults() {
        TodoChanges changes = TodoRequests.replacement(JSON,
                body("{\"title\":\"t\",\"description\":null,\"is_completed\":false}"));
        assertThat(changes.changesDue()).isTrue();
        assertThat(changes.due()).isEmpty();
        assertThat(changes.priority()).contains(Priority.NONE);
        assertThat(changes.tags()).contains(Tags.NONE);
        TodoChanges given = TodoRequests.replacement(JSON, body("{\"title\":\"t\",\"description\":null,"
                + "\"is_completed\":false,\"priority\":\"medium\",\"tags\":[\"x\"]}"));
        assertThat(given.priority()).contains(Priority.MEDIUM);
        assertThat(given.tags()).contains(Tags.of(List.of("x")));
        assertThat(fields(() -> TodoRequests.replacement(JSON, body("{\"title\":\"t\",\"priority\":\"x\"}"))))
                .containsExactlyInAnyOrder("description", "is_completed", "priority");
    }

    @Test
    void aCreateCarriesItsParent() {
        assertThat(create("{\"title\":\"t\"}").parent()).isNull();
        assertThat(create("{\"title\":\"t\",\"parent_id\":null}").parent()).isNull();
        assertThat(create("{\"title\":\"t\",\"parent_id\":\"" + OTHER + "\"}").parent()).isEqualTo(OTHER);
        assertThat(errors(() -> create("{\"title\":\"t\",\"parent_id\":\"nope\"}")))
                .containsExactly(new FieldError("parent_id", "must be a UUID"));
        assertThat(errors(() -> create("{\"title\":\"t\",\"parent_id\":7}")))
                .containsExactly(new FieldError("parent_id", "must be a string or null"));
    }

    @Test
    void aCreateCarriesItsRecurrenceInCanonicalForm() {
        CreateTodoCommand command = create("{\"title\":\"t\"," + DUE + ",\"recurrence\":\"rrule:freq=weekly;byday=mo\"}");
        assertThat(command.plan().recurrence()).isEqualTo(Recurrence.parse("FREQ=WEEKLY;BYDAY=MO"));
        assertThat(command.plan().recurrence().value()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
        assertThat(create("{\"title\":\"t\",\"recurrence\":null}").plan().recurrence()).isNull();
        assertThat(errors(() -> create("{\"title\":\"t\"," + DUE + ",\"recurrence\":[\"FREQ=DAILY\"]}")))
                .containsExactly(new FieldError("recurrence", "must be a string or null"));
    }

    @Test
    void anUnsupportedRecurrenceIsNamedWithTheOtherViolations() {
        List<FieldError> errors = errors(() -> create("{\"title\":\"\"," + DUE + ",\"priority\":\"x\","
                + "\"recurrence\":\"FREQ=DAILY;BYSETPOS=1\"}"));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("title", "priority", "recurrence");
        assertThat(errors).filteredOn(e -> e.field().equals("recurrence")).singleElement()
                .extracting(FieldError::message).asString().contains("BYSETPOS");
    }

    /** A recurrence needs a due: a body that sends one without a due is refused with all its other violations. */
    @Test
    void aRecurrenceWithoutADueJoinsTheOtherViolations() {
        assertThat(fields(() -> create("{\"title\":\"\",\"recurrence\":\"FREQ=DAILY\",\"parent_id\":\"x\"}")))
                .containsExactlyInAnyOrder("title", "recurrence", "parent_id");
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":null,\"recurrence\":\"FREQ=DAILY\"}")))
                .containsExactly("recurrence");
        assertThat(fields(() -> TodoRequests.replacement(JSON, body("{\"title\":\"t\",\"description\":null,"
                + "\"recurrence\":\"FREQ=DAILY\"}")))).containsExactlyInAnyOrder("is_completed", "recurrence");
        assertThat(fields(() -> TodoRequests.changes(JSON, body("{\"due\":null,\"recurrence\":\"FREQ=DAILY\","
                + "\"title\":null}")))).containsExactlyInAnyOrder("title", "recurrence");
        // A due that is wrong is named alone: the recurrence is not said to lack it.
        assertThat(fields(() -> create("{\"title\":\"t\",\"due\":{\"date\":\"2026-02-30\"},"
                + "\"recurrence\":\"FREQ=DAILY\"}"))).containsExactly("due.date");
        // A PATCH without a due leaves the check to the todo's own due (the domain's).
        TodoChanges patch = TodoRequests.changes(JSON, body("{\"recurrence\":\"FREQ=DAILY\"}"));
        assertThat(patch.recurrence()).contains(Recurrence.parse("FREQ=DAILY"));
    }

    @Test
    void aPatchLeavesAnAbsentRecurrenceAndClearsANullOneAndAPutDefaultsItToNone() {
        assertThat(TodoRequests.changes(JSON, body("{\"title\":\"t\"}")).changesRecurrence()).isFalse();
        TodoChanges cleared = TodoRequests.changes(JSON, body("{\"recurrence\":null}"));
        assertThat(cleared).isEqualTo(TodoChanges.none().recurrence(null));
        TodoChanges put = TodoRequests.replacement(JSON,
                body("{\"title\":\"t\",\"description\":null,\"is_completed\":false}"));
        assertThat(put.changesRecurrence()).isTrue();
        assertThat(put.recurrence()).isEmpty();
    }

    /**
     * The members a todo shows but a write does not take are refused as unknown, as {@code id} is; those that a move
     * changes say so.
     */
    @Test
    void readOnlyMembersAreRefusedAsUnknownPointingToTheMove() {
        String readOnly = "\"id\":\"" + ID + "\",\"position\":\"x\",\"parent_id\":null,\"next_occurrence_id\":null";
        List<FieldError> patch = errors(() -> TodoRequests.changes(JSON, body("{\"title\":\"t\"," + readOnly + "}")));
        assertThat(patch).extracting(FieldError::field)
                .containsExactly("id", "position", "parent_id", "next_occurrence_id");
        assertThat(patch).extracting(FieldError::message).allMatch(m -> m.startsWith("is not a known member"));
        assertThat(patch.get(1).message()).contains("move");
        assertThat(patch.get(2).message()).contains("move");
        assertThat(fields(() -> TodoRequests.replacement(JSON, body("{\"title\":\"t\",\"description\":null,"
                + "\"is_completed\":false,\"parent_id\":\"" + OTHER + "\"}")))).containsExactly("parent_id");
        assertThat(fields(() -> create("{\"title\":\"t\",\"position\":\"x\",\"next_occurrence_id\":null}")))
                .containsExactly("position", "next_occurrence_id");
    }

    private static MoveTodoCommand move(String json) {
        return TodoRequests.move(TENANT, ID, OptionalLong.of(3), JSON, body(json));
    }

    @Test
    void aMoveNamesTheTodoItGoesAfterAndMaybeItsParent() {
        assertThat(move("{\"after\":null}"))
                .isEqualTo(MoveTodoCommand.after(TENANT, ID, null, OptionalLong.of(3)));
        assertThat(move("{\"after\":\"" + OTHER + "\"}"))
                .isEqualTo(MoveTodoCommand.after(TENANT, ID, OTHER, OptionalLong.of(3)));
        assertThat(move("{\"after\":null,\"parent_id\":null}"))
                .isEqualTo(MoveTodoCommand.under(TENANT, ID, null, null, OptionalLong.of(3)));
        assertThat(move("{\"parent_id\":\"" + OTHER + "\",\"after\":null}"))
                .isEqualTo(MoveTodoCommand.under(TENANT, ID, OTHER, null, OptionalLong.of(3)));
    }

    @Test
    void aMoveBodyIsStrict() {
        assertThat(errors(() -> move("{}"))).containsExactly(new FieldError("after", "is required"));
        assertThat(errors(() -> move("{\"parent_id\":null}"))).containsExactly(new FieldError("after", "is required"));
        assertThat(errors(() -> move("{\"after\":\"first\",\"parent_id\":\"" + ID.toString().toUpperCase(java.util.Locale.ROOT).substring(1) + "\"}")))
                .containsExactly(new FieldError("after", "must be a UUID"), new FieldError("parent_id", "must be a UUID"));
        assertThat(fields(() -> move("{\"after\":1,\"position\":\"x\",\"after\":null}")))
                .containsExactly("after", "after", "position");
        assertThat(catchThrowableOfType(ProblemException.class, () -> move("{\"after\":")).status().getCode())
                .isEqualTo(400);
    }

    @Test
    void aTagRenameNamesExactlyOneValidTag() {
        assertThat(TodoRequests.tagName(JSON, body("{\"name\":\" house \"}"))).isEqualTo(new Tag("house"));
        assertThat(fields(() -> TodoRequests.tagName(JSON, body("{}")))).containsExactly("name");
        assertThat(fields(() -> TodoRequests.tagName(JSON, body("{\"name\":\"\",\"other\":1}"))))
                .containsExactly("name", "other");
        assertThat(fields(() -> TodoRequests.tagName(JSON, body("{\"name\":null}")))).containsExactly("name");
        assertThat(fields(() -> TodoRequests.tagName(JSON, body("{\"name\":\"" + "x".repeat(65) + "\"}"))))
                .containsExactly("name");
    }
}
