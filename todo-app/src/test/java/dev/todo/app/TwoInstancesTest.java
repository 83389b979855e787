package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service on one database, as behind a load balancer (docs/scaling.md): nothing a client
 * holds is tied to the instance that gave it. A todo, an ETag, a paging cursor, a sync token and an
 * Idempotency-Key from one instance mean the same on the other, as long as both share TODO_TOKEN_SECRET.
 */
class TwoInstancesTest {

    private static TodoApplication first;
    private static TodoApplication second;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void start() {
        TestPostgres.Database database = TestPostgres.createDatabase();
        byte[] sharedSecret = ("shared-" + UUID.randomUUID() + "-token-secret").getBytes(StandardCharsets.UTF_8);
        Settings settings = new Settings(Optional.of(ExternalDatabase.direct(TestApp.url(database))), null,
                Optional.empty(), Settings.Auth.header(), List.of(), Optional.of(sharedSecret), TodoLimits.DEFAULTS,
                Settings.DEFAULT_IDEMPOTENCY_TTL);
        first = TestApp.start(settings, Map.of());
        second = TestApp.start(settings, Map.of());
        a = new Api(first.uri());
        b = new Api(second.uri());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void theyAreTwoProcessesOnTwoPorts() {
        assertThat(first.uri()).isNotEqualTo(second.uri());
    }

    @Test
    void whatOneWritesTheOtherReadsAndConditionalWritesSeeEachOther() {
        String tenant = TestApp.newTenant();
        JsonNode created = a.create(tenant, "{\"title\": \"from a\"}");
        String path = "/api/v1/todos/" + created.get("id").asText();
        Api.Response read = b.get(path).tenant(tenant).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created);
        String etag = read.header("ETag").orElseThrow();

        Api.Response changedOnA = a.patch(path).tenant(tenant).header("If-Match", etag)
                .json("{\"title\": \"changed on a\"}").send();
        assertThat(changedOnA.status()).isEqualTo(200);
        Api.Response staleOnB = b.patch(path).tenant(tenant).header("If-Match", etag)
                .json("{\"title\": \"stale on b\"}").send();
        assertThat(staleOnB.status()).isEqualTo(412);
        assertThat(a.get(path).tenant(tenant).send().json().get("title").asText()).isEqualTo("changed on a");
        assertThat(b.get(path).tenant(tenant).send().header("ETag")).isEqualTo(changedOnA.header("ETag"));
    }

    @Test
    void aCursorFromOneInstancePagesOnTheOther() {
        String tenant = TestApp.newTenant();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 7; i++) {
            ids.add((i % 2 == 0 ? a : b).create(tenant, "{\"title\": \"item " + i + "\"}").get("id").asText());
        }
        Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int page = 0;
        do {
            Api api = page++ % 2 == 0 ? a : b;
            String path = "/api/v1/todos?limit=3" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Api.Response response = api.get(path).tenant(tenant).send();
            assertThat(response.status()).isEqualTo(200);
            response.json().get("items").forEach(todo -> seen.add(todo.get("id").asText()));
            cursor = response.json().get("next_cursor").isNull() ? null : response.json().get("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(page).isEqualTo(3);
    }

    @Test
    void aSyncTokenFromOneInstanceContinuesOnTheOther() {
        String tenant = TestApp.newTenant();
        a.create(tenant, "{\"title\": \"before\"}");
        String token = a.get("/api/v1/todos/changes").tenant(tenant).send().json().get("next_token").asText();
        JsonNode later = b.create(tenant, "{\"title\": \"after\"}");
        Api.Response changes = b.get("/api/v1/todos/changes?since=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .tenant(tenant).send();
        assertThat(changes.status()).isEqualTo(200);
        assertThat(changes.json().get("changes")).hasSize(1);
        assertThat(changes.json().get("changes").get(0).toString()).contains(later.get("id").asText());
    }

    @Test
    void oneIdempotencyKeySentToBothAtOnceCreatesOneTodo() {
        String tenant = TestApp.newTenant();
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Api.Response>> sends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api api = i % 2 == 0 ? a : b;
            sends.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/todos").tenant(tenant)
                    .header("Idempotency-Key", key).json("{\"title\": \"once\"}").send()));
        }
        List<Api.Response> responses = sends.stream().map(CompletableFuture::join).toList();
        // Each either created it, replayed the answer, or was told the first is still in flight (409): never two.
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        Set<String> createdIds = responses.stream().filter(r -> r.status() == 201)
                .map(r -> r.json().get("id").asText()).collect(Collectors.toSet());
        assertThat(createdIds).hasSize(1);
        assertThat(a.list(tenant).get("items")).hasSize(1);
        Api.Response retry = b.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key)
                .json("{\"title\": \"once\"}").send();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.json().get("id").asText()).isEqualTo(createdIds.iterator().next());
    }
}
