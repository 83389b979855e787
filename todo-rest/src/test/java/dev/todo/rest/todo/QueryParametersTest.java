package dev.todo.rest.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The list's query string: the filters, the sorts, and cursors bound to all of them. */
class QueryParametersTest {

    private static final TenantId TENANT = new TenantId("alice");
    private static final Cursors CURSORS = new Cursors("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    private static final TodoId ID = TodoId.parse("3fa85f64-5717-4562-b3fc-2c963f66afa6");

    /** The list a query string asks for: decoded here, as the simple request of the tests does not. */
    private static QueryParameters.ListQuery list(String query) {
        MutableHttpRequest<?> request = HttpRequest.GET("/api/v1/todos?" + query);
        Map<String, List<CharSequence>> parameters = new LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.computeIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    name -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        parameters.forEach(request.getParameters()::add);
        return QueryParameters.list(request, TENANT, CURSORS);
    }

    private static List<String> refused(String query) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> list(query));
        assertThat(e).as(query).isNotNull();
        assertThat(e.status().getCode()).isEqualTo(400);
        return e.fieldErrors().stream().map(FieldError::field).toList();
    }

    @Test
    void everyFilterIsRead() {
        TodoFilter filter = list("q=Caf%C3%A9+mil&priority=high,medium&tag=Home&tag=%20errand%20&due_after=2026-12-01"
                + "&due_before=2026-12-31&has_due=true&overdue=false&time_zone=Europe/Berlin&completed=false")
                .query().filter();
        assertThat(filter.search().orElseThrow().words()).containsExactly("cafe", "mil");
        assertThat(filter.priorities()).containsExactlyInAnyOrder(Priority.HIGH, Priority.MEDIUM);
        assertThat(filter.tags()).containsExactly(new Tag("Home"), new Tag("errand"));
        assertThat(filter.dueFrom()).contains(LocalDate.parse("2026-12-01"));
        assertThat(filter.dueUntil()).contains(LocalDate.parse("2026-12-31"));
        assertThat(filter.hasDue()).contains(true);
        assertThat(filter.overdue()).contains(false);
        assertThat(filter.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(filter.completed()).contains(false);
        assertThat(list("").query().filter()).isEqualTo(TodoFilter.ALL);
    }

    @Test
    void aSearchIsOrderedByRelevanceUnlessASortIsGiven() {
        assertThat(list("q=milk").query().sort()).isEqualTo(TodoSort.RELEVANCE);
        assertThat(list("q=milk&sort=-priority").query().sort()).isEqualTo(new TodoSort(TodoSort.Field.PRIORITY, true));
        assertThat(list("").query().sort()).isEqualTo(TodoSort.CREATION);
        assertThat(list("sort=due").query().sort()).isEqualTo(new TodoSort(TodoSort.Field.DUE, false));
        assertThat(list("sort=-due").query().sort()).isEqualTo(new TodoSort(TodoSort.Field.DUE, true));
    }

    @Test
    void badValuesAreRefusedNamingTheirParameter() {
        assertThat(refused("q=%20-%20")).containsExactly("q");
        assertThat(refused("priority=high,urgent")).containsExactly("priority");
        assertThat(refused("priority=")).containsExactly("priority");
        assertThat(refused("tag=")).containsExactly("tag");
        assertThat(refused("tag=ok&tag=" + "x".repeat(65))).containsExactly("tag");
        assertThat(refused("due_before=2026-02-30&due_after=26-01-01")).containsExactly("due_after", "due_before");
        assertThat(refused("has_due=yes&overdue=1&time_zone=%2B02:00"))
                .containsExactlyInAnyOrder("has_due", "overdue", "time_zone");
        assertThat(refused("sort=relevance")).containsExactly("sort");
        assertThat(refused("q=a&q=b")).containsExactly("q");
        assertThat(refused("priority=low&priority=high")).containsExactly("priority");
        assertThat(refused("tags=home")).containsExactly("tags");
        assertThat(refused("limit=0&cursor=abc")).as("a bad limit is not a missing one").containsExactly("limit");
        assertThat(refused("cursor=abc")).containsExactly("cursor");
    }

    @Test
    void aCursorIsBoundToEveryFilterAndTheOrder() {
        String base = "limit=2&q=milk&sort=-due&priority=high&tag=home&due_after=2026-01-01&due_before=2027-01-01"
                + "&has_due=true&overdue=true&time_zone=Europe/Berlin";
        QueryParameters.ListQuery parsed = list(base);
        assertThat(parsed.query().sort()).isEqualTo(new TodoSort(TodoSort.Field.DUE, true));
        TodoPosition position = new TodoPosition(parsed.query().sort(), List.of(0L, 20_000L, Long.MAX_VALUE,
                Instant.parse("2026-01-22T10:15:30.123456Z")), ID);
        String cursor = QueryParameters.cursor(CURSORS, TENANT, parsed.query(), position);
        String next = QueryParameters.nextQuery(parsed, cursor);
        assertThat(next).startsWith("limit=2&sort=-due&q=milk&priority=high&tag=home&due_after=2026-01-01");
        assertThat(list(next).query().after()).contains(position);
        for (String changed : List.of("q=milm", "sort=due", "priority=low", "tag=work", "due_after=2026-01-02",
                "due_before=2027-01-02", "has_due=false", "overdue=false", "time_zone=UTC")) {
            String name = changed.substring(0, changed.indexOf('='));
            String query = next.replaceFirst(name + "=[^&]*", changed);
            assertThat(refused(query)).as(changed).containsExactly("cursor");
        }
        assertThat(refused(next + "&completed=true")).containsExactly("cursor");
        assertThat(refused(next + "&tag=work")).containsExactly("cursor");
    }

    @Test
    void parentIdListsTheSubtasksOfATodoInTheirOrderUnlessASortIsGiven() {
        QueryParameters.ListQuery parsed = list("parent_id=" + ID);
        assertThat(parsed.query().filter()).isEqualTo(TodoFilter.ALL.withParent(Optional.of(ID)));
        assertThat(parsed.query().sort()).isEqualTo(new TodoSort(TodoSort.Field.POSITION, false));
        assertThat(list("parent_id=" + ID + "&sort=-created_at").query().sort())
                .isEqualTo(new TodoSort(TodoSort.Field.CREATED_AT, true));
        assertThat(list("parent_id=" + ID + "&q=milk").query().sort()).isEqualTo(TodoSort.RELEVANCE);
        assertThat(list("sort=position").query().sort()).isEqualTo(new TodoSort(TodoSort.Field.POSITION, false));
        assertThat(list("sort=-position").query().sort()).isEqualTo(new TodoSort(TodoSort.Field.POSITION, true));
        assertThat(list("").query().filter().parent()).isEmpty();
    }

    @Test
    void aBadParentIdOrSortIsRefusedNamingIt() {
        assertThat(refused("parent_id=nope")).containsExactly("parent_id");
        assertThat(refused("parent_id=")).containsExactly("parent_id");
        assertThat(refused("parent_id=" + ID + "&parent_id=" + ID)).containsExactly("parent_id");
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> list("sort=order"));
        assertThat(e.fieldErrors()).containsExactly(new FieldError("sort",
                "must be created_at, updated_at, title, priority, due or position, optionally prefixed with -"));
    }

    @Test
    void aCursorIsBoundToTheParent() {
        QueryParameters.ListQuery parsed = list("limit=1&parent_id=" + ID);
        TodoPosition position = new TodoPosition(parsed.query().sort(),
                List.of(dev.todo.domain.model.OrderKey.between(null, null).value()), ID);
        String next = QueryParameters.nextQuery(parsed,
                QueryParameters.cursor(CURSORS, TENANT, parsed.query(), position));
        assertThat(next).startsWith("limit=1&parent_id=" + ID + "&cursor=");
        assertThat(list(next).query().after()).contains(position);
        String other = "0b9e4a1e-8a5c-4e3a-9d4f-3c2b1a0f9e8d";
        assertThat(refused(next.replace("parent_id=" + ID, "parent_id=" + other))).containsExactly("cursor");
        assertThat(refused(next.replace("parent_id=" + ID + "&", "sort=position&"))).containsExactly("cursor");
    }

    @Test
    void aCursorWithoutTheNewFiltersIsBoundAsBefore() {
        QueryParameters.ListQuery parsed = list("limit=1&completed=true&sort=title");
        TodoPosition position = new TodoPosition(new TodoSort(TodoSort.Field.TITLE, false), "line\nbreak", ID);
        String cursor = QueryParameters.cursor(CURSORS, TENANT, parsed.query(), position);
        assertThat(CURSORS.open(cursor, "list\nalice\nTITLE+\ntrue")).contains(ID + "\nline\nbreak");
        assertThat(list("limit=1&completed=true&sort=title&cursor=" + java.net.URLEncoder.encode(cursor,
                StandardCharsets.UTF_8)).query().after()).contains(position);
        assertThat(parsed.query().filter().priorities()).isEqualTo(Set.of());
        assertThat(parsed.query().completed()).isEqualTo(Optional.of(true));
    }
}
