package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Delta sync, clear-completed and the quota, through a real HTTP client. */
class SyncAndBulkTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();

    /** A client that keeps a copy of its todos by following the change feed. */
    private final class Client {
        final Map<String, JsonNode> todos = new HashMap<>();
        String token;

        void sync(int limit) {
            boolean more;
            do {
                String path = "/api/v1/todos/changes?limit=" + limit
                        + (token == null ? "" : "&since=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                Api.Response response = api.get(path).tenant(tenant).send();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                JsonNode batch = response.json();
                assertThat(batch.get("changes").size()).isLessThanOrEqualTo(limit);
                for (JsonNode change : batch.get("changes")) {
                    if (change.get("type").asText().equals("upsert")) {
                        todos.put(change.get("todo").get("id").asText(), change.get("todo"));
                    } else {
                        assertThat(change.get("type").asText()).isEqualTo("delete");
                        assertThat(change.get("deleted_at").asText()).endsWith("Z");
                        todos.remove(change.get("id").asText());
                    }
                }
                token = batch.get("next_token").asText();
                more = batch.get("has_more").asBoolean();
            } while (more);
        }
    }

    private Set<JsonNode> serverTodos() {
        return Set.copyOf(toList(api.list(tenant).get("items")));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    @Test
    void aClientReplayingTheFeedWhileWritesInterleaveEndsWithTheServersTodos() {
        Client client = new Client();
        Random random = new Random(11);
        List<String> ids = new java.util.ArrayList<>();
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(10);
            if (ids.isEmpty() || action < 4) {
                ids.add(api.create(tenant, "{\"title\": \"step " + step + "\"}").get("id").asText());
            } else if (action < 7) {
                api.patch("/api/v1/todos/" + ids.get(random.nextInt(ids.size()))).tenant(tenant)
                        .json("{\"is_completed\": " + random.nextBoolean() + "}").send();
            } else if (action < 9) {
                api.delete("/api/v1/todos/" + ids.remove(random.nextInt(ids.size()))).tenant(tenant).send();
            } else {
                assertThat(api.post("/api/v1/todos/clear-completed").tenant(tenant).send().status()).isEqualTo(200);
                ids.retainAll(toList(api.list(tenant).get("items")).stream().map(t -> t.get("id").asText())
                        .collect(Collectors.toSet()));
            }
            if (random.nextInt(5) == 0) {
                client.sync(1 + random.nextInt(4));
            }
        }
        client.sync(3);
        assertThat(Set.copyOf(client.todos.values())).isEqualTo(serverTodos());
        JsonNode empty = api.get("/api/v1/todos/changes?since=" + URLEncoder.encode(client.token,
                StandardCharsets.UTF_8)).tenant(tenant).send().json();
        assertThat(empty.get("changes")).isEmpty();
        assertThat(empty.get("has_more").asBoolean()).isFalse();
        assertThat(empty.get("next_token").asText()).isEqualTo(client.token);
    }

    @Test
    void aForgedOrForeignSyncTokenIs400() {
        api.create(tenant, "{\"title\": \"x\"}");
        String token = api.get("/api/v1/todos/changes").tenant(tenant).send().json().get("next_token").asText();
        for (String bad : List.of("garbage", token.substring(0, token.length() - 2) + "AA", "")) {
            Api.Response response = api.get("/api/v1/todos/changes?since=" + bad).tenant(tenant).send();
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("field_errors").get(0).get("field").asText()).isEqualTo("since");
        }
        assertThat(api.get("/api/v1/todos/changes?since=" + token).tenant(TestApp.newTenant()).send().status())
                .isEqualTo(400);
        for (String query : List.of("limit=0", "limit=501", "cursor=x", "since=a&since=b")) {
            assertThat(api.get("/api/v1/todos/changes?" + query).tenant(tenant).send().status()).as(query)
                    .isEqualTo(400);
        }
    }

    @Test
    void aTokenOlderThanTheRetentionIs410() throws Exception {
        try (TodoApplication app = TestApp.start(TestPostgres.createDatabase(), Settings.Auth.header(),
                new TodoLimits(100, Duration.ofMillis(1)), Map.of())) {
            Api forgetful = new Api(app.uri());
            JsonNode first = forgetful.create(tenant, "{\"title\": \"first\"}");
            String token = forgetful.get("/api/v1/todos/changes").tenant(tenant).send().json().get("next_token")
                    .asText();
            forgetful.delete("/api/v1/todos/" + first.get("id").asText()).tenant(tenant).send();
            Thread.sleep(5); // the retention is 1 ms: the next deletion forgets the first one
            JsonNode second = forgetful.create(tenant, "{\"title\": \"second\"}");
            forgetful.delete("/api/v1/todos/" + second.get("id").asText()).tenant(tenant).send();
            Api.Response response = forgetful.get("/api/v1/todos/changes?since=" + URLEncoder.encode(token,
                    StandardCharsets.UTF_8)).tenant(tenant).send();
            assertThat(response.status()).isEqualTo(410);
            assertThat(response.json().get("error_code").asText()).isEqualTo("SYNC_TOKEN_EXPIRED");
            assertThat(forgetful.get("/api/v1/todos/changes").tenant(tenant).send().status()).isEqualTo(200);
        }
    }

    @Test
    void clearCompletedDeletesTheDoneTodosAndSaysHowMany() {
        JsonNode open = api.create(tenant, "{\"title\": \"open\"}");
        for (int i = 0; i < 3; i++) {
            String id = api.create(tenant, "{\"title\": \"done " + i + "\"}").get("id").asText();
            api.patch("/api/v1/todos/" + id).tenant(tenant).json("{\"is_completed\": true}").send();
        }
        String other = TestApp.newTenant();
        String othersDone = api.create(other, "{\"title\": \"someone else's\"}").get("id").asText();
        api.patch("/api/v1/todos/" + othersDone).tenant(other).json("{\"is_completed\": true}").send();

        Api.Response response = api.post("/api/v1/todos/clear-completed").tenant(tenant).send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("deleted").asInt()).isEqualTo(3);
        assertThat(api.list(tenant).get("items")).containsExactly(open);
        assertThat(api.list(other).get("count").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/todos/clear-completed").tenant(tenant).send().json().get("deleted").asInt())
                .isZero();
    }

    @Test
    void createsPastTheQuotaAre409EvenWhenRacing() throws Exception {
        try (TodoApplication app = TestApp.start(TestPostgres.createDatabase(), Settings.Auth.header(),
                new TodoLimits(5, Duration.ofDays(30)), Map.of())) {
            Api limited = new Api(app.uri());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Integer> statuses = new java.util.ArrayList<>();
            try {
                List<Future<Integer>> attempts = new java.util.ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    attempts.add(pool.submit(() -> limited.post("/api/v1/todos").tenant(tenant)
                            .json("{\"title\": \"attempt " + n + "\"}").send().status()));
                }
                for (Future<Integer> attempt : attempts) {
                    statuses.add(attempt.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
            assertThat(limited.list(tenant).get("count").asInt()).isEqualTo(5);
            Api.Response refused = limited.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"one more\"}")
                    .send();
            assertThat(refused.json().get("error_code").asText()).isEqualTo("QUOTA_EXCEEDED");
        }
    }
}
