package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** GET /openapi.yml serves the written document (todo-rest), describing every route, body and error status. */
class OpenApiDocumentTest {

    private final Api api = TestApp.api();

    @SuppressWarnings("unchecked")
    private Map<String, Object> document() {
        Api.Response response = api.get("/openapi.yml").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/yaml");
        return new Yaml().load(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as("missing %s", String.join(".", path)).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        assertThat(current).as("missing %s", String.join(".", path)).isInstanceOf(Map.class);
        return (Map<String, Object>) current;
    }

    @Test
    void describesEveryRouteWithItsSuccessAndErrorStatuses() {
        Map<String, Object> doc = document();
        assertThat(doc.get("openapi").toString()).startsWith("3.");
        Map<String, Object> paths = map(doc, "paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrder("/api/v1/todos", "/api/v1/todos/{id}",
                "/api/v1/todos/changes", "/api/v1/todos/clear-completed", "/api/v1/todos/{id}/move",
                "/api/{user_id}/tasks", "/api/{user_id}/tasks/{id}", "/api/{user_id}/tasks/{id}/complete",
                "/api/{user_id}/tasks/{id}/move",
                "/api/v1/tags", "/api/v1/tags/{name}", "/api/{user_id}/tags", "/api/{user_id}/tags/{name}");

        Set<String> common = Set.of("401", "403", "405", "406", "414", "431", "500", "503");
        Set<String> withBody = Set.of("413", "415", "422");
        Map<String, Set<String>> expected = new java.util.HashMap<>();
        for (String collection : List.of("/api/v1/todos", "/api/{user_id}/tasks")) {
            String one = collection + "/{id}";
            // An empty user_id, or one with a /, makes the v2 path name no route.
            Set<String> noRoute = collection.contains("{user_id}") ? Set.of("404") : Set.of();
            expected.put(collection + " post", union(common, withBody, noRoute, Set.of("201", "400", "409")));
            // 413 LIST_TOO_LARGE: an unpaged list past TODO_LIST_MAX_UNPAGED (ADR 0028).
            expected.put(collection + " get", union(common, noRoute, Set.of("200", "400", "413")));
            expected.put(one + " get", union(common, Set.of("200", "304", "400", "404")));
            // 409 QUOTA_EXCEEDED: a completion whose next occurrence the quota has no room for (ADR 0037).
            expected.put(one + " patch", union(common, withBody, Set.of("200", "400", "404", "409", "412")));
            expected.put(one + " put", union(common, withBody, Set.of("200", "400", "404", "409", "412")));
            // 409 IDEMPOTENCY_KEY_IN_FLIGHT.
            expected.put(one + "/move post", union(common, withBody, Set.of("200", "400", "404", "409", "412")));
            expected.put(one + " delete", union(common, Set.of("204", "400", "404", "412")));
        }
        expected.put("/api/{user_id}/tasks/{id}/complete patch",
                union(common, Set.of("200", "400", "404", "409", "412")));
        for (String collection : List.of("/api/v1/tags", "/api/{user_id}/tags")) {
            String one = collection + "/{name}";
            Set<String> noRoute = collection.contains("{user_id}") ? Set.of("404") : Set.of();
            expected.put(collection + " get", union(common, noRoute, Set.of("200", "400")));
            expected.put(one + " patch", union(common, withBody, Set.of("200", "400", "404")));
            expected.put(one + " delete", union(common, Set.of("204", "400", "404")));
        }
        expected.put("/api/v1/todos/changes get", union(common, Set.of("200", "400", "410")));
        expected.put("/api/v1/todos/clear-completed post", union(common, Set.of("200", "400", "409", "422")));
        expected.forEach((operation, statuses) -> {
            String[] parts = operation.split(" ");
            Map<String, Object> responses = map(paths, parts[0], parts[1], "responses");
            assertThat(responses.keySet()).as(operation).containsExactlyInAnyOrderElementsOf(statuses);
            responses.forEach((status, response) -> {
                if ((status.startsWith("4") || status.startsWith("5"))) {
                    assertThat(map(response, "content").keySet()).as(operation + " " + status)
                            .containsExactly("application/problem+json");
                }
            });
        });
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDeclaresTheTenantHeaderAndTheBodiesTheirSchemas() {
        Map<String, Object> doc = document();
        Map<String, Object> header = map(doc, "components", "parameters", "TenantHeader");
        assertThat(header).containsEntry("name", "X-User-ID").containsEntry("in", "header")
                .containsEntry("required", false);
        assertThat(map(doc, "components", "securitySchemes", "bearer")).containsEntry("type", "http")
                .containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat((List<Map<String, Object>>) doc.get("security")).containsExactly(
                Map.of("bearer", List.of()), Map.of());
        assertThat(map(header, "schema")).containsEntry("type", "string").containsEntry("maxLength", 128);
        Map<String, Object> paths = map(doc, "paths");
        for (String path : paths.keySet()) {
            for (Map.Entry<String, Object> operation : map(paths, path).entrySet()) {
                List<Map<String, Object>> parameters =
                        (List<Map<String, Object>>) ((Map<String, Object>) operation.getValue()).get("parameters");
                assertThat(parameters).as(path + " " + operation.getKey())
                        .anySatisfy(p -> assertThat(p).containsEntry("$ref", "#/components/parameters/TenantHeader"));
            }
        }
        Map<String, Object> schemas = map(doc, "components", "schemas");
        assertThat(schemas.keySet()).contains("Todo", "TodoList", "TodoCreate", "TodoPatch", "Problem", "FieldError");
        assertThat(map(schemas, "Todo", "properties").keySet()).containsExactlyInAnyOrder(
                "id", "title", "description", "is_completed", "created_at", "updated_at", "user_id", "due",
                "priority", "tags", "recurrence", "position", "parent_id", "next_occurrence_id");
        assertThat(map(schemas, "Todo", "properties", "due", "properties").keySet())
                .containsExactlyInAnyOrder("date", "time", "time_zone", "at");
        assertThat(map(schemas, "DueInput", "properties").keySet())
                .containsExactlyInAnyOrder("date", "time", "time_zone");
        assertThat(map(schemas, "TodoCreate", "properties").keySet())
                .containsExactlyInAnyOrder("title", "description", "due", "priority", "tags", "recurrence", "parent_id");
        for (String request : List.of("TodoReplace", "TodoPatch")) {
            assertThat(map(schemas, request, "properties").keySet()).as(request)
                    .containsExactlyInAnyOrder("title", "description", "is_completed", "due", "priority", "tags",
                            "recurrence");
        }
        assertThat((List<String>) map(schemas, "TodoReplace").get("required"))
                .containsExactlyInAnyOrder("title", "description", "is_completed");
        assertThat(map(schemas, "TodoCreate")).containsEntry("additionalProperties", false);
        assertThat(map(schemas, "Problem", "properties").keySet()).containsExactlyInAnyOrder(
                "type", "title", "status", "detail", "error_code", "field_errors", "request_id",
                "field_errors_truncated");
        assertThat((List<String>) map(schemas, "Problem").get("required")).as("present only when it is true")
                .doesNotContain("field_errors_truncated");
        assertThat((List<String>) map(schemas, "Problem", "properties", "error_code").get("enum"))
                .as("every error code the API sends is documented")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(dev.todo.rest.error.ErrorCode.values())
                        .map(Enum::name).toList());
        assertThat(map(paths, "/api/v1/todos", "post", "requestBody", "content", "application/json", "schema"))
                .containsEntry("$ref", "#/components/schemas/TodoCreate");
        assertThat(map(paths, "/api/v1/todos/{id}", "patch", "requestBody", "content", "application/json", "schema"))
                .containsEntry("$ref", "#/components/schemas/TodoPatch");
    }

    /** Issue 15.1: what Redocly and openapi-generator stumbled on. */
    @Test
    @SuppressWarnings("unchecked")
    void listsHaveOneSchemaAndEveryResponseDeclaresTheRequestIdItCarries() {
        Map<String, Object> doc = document();
        assertThat((List<Map<String, Object>>) doc.get("servers")).as("servers")
                .containsExactly(Map.of("url", "/", "description", "The service that serves this document."));
        Map<String, Object> schemas = map(doc, "components", "schemas");
        assertThat(schemas).doesNotContainKeys("TodoPage", "TodoResponse");
        Map<String, Object> list = map(schemas, "TodoList");
        assertThat((List<String>) list.get("required")).containsExactlyInAnyOrder("items", "count");
        assertThat(map(list, "properties").keySet()).containsExactlyInAnyOrder("items", "count", "next_cursor");
        assertThat(map(list, "properties", "next_cursor")).containsEntry("nullable", true);
        Map<String, Object> paths = map(doc, "paths");
        for (String collection : List.of("/api/v1/todos", "/api/{user_id}/tasks")) {
            assertThat(map(paths, collection, "get", "responses", "200", "content", "application/json", "schema"))
                    .as(collection).containsExactly(Map.entry("$ref", "#/components/schemas/TodoList"));
            assertThat(map(paths, collection.replace("/todos", "/todos/{id}").replace("/tasks", "/tasks/{id}"),
                    "patch", "requestBody", "content").keySet()).as(collection)
                    .containsExactly("application/json", "application/merge-patch+json");
        }
        assertThat((List<String>) map(schemas, "Change").get("required")).as("deletions carry no todo")
                .containsExactly("type");
        Map<String, Object> change = map(schemas, "Change", "properties");
        assertThat(map(change, "todo")).containsExactly(Map.entry("$ref", "#/components/schemas/Todo"));
        for (String member : List.of("id", "deleted_at")) {
            assertThat(map(change, member)).as(member).containsEntry("type", "string").doesNotContainKey("nullable");
        }
        for (String path : paths.keySet()) {
            for (Map.Entry<String, Object> operation : map(paths, path).entrySet()) {
                map(operation.getValue(), "responses").forEach((status, response) -> {
                    // A request line or header block too long to read passes no filter: it gets no id.
                    if (!Set.of("414", "431").contains(status)) {
                        assertThat(map(response, "headers", "X-Request-Id", "schema"))
                                .as("%s %s %s", path, operation.getKey(), status).containsEntry("type", "string");
                    }
                });
            }
        }
    }

    /** Issue 15.10: Swagger UI's page is titled todo, and lists the v1 routes above the v2 ones. */
    @Test
    @SuppressWarnings("unchecked")
    void swaggerUiIsTitledTodoAndListsV1First() {
        Api.Response page = api.get("/swagger-ui").send();
        assertThat(page.body()).contains("<title>todo</title>").contains("tagsSorter: \"alpha\"");
        Map<String, Object> paths = map(document(), "paths");
        String v1 = ((List<String>) map(paths, "/api/v1/todos", "get").get("tags")).get(0);
        String v2 = ((List<String>) map(paths, "/api/{user_id}/tasks", "get").get("tags")).get(0);
        assertThat(List.of(v2, v1).stream().sorted().toList()).as("Swagger UI sorts the tags alphabetically")
                .containsExactly(v1, v2);
    }

    @Test
    void swaggerUiIsServedFromTheServiceItselfAndReadsTheDocument() {
        Api.Response page = api.get("/swagger-ui").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/openapi.yml", "/swagger-ui/res/swagger-ui-bundle.js")
                .doesNotContain("unpkg.com", "cdn.");
        for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")) {
            Api.Response response = api.get("/swagger-ui/res/" + asset).send();
            assertThat(response.status()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotEmpty();
        }
    }

    @Test
    void healthIsUpWhileTheDatabaseAnswers() {
        Api.Response response = api.get("/health").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
    }
}
