package dev.todo.app;

import static dev.todo.app.Tenant.assertRefused;
import static dev.todo.app.Tenant.id;
import static dev.todo.app.Tenant.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hand-made order (issue 18) through a real HTTP client against the running service, v1 and v2: new todos go last,
 * {@code sort=position} and {@code -position} with paging, a move after a todo or to the front changing the moved
 * todo only, its refusals, {@code If-Match}, keys that stay short after a thousand moves to one place, moves racing
 * from several threads, and one tenant never reaching another's todos through a move (ADR 0038).
 */
class HandMadeOrderTest {

    private static Tenant tenant(boolean v2) {
        return v2 ? Tenant.v2() : Tenant.v1();
    }

    /** Creates todos with these titles, one after the other; returns them by title. */
    private static Map<String, JsonNode> create(Tenant tenant, String... titles) {
        Map<String, JsonNode> todos = new HashMap<>();
        for (String title : titles) {
            todos.put(title, tenant.create("{'title': '" + title + "'}"));
        }
        return todos;
    }

    private static String after(JsonNode todo) {
        return "{'after': '" + id(todo) + "'}";
    }

    private static List<String> positions(Tenant tenant) {
        List<String> positions = new ArrayList<>();
        tenant.list("sort=position").forEach(t -> positions.add(t.get("position").asText()));
        return positions;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNewTodoGoesLastAndTheOrderSortsBothWays(boolean v2) {
        Tenant tenant = tenant(v2);
        create(tenant, "a", "b", "c");
        assertThat(tenant.titles("sort=position")).containsExactly("a", "b", "c");
        assertThat(tenant.titles("sort=-position")).containsExactly("c", "b", "a");
        List<String> positions = positions(tenant);
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        positions.forEach(p -> assertThat(p).matches("[\\x21-\\x7e]+"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMoveAnswersTheMovedTodoAndChangesNothingElse(boolean v2) {
        Tenant tenant = tenant(v2);
        Map<String, JsonNode> todos = create(tenant, "a", "b", "c", "d");
        List<JsonNode> feed = tenant.changes();

        Api.Response response = tenant.move(todos.get("d"), after(todos.get("a")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("ETag")).contains("\"2\"");
        JsonNode moved = response.json();
        assertThat(id(moved)).isEqualTo(id(todos.get("d")));
        assertThat(moved.get("title").asText()).isEqualTo("d");
        assertThat(moved.get("parent_id").isNull()).isTrue();
        assertThat(moved.get("position").asText()).isNotEqualTo(todos.get("d").get("position").asText())
                .isGreaterThan(todos.get("a").get("position").asText())
                .isLessThan(todos.get("b").get("position").asText());
        assertThat(tenant.read(moved)).isEqualTo(moved);
        assertThat(tenant.titles("sort=position")).containsExactly("a", "d", "b", "c");

        JsonNode first = tenant.moved(todos.get("c"), "{'after': null}");
        assertThat(first.get("position").asText()).isLessThan(todos.get("a").get("position").asText());
        assertThat(tenant.titles("sort=position")).containsExactly("c", "a", "d", "b");
        assertThat(tenant.titles("sort=-position")).containsExactly("b", "d", "a", "c");

        for (String untouched : List.of("a", "b")) {
            JsonNode before = todos.get(untouched);
            Api.Response now = tenant.get(before);
            assertThat(now.json()).as(untouched).isEqualTo(before);
            assertThat(now.header("ETag")).as(untouched).contains("\"1\"");
        }
        List<JsonNode> after = tenant.changes();
        assertThat(after.subList(0, 2)).as("a and b keep their places in the feed").isEqualTo(feed.subList(0, 2));
        assertThat(after).hasSize(4);
        assertThat(after.subList(2, 4)).extracting(c -> c.get("todo").get("title").asText()).containsExactly("d", "c");

        JsonNode last = tenant.create("{'title': 'e'}");
        assertThat(tenant.titles("sort=position")).containsExactly("c", "a", "d", "b", "e");
        assertThat(last.get("position").asText()).isGreaterThan(todos.get("b").get("position").asText());
    }

    @Test
    void aMoveToWhereTheTodoAlreadyIsWritesNothing() {
        Tenant tenant = Tenant.v1();
        Map<String, JsonNode> todos = create(tenant, "a", "b");
        Api.Response response = tenant.move(todos.get("b"), after(todos.get("a")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("ETag")).contains("\"1\"");
        assertThat(response.json()).isEqualTo(todos.get("b"));
        assertThat(tenant.move(todos.get("a"), "{'after': null}").json()).isEqualTo(todos.get("a"));
        assertThat(tenant.changes()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMoveIsRefusedNamingAfter(boolean v2) {
        Tenant tenant = tenant(v2);
        Map<String, JsonNode> todos = create(tenant, "a", "b");
        JsonNode a = todos.get("a");

        Api.Response itself = tenant.move(a, after(a));
        assertRefused(itself, "after");
        assertThat(message(itself, "after")).isEqualTo("cannot be the moved todo");
        Api.Response unknown = tenant.move(a, "{'after': '" + UUID.randomUUID() + "'}");
        assertRefused(unknown, "after");
        assertThat(message(unknown, "after")).isEqualTo("is not a todo of yours");
        Api.Response missing = tenant.move(a, "{}");
        assertRefused(missing, "after");
        assertThat(message(missing, "after")).isEqualTo("is required");
        assertThat(tenant.move(a, "{'after': 'not-a-uuid'}").status()).isIn(400, 422);
        assertThat(tenant.move(a, "{'after': 7}").status()).isIn(400, 422);
        assertThat(tenant.move(a, "[]").status()).isIn(400, 422);

        assertThat(tenant.move(UUID.randomUUID().toString(), "{'after': null}").status()).isEqualTo(404);
        assertThat(tenant.api.post(tenant.base + "/not-a-uuid/move").tenant(tenant.id).json("{\"after\": null}")
                .send().status()).isEqualTo(400);
        assertThat(tenant.read(a)).isEqualTo(a);
        assertThat(tenant.titles("sort=position")).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ifMatchGuardsAMove(boolean v2) {
        Tenant tenant = tenant(v2);
        Map<String, JsonNode> todos = create(tenant, "a", "b");
        JsonNode b = todos.get("b");
        tenant.patch(b, "{'title': 'b2'}");
        Api.Response stale = tenant.api.post(tenant.path(b) + "/move").tenant(tenant.id).header("If-Match", "\"1\"")
                .json("{\"after\": null}").send();
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(tenant.titles("sort=position")).containsExactly("a", "b2");
        Api.Response fresh = tenant.api.post(tenant.path(b) + "/move").tenant(tenant.id).header("If-Match", "\"2\"")
                .json("{\"after\": null}").send();
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.header("ETag")).contains("\"3\"");
        assertThat(tenant.titles("sort=position")).containsExactly("b2", "a");
    }

    @Test
    void aMoveRetriedWithItsIdempotencyKeyIsAnsweredAgainNotDoneAgain() {
        Tenant tenant = Tenant.v1();
        Map<String, JsonNode> todos = create(tenant, "a", "b", "c");
        String key = UUID.randomUUID().toString();
        String body = Tenant.json(after(todos.get("a")));
        Api.Response first = tenant.api.post(tenant.path(todos.get("c")) + "/move").tenant(tenant.id)
                .header("Idempotency-Key", key).json(body).send();
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        tenant.moved(todos.get("c"), "{'after': null}");
        Api.Response retry = tenant.api.post(tenant.path(todos.get("c")) + "/move").tenant(tenant.id)
                .header("Idempotency-Key", key).json(body).send();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(tenant.titles("sort=position")).as("the retry moved nothing").containsExactly("c", "a", "b");
    }

    @Test
    void aThousandMovesToOnePlaceKeepTheKeysShort() {
        Tenant tenant = Tenant.v1();
        Map<String, JsonNode> todos = create(tenant, "a", "x", "y", "z");
        int longest = 0;
        for (int i = 0; i < 1000; i++) {
            JsonNode moved = tenant.moved(todos.get(i % 2 == 0 ? "x" : "y"), after(todos.get("a")));
            longest = Math.max(longest, moved.get("position").asText().length());
        }
        assertThat(tenant.titles("sort=position")).containsExactly("a", "y", "x", "z");
        for (int i = 0; i < 200; i++) {
            JsonNode moved = tenant.moved(todos.get(i % 2 == 0 ? "x" : "z"), "{'after': null}");
            longest = Math.max(longest, moved.get("position").asText().length());
        }
        assertThat(tenant.titles("sort=position")).containsExactly("z", "x", "a", "y");
        int created = todos.get("a").get("position").asText().length();
        assertThat(longest).as("the longest key after 1200 moves; a new todo's has " + created)
                .isLessThanOrEqualTo(created + 8);
        assertThat(tenant.read(todos.get("a")).get("position")).isEqualTo(todos.get("a").get("position"));
    }

    @Test
    void concurrentMovesNeverGiveTwoTodosOnePosition() throws Exception {
        Tenant tenant = Tenant.v1();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(id(tenant.create("{'title': 't" + i + "'}")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<List<Integer>>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                Random random = new Random(w);
                workers.add(pool.submit(() -> {
                    start.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int m = 0; m < 25; m++) {
                        String moved = ids.get(random.nextInt(ids.size()));
                        String target = ids.get(random.nextInt(ids.size()));
                        // Two workers often aim at one place: right after t0, or the front.
                        String body = switch (random.nextInt(3)) {
                            case 0 -> "{'after': null}";
                            case 1 -> "{'after': '" + ids.get(0) + "'}";
                            default -> "{'after': '" + target + "'}";
                        };
                        if (body.contains(moved)) {
                            body = "{'after': null}";
                        }
                        mine.add(tenant.move(moved, body).status());
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Integer>> worker : workers) {
                statuses.addAll(worker.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).hasSize(150).containsOnly(200);
        List<String> positions = positions(tenant);
        assertThat(positions).hasSize(8).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(Tenant.ids(tenant.list("sort=position")))).isEqualTo(new HashSet<>(ids));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theOrderPagesBothWays(boolean v2) {
        Tenant tenant = tenant(v2);
        Map<String, JsonNode> todos = create(tenant, "a", "b", "c", "d", "e", "f", "g");
        tenant.moved(todos.get("g"), "{'after': null}");
        tenant.moved(todos.get("a"), after(todos.get("d")));
        tenant.moved(todos.get("c"), after(todos.get("g")));
        List<String> order = List.of("g", "c", "b", "d", "a", "e", "f");
        assertThat(tenant.titles("sort=position")).containsExactlyElementsOf(order);
        List<String> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        assertThat(tenant.titles("sort=-position")).containsExactlyElementsOf(reversed);
        for (int limit : List.of(1, 2, 3, 500)) {
            assertThat(tenant.pageThrough("sort=position", limit)).as("by " + limit).containsExactlyElementsOf(order);
            assertThat(tenant.pageThrough("sort=-position", limit)).as("by " + limit)
                    .containsExactlyElementsOf(reversed);
        }
        assertThat(tenant.titles("sort=position&q=" + "c")).containsExactly("c");
        assertThat(tenant.titles("sort=position&completed=false")).containsExactlyElementsOf(order);
    }

    @Test
    void aCursorOfOneSortIsNotACursorOfAnother() {
        Tenant tenant = Tenant.v1();
        create(tenant, "a", "b", "c");
        Api.Response page = tenant.api.get(tenant.base + "?limit=1&sort=position").tenant(tenant.id).send();
        String cursor = page.json().get("next_cursor").asText();
        Api.Response other = tenant.api.get(tenant.base + "?limit=1&sort=created_at&cursor="
                + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))
                .tenant(tenant.id).send();
        assertThat(other.status()).as(other.body()).isEqualTo(400);
    }

    // --- tenants ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTenantNeverMovesAnotherTenantsTodoNorPutsOneAfterIt(boolean v2) {
        Tenant alice = tenant(v2);
        Tenant bob = tenant(v2);
        Map<String, JsonNode> hers = create(alice, "a1", "a2");
        Map<String, JsonNode> his = create(bob, "b1", "b2");
        List<JsonNode> bobsFeed = bob.changes();

        assertThat(alice.move(id(his.get("b2")), "{'after': null}").status()).isEqualTo(404);
        assertThat(alice.move(id(his.get("b2")), after(hers.get("a1"))).status()).isEqualTo(404);
        Api.Response afterHis = alice.move(hers.get("a2"), after(his.get("b1")));
        assertRefused(afterHis, "after");
        assertThat(message(afterHis, "after")).isEqualTo("is not a todo of yours");
        Api.Response underHis = alice.move(hers.get("a2"), "{'after': null, 'parent_id': '" + id(his.get("b1"))
                + "'}");
        assertRefused(underHis, "parent_id");
        assertThat(message(underHis, "parent_id")).isEqualTo("is not a todo of yours");
        if (v2) {
            Api.Response viaHisPath = alice.api.post(bob.path(his.get("b2")) + "/move").tenant(alice.id)
                    .json("{\"after\": null}").send();
            assertThat(viaHisPath.status()).isEqualTo(403);
        }

        for (JsonNode todo : his.values()) {
            Api.Response now = bob.get(todo);
            assertThat(now.json()).isEqualTo(todo);
            assertThat(now.header("ETag")).contains("\"1\"");
        }
        assertThat(bob.changes()).isEqualTo(bobsFeed);
        assertThat(alice.titles("sort=position")).containsExactly("a1", "a2");
        Set<String> alicesIds = new HashSet<>(Tenant.ids(alice.list("")));
        assertThat(alicesIds).containsExactlyInAnyOrder(id(hers.get("a1")), id(hers.get("a2")));
    }
}
