package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/v1/todos with limit, cursor, completed and sort: keyset paging through a real HTTP client. */
class PagingTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();
    private final List<JsonNode> todos = new ArrayList<>();

    @BeforeEach
    void twelveTodos() {
        String[] titles = {"pear", "Apple", "apple", "fig", "Banana", "kiwi", "date", "plum", "lime", "Cherry", "yuzu",
            "grape"};
        for (int i = 0; i < titles.length; i++) {
            JsonNode todo = api.create(tenant, "{\"title\": \"" + titles[i] + "\"}");
            if (i % 3 == 0) {
                todo = api.patch("/api/v1/todos/" + todo.get("id").asText()).tenant(tenant)
                        .json("{\"is_completed\": true}").send().json();
            }
            todos.add(todo);
        }
    }

    private List<JsonNode> pageThrough(String query, int limit) {
        List<JsonNode> seen = new ArrayList<>();
        String next = "/api/v1/todos?limit=" + limit + (query.isEmpty() ? "" : "&" + query);
        int pages = 0;
        while (next != null) {
            Api.Response response = api.get(next).tenant(tenant).send();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode page = response.json();
            assertThat(page.get("count").asInt()).isEqualTo(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(seen::add);
            if (page.get("next_cursor").isNull()) {
                assertThat(response.header("Link")).isEmpty();
                next = null;
            } else {
                String link = response.header("Link").orElseThrow();
                assertThat(link).endsWith(">; rel=\"next\"");
                next = link.substring(1, link.indexOf('>'));
                assertThat(next).contains("cursor=" + URLEncoder.encode(page.get("next_cursor").asText(),
                        StandardCharsets.UTF_8));
            }
            assertThat(++pages).isLessThan(50);
        }
        return seen;
    }

    private static Comparator<JsonNode> by(String field) {
        Comparator<JsonNode> key = switch (field) {
            case "title" -> Comparator.comparing((JsonNode t) -> t.get("title").asText(), PagingTest::codePoints);
            default -> Comparator.comparing((JsonNode t) -> t.get(field).asText());
        };
        return key.thenComparing(t -> t.get("id").asText());
    }

    private static int codePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"created_at", "-created_at", "updated_at", "-updated_at", "title", "-title"})
    void pagingVisitsEveryTodoExactlyOnceInTheRequestedOrder(String sort) {
        String field = sort.replace("-", "");
        Comparator<JsonNode> order = sort.startsWith("-") ? by(field).reversed() : by(field);
        List<JsonNode> expected = todos.stream().sorted(order).toList();
        for (int limit : List.of(1, 5, 12, 500)) {
            assertThat(pageThrough("sort=" + sort, limit)).as(sort + " by " + limit).containsExactlyElementsOf(expected);
        }
        assertThat(pageThrough("sort=" + sort + "&completed=true", 2))
                .containsExactlyElementsOf(expected.stream().filter(t -> t.get("is_completed").asBoolean()).toList());
        assertThat(pageThrough("sort=" + sort + "&completed=false", 4))
                .containsExactlyElementsOf(expected.stream().filter(t -> !t.get("is_completed").asBoolean()).toList());
    }

    @Test
    void withoutALimitFiltersAndOrdersStillApplyInTheSeedsShape() {
        JsonNode list = api.get("/api/v1/todos?completed=false&sort=-title").tenant(tenant).send().json();
        List<String> members = new ArrayList<>();
        list.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("items", "count");
        assertThat(list.get("count").asInt()).isEqualTo(8);
        assertThat(list.get("items").get(0).get("title").asText()).isEqualTo("yuzu");
    }

    @Test
    void todosCreatedWhilePagingComeLastAndNothingRepeats() {
        Api.Response first = api.get("/api/v1/todos?limit=5").tenant(tenant).send();
        JsonNode late = api.create(tenant, "{\"title\": \"late\"}");
        api.delete("/api/v1/todos/" + todos.get(11).get("id").asText()).tenant(tenant).send();
        List<JsonNode> seen = new ArrayList<>();
        first.json().get("items").forEach(seen::add);
        String cursor = first.json().get("next_cursor").asText();
        while (cursor != null) {
            JsonNode page = api.get("/api/v1/todos?limit=5&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                    .tenant(tenant).send().json();
            page.get("items").forEach(seen::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        }
        Set<String> ids = new HashSet<>();
        seen.forEach(t -> assertThat(ids.add(t.get("id").asText())).as("seen twice: " + t).isTrue());
        assertThat(seen.get(seen.size() - 1)).isEqualTo(late);
        assertThat(ids).doesNotContain(todos.get(11).get("id").asText());
        assertThat(seen).hasSize(12);
    }

    private String firstCursor(String query) {
        return api.get("/api/v1/todos?limit=2" + query).tenant(tenant).send().json().get("next_cursor").asText();
    }

    @Test
    void aForgedAlteredOrForeignCursorIs400() {
        String cursor = firstCursor("");
        char[] chars = cursor.toCharArray();
        chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
        List<String> refused = List.of(
                "/api/v1/todos?limit=2&cursor=" + new String(chars),
                "/api/v1/todos?limit=2&cursor=not-a-cursor",
                "/api/v1/todos?limit=2&cursor=",
                "/api/v1/todos?limit=2&sort=title&cursor=" + cursor,
                "/api/v1/todos?limit=2&completed=true&cursor=" + cursor,
                "/api/v1/todos?cursor=" + cursor);
        for (String path : refused) {
            assertBadParameter(api.get(path).tenant(tenant).send(), "cursor");
        }
        assertBadParameter(api.get("/api/v1/todos?limit=2&cursor=" + cursor).tenant(TestApp.newTenant()).send(),
                "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=abc", "limit=-1", "limit=1.5", "sort=colour",
        "sort=--title", "completed=yes", "completed=", "page=2", "limit=2&limit=3", "offset=10"})
    void anOutOfRangeOrUnknownParameterIs400(String query) {
        String parameter = query.substring(0, query.indexOf('='));
        assertBadParameter(api.get("/api/v1/todos?" + query).tenant(tenant).send(), parameter);
    }

    private static void assertBadParameter(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        List<String> fields = new ArrayList<>();
        response.json().get("field_errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains(parameter);
    }
}
