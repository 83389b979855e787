package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races, through a real HTTP client: requests released together by a latch, split between two instances of the
 * service on one database (so that no lock inside one JVM can be what keeps them apart), several rounds each. The
 * assertions are on the answers and on the rows, never on timings. The two instances were themselves started at
 * once on an empty database.
 */
class RacesTest {

    private static final int QUOTA = 5;
    private static final int ROUNDS = 5;
    private static final int CLIENTS = 8;

    private static TestPostgres.Database database;
    private static TodoApplication first;
    private static TodoApplication second;
    private static Api a;
    private static Api b;
    private static ExecutorService pool;

    @BeforeAll
    static void startTwoInstancesAtOnceOnAnEmptyDatabase() throws Exception {
        pool = Executors.newFixedThreadPool(CLIENTS);
        database = TestPostgres.createDatabase();
        List<TodoApplication> started = startAtOnce(database, new TodoLimits(QUOTA, Duration.ofDays(30)));
        first = started.get(0);
        second = started.get(1);
        a = new Api(first.uri());
        b = new Api(second.uri());
    }

    @AfterAll
    static void stop() {
        for (TodoApplication app : new TodoApplication[] {first, second}) {
            if (app != null) {
                app.close();
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Starts two instances on the database at the same moment, sharing their token secret as a deployment does. */
    private static List<TodoApplication> startAtOnce(TestPostgres.Database database, TodoLimits limits)
            throws Exception {
        byte[] secret = ("races-" + UUID.randomUUID() + "-token-secret").getBytes(StandardCharsets.UTF_8);
        Settings settings = new Settings(Optional.of(ExternalDatabase.direct(TestApp.url(database))), null,
                Optional.empty(), Settings.Auth.header(), List.of(), Optional.of(secret), limits,
                Settings.DEFAULT_IDEMPOTENCY_TTL);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TodoApplication>> starting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starting.add(starters.submit(() -> {
                    go.await();
                    return TestApp.start(settings, Map.of());
                }));
            }
            go.countDown();
            List<TodoApplication> apps = new ArrayList<>();
            try {
                for (Future<TodoApplication> app : starting) {
                    apps.add(app.get());
                }
            } catch (Exception e) {
                apps.forEach(TodoApplication::close);
                throw e;
            }
            return apps;
        } finally {
            starters.shutdownNow();
        }
    }

    /** Runs the tasks at once (released together by a latch) and returns their results in order. */
    private static <T> List<T> together(int count, IntFunction<Callable<T>> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Callable<T> call = task.apply(i);
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /** Every other client talks to the other instance. */
    private static Api instance(int client) {
        return client % 2 == 0 ? a : b;
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    private static long todoRows(String tenant) throws SQLException {
        return count("SELECT count(*) FROM todo WHERE user_id = ?", tenant);
    }

    private static long todoCount(String tenant) throws SQLException {
        return count("SELECT todo_count FROM tenant_state WHERE user_id = ?", tenant);
    }

    private static String path(JsonNode todo) {
        return "/api/v1/todos/" + todo.get("id").asText();
    }

    private static String errorCode(Api.Response response) {
        return response.json().get("error_code").asText();
    }

    @Test
    void twoInstancesStartedAtOnceOnAnEmptyDatabaseMigrateItOnceAndBothServe() throws Exception {
        try (Connection c = database.admin().connect(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT count(*), count(DISTINCT (id, author, filename)), "
                    + "count(DISTINCT deployment_id) FROM databasechangelog")) {
                rows.next();
                assertThat(rows.getLong(1)).as("changesets applied").isPositive();
                assertThat(rows.getLong(2)).as("each changeset once").isEqualTo(rows.getLong(1));
                assertThat(rows.getLong(3)).as("by one Liquibase run: one instance migrated").isEqualTo(1);
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*), bool_or(locked) FROM databasechangeloglock")) {
                rows.next();
                assertThat(rows.getLong(1)).as("Liquibase's lock row").isEqualTo(1);
                assertThat(rows.getBoolean(2)).as("the lock is released").isFalse();
            }
        }
        String tenant = TestApp.newTenant();
        JsonNode created = a.create(tenant, "{\"title\": \"on a\"}");
        assertThat(b.get(path(created)).tenant(tenant).send().json()).isEqualTo(created);
        assertThat(b.create(tenant, "{\"title\": \"on b\"}").get("user_id").asText()).isEqualTo(tenant);
        assertThat(a.list(tenant).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void ofConcurrentPatchesWithTheSameIfMatchExactlyOneWinsAndItsChangeIsTheOneKept() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            JsonNode todo = a.create(tenant, "{\"title\": \"contested\"}");
            List<Api.Response> answers = together(CLIENTS, i -> () -> instance(i).patch(path(todo)).tenant(tenant)
                    .header("If-Match", "\"1\"").json("{\"title\": \"writer " + i + "\"}").send());

            assertThat(answers).extracting(Api.Response::status).as("round %d", round).isSubsetOf(200, 412);
            List<Api.Response> winners = answers.stream().filter(r -> r.status() == 200).toList();
            assertThat(winners).as("round %d", round).hasSize(1);
            answers.stream().filter(r -> r.status() == 412)
                    .forEach(r -> assertThat(errorCode(r)).isEqualTo("PRECONDITION_FAILED"));
            JsonNode won = winners.get(0).json();
            assertThat(winners.get(0).header("ETag")).contains("\"2\"");
            for (Api instance : List.of(a, b)) {
                Api.Response now = instance.get(path(todo)).tenant(tenant).send();
                assertThat(now.json()).isEqualTo(won);
                assertThat(now.header("ETag")).contains("\"2\"");
            }
            assertThat(count("SELECT version FROM todo WHERE user_id = ? AND id = ?::uuid", tenant,
                    todo.get("id").asText())).isEqualTo(2);
        }
    }

    @Test
    void concurrentCreatesAtTheQuotaNeverExceedIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            a.create(tenant, "{\"title\": \"already there\"}");
            int clients = 2 * CLIENTS;
            List<Api.Response> answers = together(clients, i -> () -> instance(i).post("/api/v1/todos")
                    .tenant(tenant).json("{\"title\": \"attempt " + i + "\"}").send());

            assertThat(answers).extracting(Api.Response::status).as("round %d", round).isSubsetOf(201, 409);
            assertThat(answers).filteredOn(r -> r.status() == 201).as("round %d", round).hasSize(QUOTA - 1);
            answers.stream().filter(r -> r.status() == 409)
                    .forEach(r -> assertThat(errorCode(r)).isEqualTo("QUOTA_EXCEEDED"));
            assertThat(todoRows(tenant)).isEqualTo(QUOTA);
            assertThat(todoCount(tenant)).as("the counter the quota is checked against").isEqualTo(QUOTA);
            assertThat(b.list(tenant).get("count").asInt()).isEqualTo(QUOTA);
        }
    }

    @Test
    void aDeleteRacingCreatesAtTheQuotaFreesExactlyOnePlace() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            List<JsonNode> todos = new ArrayList<>();
            for (int i = 0; i < QUOTA; i++) {
                todos.add(a.create(tenant, "{\"title\": \"full " + i + "\"}"));
            }
            List<Api.Response> answers = together(CLIENTS, i -> () -> i == 0
                    ? b.delete(path(todos.get(0))).tenant(tenant).send()
                    : instance(i).post("/api/v1/todos").tenant(tenant).json("{\"title\": \"new " + i + "\"}").send());

            assertThat(answers.get(0).status()).isEqualTo(204);
            List<Integer> creates = answers.subList(1, CLIENTS).stream().map(Api.Response::status).toList();
            assertThat(creates).as("round %d", round).isSubsetOf(201, 409);
            long created = creates.stream().filter(s -> s == 201).count();
            assertThat(created).as("round %d: the one freed place at most", round).isLessThanOrEqualTo(1);
            assertThat(todoRows(tenant)).isEqualTo(QUOTA - 1 + created);
            assertThat(todoCount(tenant)).isEqualTo(QUOTA - 1 + created);
        }
    }

    @Test
    void concurrentPostsWithOneIdempotencyKeyCreateOneTodo() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            String key = UUID.randomUUID().toString();
            List<Api.Response> answers = together(CLIENTS, i -> () -> instance(i).post("/api/v1/todos")
                    .tenant(tenant).header("Idempotency-Key", key).json("{\"title\": \"once\"}").send());

            assertThat(answers).extracting(Api.Response::status).as("round %d", round).isSubsetOf(201, 409);
            answers.stream().filter(r -> r.status() == 409)
                    .forEach(r -> assertThat(errorCode(r)).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
            List<Api.Response> created = answers.stream().filter(r -> r.status() == 201).toList();
            assertThat(created).as("round %d", round).isNotEmpty();
            assertThat(created.stream().map(Api.Response::body).distinct()).as("every 201 is the same").hasSize(1);
            assertThat(todoRows(tenant)).as("round %d", round).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM idempotency_key WHERE user_id = ?", tenant)).isEqualTo(1);
            Api.Response retry = b.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key)
                    .json("{\"title\": \"once\"}").send();
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(created.get(0).body());
            assertThat(retry.header("Idempotent-Replayed")).contains("true");
        }
    }

    @Test
    void concurrentPostsWithOneIdempotencyKeyAndDifferentBodiesCreateOneTodo() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            String key = UUID.randomUUID().toString();
            List<Api.Response> answers = together(CLIENTS, i -> () -> instance(i).post("/api/v1/todos")
                    .tenant(tenant).header("Idempotency-Key", key).json("{\"title\": \"body " + i + "\"}").send());

            assertThat(answers).extracting(Api.Response::status).as("round %d", round).isSubsetOf(201, 409, 422);
            assertThat(answers).filteredOn(r -> r.status() == 201).as("round %d", round).hasSize(1);
            answers.stream().filter(r -> r.status() == 422)
                    .forEach(r -> assertThat(errorCode(r)).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
            assertThat(todoRows(tenant)).isEqualTo(1);
        }
    }

    @Test
    void unconditionalPatchesRacingADeleteLeaveTheTodoDeletedAndLoseNoUpdateBeforeIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            JsonNode todo = a.create(tenant, "{\"title\": \"doomed\"}");
            List<Api.Response> answers = together(CLIENTS, i -> () -> i == CLIENTS / 2
                    ? instance(i).delete(path(todo)).tenant(tenant).send()
                    : instance(i).patch(path(todo)).tenant(tenant).json("{\"title\": \"patch " + i + "\"}").send());

            assertThat(answers.get(CLIENTS / 2).status()).as("round %d: the delete", round).isEqualTo(204);
            List<Api.Response> patches = new ArrayList<>(answers);
            patches.remove(CLIENTS / 2);
            assertThat(patches).extracting(Api.Response::status).as("round %d", round).isSubsetOf(200, 404);
            patches.stream().filter(r -> r.status() == 404)
                    .forEach(r -> assertThat(errorCode(r)).isEqualTo("NOT_FOUND"));
            Set<Long> versions = new HashSet<>();
            patches.stream().filter(r -> r.status() == 200)
                    .forEach(r -> versions.add(Long.parseLong(r.header("ETag").orElseThrow().replace("\"", ""))));
            assertThat(versions).as("round %d: each acknowledged patch applied on top of the one before", round)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, versions.size() + 1).boxed()
                            .toList());

            for (Api instance : List.of(a, b)) {
                assertThat(instance.get(path(todo)).tenant(tenant).send().status()).isEqualTo(404);
                assertThat(instance.patch(path(todo)).tenant(tenant).json("{\"title\": \"late\"}").send().status())
                        .isEqualTo(404);
            }
            assertThat(todoRows(tenant)).isZero();
            assertThat(todoCount(tenant)).isZero();
            assertThat(count("SELECT count(*) FROM todo_tombstone WHERE user_id = ? AND id = ?::uuid", tenant,
                    todo.get("id").asText())).isEqualTo(1);
            JsonNode changes = a.get("/api/v1/todos/changes").tenant(tenant).send().json().get("changes");
            assertThat(changes).as("a client syncing from scratch ends without the todo").hasSize(1);
            assertThat(changes.get(0).get("type").asText()).isEqualTo("delete");
            assertThat(changes.get(0).get("id").asText()).isEqualTo(todo.get("id").asText());
        }
    }

    @Test
    void conditionalPatchesAndDeletesWithOneEtagHaveOneWinnerAndTheEndStateIsItsOwn() throws Exception {
        for (int round = 0; round < 2 * ROUNDS; round++) {
            String tenant = TestApp.newTenant();
            JsonNode todo = a.create(tenant, "{\"title\": \"contested\"}");
            List<Api.Response> answers = together(CLIENTS, i -> () -> i % 4 == 1
                    ? instance(i).delete(path(todo)).tenant(tenant).header("If-Match", "\"1\"").send()
                    : instance(i).patch(path(todo)).tenant(tenant).header("If-Match", "\"1\"")
                            .json("{\"title\": \"patch " + i + "\"}").send());

            List<Integer> statuses = answers.stream().map(Api.Response::status).toList();
            assertThat(statuses).as("round %d", round).isSubsetOf(200, 204, 404, 412);
            assertThat(statuses).filteredOn(s -> s == 200 || s == 204).as("round %d: one winner", round).hasSize(1);
            Api.Response now = b.get(path(todo)).tenant(tenant).send();
            if (statuses.contains(200)) {
                JsonNode won = answers.get(statuses.indexOf(200)).json();
                assertThat(now.status()).isEqualTo(200);
                assertThat(now.json()).isEqualTo(won);
                assertThat(now.header("ETag")).contains("\"2\"");
                assertThat(statuses).as("nothing else happened: no one was told the todo is gone")
                        .doesNotContain(404);
                assertThat(todoRows(tenant)).isEqualTo(1);
            } else {
                assertThat(now.status()).isEqualTo(404);
                assertThat(todoRows(tenant)).isZero();
                assertThat(todoCount(tenant)).isZero();
            }
        }
    }
}
