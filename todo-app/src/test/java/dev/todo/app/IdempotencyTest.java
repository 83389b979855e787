package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST routes, through a real HTTP client. */
class IdempotencyTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();

    private Api.Response post(String key, String body) {
        return api.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key).json(body).send();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        Api.Response first = post(key, "{\"title\": \"once\"}");
        Api.Response retry = post(key, "{\"title\": \"once\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).isPresent();
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag")).isPresent();
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(api.list(tenant).get("count").asInt()).isEqualTo(1);
        assertThat(post("\"" + key + "\"", "{\"title\": \"once\"}").body()).as("a quoted key is the same key")
                .isEqualTo(first.body());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        post(key, "{\"title\": \"first\"}");
        Api.Response reused = post(key, "{\"title\": \"second\"}");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("error_code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(api.list(tenant).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirTenant() {
        String key = UUID.randomUUID().toString();
        post(key, "{\"title\": \"mine\"}");
        String other = TestApp.newTenant();
        Api.Response theirs = api.post("/api/v1/todos").tenant(other).header("Idempotency-Key", key)
                .json("{\"title\": \"mine\"}").send();
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.json().get("user_id").asText()).isEqualTo(other);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneTodo() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Api.Response> responses = new ArrayList<>();
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post(key, "{\"title\": \"racing\"}");
                }));
            }
            start.countDown();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).extracting(Api.Response::status).containsOnly(201, 409);
        responses.stream().filter(r -> r.status() == 409).forEach(r -> {
            assertThat(r.json().get("error_code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
            assertThat(r.header("Retry-After")).contains("1");
        });
        assertThat(responses.stream().filter(r -> r.status() == 201).map(Api.Response::body).distinct()).hasSize(1);
        assertThat(api.list(tenant).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIs400AndCreatesNothing() {
        for (String bad : List.of("x".repeat(256), "with space", "\"\"")) {
            Api.Response response = post(bad, "{\"title\": \"never\"}");
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("field_errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(api.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", "a")
                .header("Idempotency-Key", "b").json("{\"title\": \"never\"}").send().status()).isEqualTo(400);
        assertThat(api.list(tenant).get("count").asInt()).isZero();
    }

    @Test
    void anInvalidBodyIsNotRecordedSoTheKeyStaysFree() {
        String key = UUID.randomUUID().toString();
        assertThat(post(key, "{\"title\": \"\"}").status()).isEqualTo(422);
        Api.Response fixed = post(key, "{\"title\": \"fixed\"}");
        assertThat(fixed.status()).isEqualTo(201);
        assertThat(fixed.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void clearCompletedAndTheV2RouteTakeKeysToo() {
        String done = api.create(tenant, "{\"title\": \"done\"}").get("id").asText();
        api.patch("/api/v1/todos/" + done).tenant(tenant).json("{\"is_completed\": true}").send();
        String key = UUID.randomUUID().toString();
        Api.Response first = api.post("/api/v1/todos/clear-completed").tenant(tenant).header("Idempotency-Key", key)
                .send();
        assertThat(first.json().get("deleted").asInt()).isEqualTo(1);
        String later = api.create(tenant, "{\"title\": \"done later\"}").get("id").asText();
        api.patch("/api/v1/todos/" + later).tenant(tenant).json("{\"is_completed\": true}").send();
        Api.Response retry = api.post("/api/v1/todos/clear-completed").tenant(tenant).header("Idempotency-Key", key)
                .send();
        assertThat(retry.json().get("deleted").asInt()).isEqualTo(1);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(api.get("/api/v1/todos/" + later).tenant(tenant).send().status()).isEqualTo(200);

        String v2Key = UUID.randomUUID().toString();
        String base = "/api/" + tenant + "/tasks";
        Api.Response v2 = api.post(base).tenant(tenant).header("Idempotency-Key", v2Key).json("{\"title\": \"v2\"}")
                .send();
        assertThat(api.post(base).tenant(tenant).header("Idempotency-Key", v2Key).json("{\"title\": \"v2\"}").send()
                .body()).isEqualTo(v2.body());
    }
    /**
     * Issue 14: the answer kept for a key is its bytes (a line of JSON for the status and headers, then the body as
     * sent), in a bytea column, not a JSON array of decimal numbers (86 KB for one create of a long todo); a replay
     * is still the first answer byte for byte.
     */
    @Test
    void theKeptAnswerIsTheBodysBytesNotAnArrayOfNumbers() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"title\": \"" + "😀".repeat(127) + "\", \"description\": \"" + "é".repeat(2_000) + "\"}";
        Api.Response first = post(key, body);
        assertThat(first.status()).isEqualTo(201);
        int answer = first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        try (java.sql.Connection admin = TestApp.database().admin().connect();
             java.sql.PreparedStatement s = admin.prepareStatement(
                     "SELECT octet_length(outcome), outcome, pg_typeof(outcome)::text FROM idempotency_key "
                             + "WHERE user_id = ? AND key = ?")) {
            s.setString(1, tenant);
            s.setString(2, key);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(3)).isEqualTo("bytea");
                assertThat(rs.getInt(1)).as("the kept answer, for an answer of %d bytes", answer)
                        .isBetween(answer, answer + 200);
                String kept = new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(kept).endsWith("\n" + first.body()).startsWith("{").contains("\"status\":201");
            }
        }
        Api.Response retry = post(key, body);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    }
}
