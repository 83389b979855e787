package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's v1 contract, success rows, through a real HTTP client on the running service. */
class TodoApiContractTest {

    private static final List<String> TODO_MEMBERS =
            List.of("id", "title", "description", "is_completed", "created_at", "updated_at", "user_id", "due",
                    "priority", "tags", "recurrence", "position", "parent_id", "next_occurrence_id");

    private final Api api = service();
    private final String tenant = TestApp.newTenant();

    /** @return the service under test; {@link PooledDatabaseTest} runs the same contract through PgBouncer */
    Api service() {
        return TestApp.api();
    }

    private static List<String> members(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void postCreatesATodoAnswering201WithLocationAndTheTodo() {
        Api.Response response = api.post("/api/v1/todos").tenant(tenant)
                .json("{\"title\": \"Buy milk\", \"description\": \"Two litres\"}").send();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        JsonNode todo = response.json();
        assertThat(members(todo)).containsExactlyInAnyOrderElementsOf(TODO_MEMBERS);
        assertThat(UUID.fromString(todo.get("id").asText())).hasToString(todo.get("id").asText());
        assertThat(response.header("Location")).contains("/api/v1/todos/" + todo.get("id").asText());
        assertThat(todo.get("title").asText()).isEqualTo("Buy milk");
        assertThat(todo.get("description").asText()).isEqualTo("Two litres");
        assertThat(todo.get("is_completed").isBoolean()).isTrue();
        assertThat(todo.get("is_completed").asBoolean()).isFalse();
        assertThat(todo.get("user_id").asText()).isEqualTo(tenant);
        assertThat(todo.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(todo.get("updated_at")).isEqualTo(todo.get("created_at"));
        assertThat(Instant.parse(todo.get("created_at").asText())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
    }

    @Test
    void aTodoWithoutDescriptionHasNullAndAnEmptyOneStaysEmpty() {
        JsonNode none = api.create(tenant, "{\"title\": \"no description\"}");
        JsonNode explicitNull = api.create(tenant, "{\"title\": \"null description\", \"description\": null}");
        JsonNode empty = api.create(tenant, "{\"title\": \"empty description\", \"description\": \"\"}");
        assertThat(none.get("description").isNull()).isTrue();
        assertThat(explicitNull.get("description").isNull()).isTrue();
        assertThat(empty.get("description").isTextual()).isTrue();
        assertThat(empty.get("description").asText()).isEmpty();
        assertThat(get(empty.get("id").asText()).get("description").asText()).isEmpty();
    }

    @Test
    void whatPostReturnsEqualsWhatALaterGetReturns() {
        JsonNode created = api.create(tenant, "{\"title\": \"same\", \"description\": \"same too\"}");
        assertThat(get(created.get("id").asText())).isEqualTo(created);
    }

    @Test
    void listReturnsEveryTodoOfTheTenantOldestFirstWithCount() {
        JsonNode first = api.create(tenant, "{\"title\": \"first\"}");
        JsonNode second = api.create(tenant, "{\"title\": \"second\"}");
        JsonNode third = api.create(tenant, "{\"title\": \"third\"}");
        api.create(TestApp.newTenant(), "{\"title\": \"someone else's\"}");

        JsonNode list = api.list(tenant);
        assertThat(members(list)).containsExactlyInAnyOrder("items", "count");
        assertThat(list.get("count").asInt()).isEqualTo(3);
        assertThat(list.get("items")).containsExactly(first, second, third);
    }

    @Test
    void anEmptyListHasNoItemsAndCountZero() {
        JsonNode list = api.list(TestApp.newTenant());
        assertThat(list.get("items").isArray()).isTrue();
        assertThat(list.get("items")).isEmpty();
        assertThat(list.get("count").asInt()).isZero();
    }

    @Test
    void getReturnsTheTodo() {
        JsonNode created = api.create(tenant, "{\"title\": \"read me\"}");
        Api.Response response = api.get("/api/v1/todos/" + created.get("id").asText()).tenant(tenant).send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(created);
    }

    @Test
    void patchChangesOnlyTheMembersSentAndMovesUpdatedAtButNotCreatedAt() {
        JsonNode created = api.create(tenant, "{\"title\": \"Buy milk\", \"description\": \"Two litres\"}");
        String id = created.get("id").asText();

        Api.Response response = api.patch("/api/v1/todos/" + id).tenant(tenant).json("{\"is_completed\": true}").send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode patched = response.json();
        assertThat(patched.get("is_completed").asBoolean()).isTrue();
        assertThat(patched.get("title")).isEqualTo(created.get("title"));
        assertThat(patched.get("description")).isEqualTo(created.get("description"));
        assertThat(patched.get("created_at")).isEqualTo(created.get("created_at"));
        assertThat(Instant.parse(patched.get("updated_at").asText()))
                .isAfter(Instant.parse(created.get("updated_at").asText()));
        assertThat(get(id)).isEqualTo(patched);
    }

    @Test
    void patchWithNullDescriptionClearsIt() {
        JsonNode created = api.create(tenant, "{\"title\": \"t\", \"description\": \"to clear\"}");
        String id = created.get("id").asText();
        JsonNode patched = api.patch("/api/v1/todos/" + id).tenant(tenant).json("{\"description\": null}").send()
                .json();
        assertThat(patched.get("description").isNull()).isTrue();
        assertThat(patched.get("title").asText()).isEqualTo("t");
        assertThat(get(id)).isEqualTo(patched);
    }

    @Test
    void patchCanChangeEveryMemberAtOnce() {
        String id = api.create(tenant, "{\"title\": \"old\"}").get("id").asText();
        JsonNode patched = api.patch("/api/v1/todos/" + id).tenant(tenant)
                .json("{\"title\": \"new\", \"description\": \"now with one\", \"is_completed\": true}").send()
                .json();
        assertThat(patched.get("title").asText()).isEqualTo("new");
        assertThat(patched.get("description").asText()).isEqualTo("now with one");
        assertThat(patched.get("is_completed").asBoolean()).isTrue();
        assertThat(get(id)).isEqualTo(patched);
    }

    @Test
    void anEmptyPatchChangesNothingNotEvenUpdatedAt() {
        JsonNode created = api.create(tenant, "{\"title\": \"untouched\"}");
        String id = created.get("id").asText();
        Api.Response response = api.patch("/api/v1/todos/" + id).tenant(tenant).json("{}").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(created);
        assertThat(get(id)).isEqualTo(created);
    }

    @Test
    void patchAcceptsMergePatchJson() {
        String id = api.create(tenant, "{\"title\": \"merge\"}").get("id").asText();
        Api.Response response = api.patch("/api/v1/todos/" + id).tenant(tenant)
                .body("{\"is_completed\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/merge-patch+json").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("is_completed").asBoolean()).isTrue();
    }

    @Test
    void deleteAnswers204WithAnEmptyBodyAndTheTodoIsGone() {
        String id = api.create(tenant, "{\"title\": \"delete me\"}").get("id").asText();
        Api.Response response = api.delete("/api/v1/todos/" + id).tenant(tenant).send();
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(api.get("/api/v1/todos/" + id).tenant(tenant).send().status()).isEqualTo(404);
        assertThat(api.list(tenant).get("count").asInt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "123e4567-e89b-12d3-a456-426614174000",
        "auth0|5f7c8ec7c33c6c004bbafe82",
        "google-oauth2|104567890123456789012",
        "alice@example.com"
    })
    void tenantIdsOfEveryAllowedShapeWork(String shape) {
        String tenantId = shape + "." + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = api.create(tenantId, "{\"title\": \"mine\"}");
        assertThat(created.get("user_id").asText()).isEqualTo(tenantId);
        assertThat(api.list(tenantId).get("items")).containsExactly(created);
    }

    @Test
    void aTenantIdOf128CharactersWorks() {
        String longest = (UUID.randomUUID() + "x".repeat(128)).substring(0, 128);
        JsonNode created = api.create(longest, "{\"title\": \"long tenant\"}");
        assertThat(created.get("user_id").asText()).hasSize(128).isEqualTo(longest);
        assertThat(get(longest, created.get("id").asText())).isEqualTo(created);
    }

    @Test
    void unicodeRoundTrips() {
        String title = "Grüße 👋 — 買い物 — \u05e9\u05dc\u05d5\u05dd — \"quoted\" \\ back";
        String description = "Zeile 1\nZeile 2\t✓ 🧪";
        JsonNode created = api.create(tenant, "{\"title\": " + quote(title) + ", \"description\": "
                + quote(description) + "}");
        assertThat(created.get("title").asText()).isEqualTo(title);
        assertThat(created.get("description").asText()).isEqualTo(description);
        assertThat(get(created.get("id").asText())).isEqualTo(created);
    }

    @Test
    void theLongestTitleAndDescriptionAreAccepted() {
        String title = "😀".repeat(255);
        String description = "d".repeat(2000);
        JsonNode created = api.create(tenant, "{\"title\": " + quote(title) + ", \"description\": "
                + quote(description) + "}");
        assertThat(created.get("title").asText()).isEqualTo(title);
        assertThat(get(created.get("id").asText())).isEqualTo(created);
    }

    private JsonNode get(String id) {
        return get(tenant, id);
    }

    private JsonNode get(String tenantId, String id) {
        Api.Response response = api.get("/api/v1/todos/" + id).tenant(tenantId).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String quote(String text) {
        try {
            return Api.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
