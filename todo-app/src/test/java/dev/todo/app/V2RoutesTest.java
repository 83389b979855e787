package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The seed's v2 routes, /api/{user_id}/tasks, on the same todos as v1. */
class V2RoutesTest {

    private final Api api = TestApp.api();
    private final String tenant = "auth0|" + TestApp.newTenant();
    private final String base = "/api/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/tasks";

    @Test
    void theV2RoutesServeTheSameTodosAsV1() {
        Api.Response created = api.post(base).tenant(tenant).json("{\"title\": \"v2 task\"}").send();
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/tasks/" + id));
        assertThat(api.get("/api/v1/todos/" + id).tenant(tenant).send().json()).isEqualTo(created.json());
        assertThat(api.get(base).tenant(tenant).send().json().get("items")).containsExactly(created.json());
        assertThat(api.get(base + "/" + id).tenant(tenant).send().json()).isEqualTo(created.json());

        JsonNode patched = api.patch(base + "/" + id).tenant(tenant).json("{\"description\": \"d\"}").send().json();
        assertThat(patched.get("description").asText()).isEqualTo("d");
        JsonNode replaced = api.method("PUT", base + "/" + id).tenant(tenant)
                .json("{\"title\": \"replaced\", \"description\": null, \"is_completed\": false}").send().json();
        assertThat(replaced.get("title").asText()).isEqualTo("replaced");

        assertThat(api.delete(base + "/" + id).tenant(tenant).send().status()).isEqualTo(204);
        assertThat(api.get("/api/v1/todos/" + id).tenant(tenant).send().status()).isEqualTo(404);
    }

    @Test
    void completeFlipsIsCompletedEachTime() {
        String id = api.post(base).tenant(tenant).json("{\"title\": \"flip\"}").send().json().get("id").asText();
        Api.Response done = api.patch(base + "/" + id + "/complete").tenant(tenant).send();
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("is_completed").asBoolean()).isTrue();
        assertThat(done.header("ETag")).contains("\"2\"");
        assertThat(api.patch(base + "/" + id + "/complete").tenant(tenant).header("If-Match", "\"1\"").send()
                .status()).isEqualTo(412);
        assertThat(api.patch(base + "/" + id + "/complete").tenant(tenant).header("If-Match", "\"2\"").send()
                .json().get("is_completed").asBoolean()).isFalse();
    }

    @Test
    void aPathUserIdThatIsNotTheTenantIs403AndChangesNothing() {
        String id = api.post(base).tenant(tenant).json("{\"title\": \"mine\"}").send().json().get("id").asText();
        String intruder = TestApp.newTenant();
        for (Api.Call call : new Api.Call[] {
            api.get(base), api.get(base + "/" + id), api.post(base).json("{\"title\": \"planted\"}"),
            api.patch(base + "/" + id).json("{\"title\": \"hijacked\"}"), api.patch(base + "/" + id + "/complete"),
            api.method("PUT", base + "/" + id).json("{\"title\": \"x\", \"description\": null, "
                    + "\"is_completed\": true}"),
            api.delete(base + "/" + id)}) {
            Api.Response response = call.tenant(intruder).send();
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.json().get("error_code").asText()).isEqualTo("FORBIDDEN");
        }
        JsonNode todo = api.get(base + "/" + id).tenant(tenant).send().json();
        assertThat(todo.get("title").asText()).isEqualTo("mine");
        assertThat(todo.get("is_completed").asBoolean()).isFalse();
        assertThat(api.get(base).tenant(tenant).send().json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void theV2RoutesAnswerWithTheSameErrors() {
        assertThat(api.get(base).send().json().get("error_code").asText()).isEqualTo("MISSING_USER_CONTEXT");
        assertThat(api.get(base + "/not-a-uuid").tenant(tenant).send().status()).isEqualTo(400);
        assertThat(api.post(base).tenant(tenant).json("{\"title\": \" \"}").send().status()).isEqualTo(422);
        assertThat(api.get(base + "/" + java.util.UUID.randomUUID()).tenant(tenant).send().status()).isEqualTo(404);
    }
}
