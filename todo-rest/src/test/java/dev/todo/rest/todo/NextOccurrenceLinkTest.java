package dev.todo.rest.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The Link to a todo's next occurrence, in the version of the route that answers: v1's path, or v2's. */
class NextOccurrenceLinkTest {

    private static final TodoId ID = TodoId.parse("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final TodoId NEXT = TodoId.parse("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");

    private static Todo todo(TenantId tenant, @Nullable TodoId next) {
        Instant at = Instant.parse("2026-01-22T10:15:30.123456Z");
        return Todo.restore(ID, tenant, Title.stored("Water the fern"), null,
                new Todo.Plan(Due.allDay(LocalDate.parse("2026-12-21")), Priority.NONE, Tags.NONE),
                new Todo.Place(OrderKey.forNew(at, ID), null), next, next != null, at, at, 2);
    }

    private static @Nullable String link(String path, TenantId tenant, @Nullable TodoId next) {
        return TodoController.nextOccurrence(TodoController.todos(tenant, HttpRequest.GET(path)), todo(tenant, next));
    }

    @Test
    void aV1AnswerLinksToTheV1PathOfTheNextOccurrence() {
        TenantId alice = new TenantId("alice");
        assertThat(link("/api/v1/todos/" + ID, alice, NEXT))
                .isEqualTo("</api/v1/todos/" + NEXT + ">; rel=\"next-occurrence\"");
        assertThat(link("/api/v1/todos/" + ID + "/move", alice, NEXT))
                .isEqualTo("</api/v1/todos/" + NEXT + ">; rel=\"next-occurrence\"");
    }

    @Test
    void aV2AnswerLinksToTheV2PathWithTheTenantPercentEncoded() {
        TenantId auth0 = new TenantId("auth0|5f7c8ec7");
        assertThat(link("/api/auth0%7C5f7c8ec7/tasks/" + ID, auth0, NEXT))
                .isEqualTo("</api/auth0%7C5f7c8ec7/tasks/" + NEXT + ">; rel=\"next-occurrence\"");
        // A tenant named v1 is still on a v2 route: its todos are tasks.
        TenantId v1 = new TenantId("v1");
        assertThat(link("/api/v1/tasks/" + ID + "/complete", v1, NEXT))
                .isEqualTo("</api/v1/tasks/" + NEXT + ">; rel=\"next-occurrence\"");
    }

    @Test
    void aTodoWithoutANextOccurrenceHasNoLink() {
        assertThat(link("/api/v1/todos/" + ID, new TenantId("alice"), null)).isNull();
    }
}
