package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import dev.todo.rest.todo.LargeLists;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.3: what one list answer may hold and cost, through a real HTTP client. An unpaged list holds at most
 * TODO_LIST_MAX_UNPAGED todos (else 413 LIST_TOO_LARGE, and paging still works), in the seed's shape under it; emoji
 * are written as their UTF-8 bytes; and only todo.list.max-concurrent unpaged lists are built at once (else 503
 * LIST_BUSY with Retry-After). Here the bound is 3 todos and one list at a time, without waiting.
 */
class ListBoundsTest {

    private static TodoApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestPostgres.createDatabase(), Settings.Auth.header(),
                new TodoLimits(100, Duration.ofDays(30), 100, 3),
                Map.of("todo.list.max-concurrent", 1, "todo.list.wait", "0s"));
        api = new Api(app.uri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anUnpagedListPastTheBoundIs413AndMustBePaged() {
        String tenant = TestApp.newTenant();
        for (int i = 0; i < 3; i++) {
            api.create(tenant, "{\"title\": \"todo " + i + "\"}");
        }
        Api.Response whole = api.get("/api/v1/todos").tenant(tenant).send();
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.json().get("count").asInt()).isEqualTo(3);
        assertThat(whole.json().get("items")).hasSize(3);
        assertThat(whole.json().has("next_cursor")).as("the seed's shape under the bound").isFalse();

        api.create(tenant, "{\"title\": \"one too many\"}");
        for (String path : new String[] {"/api/v1/todos", "/api/v1/todos?completed=false", "/api/" + tenant + "/tasks"}) {
            Api.Response refused = api.get(path).tenant(tenant).send();
            assertThat(refused.status()).as(path).isEqualTo(413);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("error_code").asText()).isEqualTo("LIST_TOO_LARGE");
            assertThat(refused.json().get("detail").asText()).contains("3").contains("limit");
        }
        Api.Response page = api.get("/api/v1/todos?limit=3").tenant(tenant).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(3);
        Api.Response rest = api.get("/api/v1/todos?limit=3&cursor=" + page.json().get("next_cursor").asText())
                .tenant(tenant).send();
        assertThat(rest.json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/todos?completed=true").tenant(tenant).send().json().get("count").asInt())
                .as("a filtered list under the bound").isZero();
    }

    @Test
    void emojiAreWrittenAsTheirUtf8Bytes() {
        String tenant = TestApp.newTenant();
        api.create(tenant, "{\"title\": \"" + "😀".repeat(100) + "\", \"description\": \"\\ud83d\\ude00\"}");
        for (String path : new String[] {"/api/v1/todos", "/api/v1/todos?limit=10", "/api/v1/todos/changes"}) {
            Api.Response response = api.get(path).tenant(tenant).send();
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("😀".repeat(100)).doesNotContain("\\u")
                    .doesNotContain("\\uD83D");
            // 100 emoji as 4 UTF-8 bytes each, not 2 escapes of 6 bytes each: the whole answer is well under 1,200.
            assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).as(path).isLessThan(1_000);
        }
    }

    @Test
    void pastTheListsBuiltAtOnceAnUnpagedListIs503ListBusy() {
        String tenant = TestApp.newTenant();
        api.create(tenant, "{\"title\": \"one\"}");
        LargeLists lists = app.context().getBean(LargeLists.class);
        try (LargeLists.Turn held = lists.take()) {
            Api.Response busy = api.get("/api/v1/todos").tenant(tenant).send();
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.json().get("error_code").asText()).isEqualTo("LIST_BUSY");
            assertThat(busy.header("Retry-After")).contains("1");
            assertThat(api.get("/api/" + tenant + "/tasks").tenant(tenant).send().status()).isEqualTo(503);
            assertThat(api.get("/api/v1/todos?limit=5").tenant(tenant).send().status())
                    .as("a page takes no turn").isEqualTo(200);
        }
        assertThat(api.get("/api/v1/todos").tenant(tenant).send().status()).isEqualTo(200);
        Api.Response empty = api.get("/api/v1/todos").tenant(TestApp.newTenant()).send();
        assertThat(empty.status()).as("an empty list").isEqualTo(200);
    }
}
