package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP adapter end to end (ADR 0040): the running service driven over Streamable HTTP at {@code /mcp} by the
 * MCP Java SDK's own client, in header mode; each test's tenants are its own.
 */
class McpHttpTest {

    private static Api api;
    private static final List<McpSyncClient> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = TestApp.api();
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.forEach(McpSyncClient::closeGracefully);
    }

    /** An initialized client acting for {@code tenant} (its X-User-ID on every request). */
    static McpSyncClient client(java.net.URI base, String header, String value) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header(header, value))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("todo-test", "1")).build();
        client.initialize();
        CLIENTS.add(client);
        return client;
    }

    private static McpSyncClient client(String tenant) {
        McpSyncClient client = client(api.base(), "X-User-ID", tenant);
        // Tools' output schemas are cached by the client from tools/list, and results then checked against them.
        client.listTools();
        return client;
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    /** The structured result of a call that must succeed. */
    static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = call(client, tool, arguments);
        assertThat(result.isError()).as("%s %s", tool, result).isFalse();
        assertThat(result.content()).as("a short text rendering").hasSize(1)
                .first().isInstanceOf(McpSchema.TextContent.class);
        return Api.JSON.valueToTree(result.structuredContent());
    }

    /** The {@code error} of a call that must fail with a broken rule. */
    static JsonNode failed(McpSyncClient client, String tool, Map<String, Object> arguments, String code) {
        CallToolResult result = call(client, tool, arguments);
        assertThat(result.isError()).as("%s %s", tool, result).isTrue();
        JsonNode error = Api.JSON.valueToTree(result.structuredContent()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).startsWith(code);
        return error;
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.get("id").asText()).toList();
    }

    @Test
    void initializeAndListTheToolsWithTheirSchemasAndHints() {
        McpSyncClient client = client(api.base(), "X-User-ID", TestApp.newTenant());
        assertThat(client.getServerInfo().name()).isEqualTo("todo");
        assertThat(client.getServerCapabilities().tools()).isNotNull();
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("add_task", "list_tasks",
                "get_task", "update_task", "complete_task", "delete_task");
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
            assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(tool.annotations()).as(tool.name()).isNotNull();
            assertThat(tool.inputSchema().toString()).doesNotContain("user_id");
        }
        // What a client decides on (to ask the user before a destructive call): read-only, destructive, idempotent.
        Map<String, List<Boolean>> hints = new java.util.TreeMap<>();
        for (McpSchema.Tool tool : tools) {
            hints.put(tool.name(), List.of(tool.annotations().readOnlyHint(), tool.annotations().destructiveHint(),
                    tool.annotations().idempotentHint()));
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isFalse();
        }
        assertThat(hints).containsExactlyInAnyOrderEntriesOf(Map.of(
                "add_task", List.of(false, false, false),
                "list_tasks", List.of(true, false, true),
                "get_task", List.of(true, false, true),
                "update_task", List.of(false, true, true),
                "complete_task", List.of(false, false, true),
                "delete_task", List.of(false, true, true)));
    }

    @Test
    void everyToolOnOneTodo() {
        McpSyncClient client = client(TestApp.newTenant());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode added = ok(client, "add_task", Map.of("title", "Buy milk", "description", "2 litres",
                "due", today, "priority", "high", "tags", List.of("home")));
        String id = added.get("id").asText();
        assertThat(added.get("title").asText()).isEqualTo("Buy milk");
        assertThat(added.get("description").asText()).isEqualTo("2 litres");
        assertThat(added.get("is_completed").asBoolean()).isFalse();
        assertThat(added.get("due").get("date").asText()).isEqualTo(today);
        assertThat(added.get("priority").asText()).isEqualTo("high");
        assertThat(added.get("tags")).hasSize(1);
        assertThat(added.has("user_id")).isFalse();

        assertThat(ok(client, "get_task", Map.of("task_id", id))).isEqualTo(added);
        // The text rendering, for clients that show text: what the todo is, in one line.
        CallToolResult timed = call(client, "add_task", Map.of("title", "Gym", "priority", "low",
                "due", Map.of("date", "2026-03-23", "time", "09:00", "time_zone", "Europe/Berlin"),
                "tags", List.of("health", "sport"), "recurrence", "FREQ=WEEKLY;BYDAY=MO"));
        String timedId = Api.JSON.valueToTree(timed.structuredContent()).get("id").asText();
        assertThat(((McpSchema.TextContent) timed.content().get(0)).text()).isEqualTo("[ ] Gym · due 2026-03-23 "
                + "09:00:00 Europe/Berlin · low · #health #sport · repeats FREQ=WEEKLY;BYDAY=MO (id " + timedId + ")");
        ok(client, "delete_task", Map.of("task_id", timedId));

        Map<String, Object> changes = new HashMap<>();
        changes.put("task_id", id);
        changes.put("title", "Buy oat milk");
        changes.put("description", null);
        changes.put("tags", List.of("home", "shop"));
        JsonNode updated = ok(client, "update_task", changes);
        assertThat(updated.get("title").asText()).isEqualTo("Buy oat milk");
        assertThat(updated.get("description").isNull()).as("null clears it").isTrue();
        assertThat(updated.get("tags")).hasSize(2);

        JsonNode done = ok(client, "complete_task", Map.of("task_id", id));
        assertThat(done.get("is_completed").asBoolean()).isTrue();
        assertThat(ids(ok(client, "list_tasks", Map.of("status", "completed")).get("items"))).containsExactly(id);
        assertThat(ok(client, "list_tasks", Map.of("status", "pending")).get("items")).isEmpty();
        JsonNode reopened = ok(client, "complete_task", Map.of("task_id", id, "completed", false));
        assertThat(reopened.get("is_completed").asBoolean()).isFalse();
        assertThat(ids(ok(client, "list_tasks", Map.of("due", "today")).get("items"))).containsExactly(id);
        assertThat(ids(ok(client, "list_tasks", Map.of("due", "this_week")).get("items"))).containsExactly(id);
        assertThat(ok(client, "list_tasks", Map.of("due", "overdue")).get("items")).isEmpty();
        assertThat(ids(ok(client, "list_tasks", Map.of("tag", "shop", "priority", "high")).get("items")))
                .containsExactly(id);

        JsonNode deleted = ok(client, "delete_task", Map.of("task_id", id));
        assertThat(deleted.get("id").asText()).isEqualTo(id);
        assertThat(deleted.get("title").asText()).isEqualTo("Buy oat milk");
        failed(client, "get_task", Map.of("task_id", id), "NOT_FOUND");
    }

    @Test
    void listsComeInPagesWithACursor() {
        McpSyncClient client = client(TestApp.newTenant());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(ok(client, "add_task", Map.of("title", "Task " + i)).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        JsonNode page = ok(client, "list_tasks", Map.of("limit", 2));
        seen.addAll(ids(page.get("items")));
        while (!page.get("next_cursor").isNull()) {
            page = ok(client, "list_tasks", Map.of("limit", 2, "cursor", page.get("next_cursor").asText()));
            seen.addAll(ids(page.get("items")));
        }
        assertThat(seen).containsExactlyElementsOf(created);
        JsonNode second = ok(client, "list_tasks", Map.of("limit", 2));
        JsonNode error = failed(client, "list_tasks", Map.of("limit", 2, "status", "pending", "cursor",
                second.get("next_cursor").asText()), "VALIDATION_ERROR");
        assertThat(error.get("fields").get(0).get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void listsOfTasksAreAllOrNothing() {
        String tenant = TestApp.newTenant();
        McpSyncClient client = client(tenant);
        JsonNode added = ok(client, "add_task", Map.of("tasks", List.of(Map.of("title", "One"),
                Map.of("title", "Two", "priority", "low"), Map.of("title", "Three"))));
        assertThat(added.get("count").asInt()).isEqualTo(3);
        List<String> ids = ids(added.get("items"));

        JsonNode invalid = failed(client, "add_task", Map.of("tasks", List.of(Map.of("title", "Four"),
                Map.of("title", "  "))), "VALIDATION_ERROR");
        assertThat(invalid.get("fields").get(0).get("field").asText()).isEqualTo("tasks[1].title");

        String unknown = UUID.randomUUID().toString();
        JsonNode missing = failed(client, "complete_task", Map.of("tasks", List.of(Map.of("task_id", ids.get(0)),
                Map.of("task_id", unknown))), "NOT_FOUND");
        assertThat(missing.get("fields").get(0).get("field").asText()).isEqualTo("tasks[1].task_id");
        // The first was completed, then undone with the unit of work: nothing changed.
        assertThat(ok(client, "list_tasks", Map.of("status", "completed")).get("items")).isEmpty();
        assertThat(ids(ok(client, "list_tasks", Map.of()).get("items"))).containsExactlyElementsOf(ids);

        JsonNode completed = ok(client, "complete_task", Map.of("tasks", List.of(Map.of("task_id", ids.get(0)),
                Map.of("task_id", ids.get(1)))));
        assertThat(completed.get("items").findValuesAsText("is_completed")).containsOnly("true");
        JsonNode updated = ok(client, "update_task", Map.of("tasks", List.of(
                Map.of("task_id", ids.get(0), "title", "One!"), Map.of("task_id", ids.get(2), "priority", "high"))));
        assertThat(updated.get("items").get(0).get("title").asText()).isEqualTo("One!");
        assertThat(updated.get("items").get(1).get("priority").asText()).isEqualTo("high");
        JsonNode deleted = ok(client, "delete_task", Map.of("tasks", List.of(Map.of("task_id", ids.get(0)),
                Map.of("task_id", ids.get(1)))));
        assertThat(deleted.get("items").findValuesAsText("title")).containsExactly("One!", "Two");
        assertThat(ids(ok(client, "list_tasks", Map.of()).get("items"))).containsExactly(ids.get(2));

        // More than 50 at once is a malformed call: nothing is added.
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Map.of("title", "Task " + i));
        }
        assertThatThrownBy(() -> call(client, "add_task", Map.of("tasks", many)))
                .isInstanceOfSatisfying(McpError.class, e ->
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
        assertThat(ids(ok(client, "list_tasks", Map.of()).get("items"))).containsExactly(ids.get(2));
        assertThat(ok(client, "add_task", Map.of("tasks", many.subList(0, 50))).get("count").asInt()).isEqualTo(50);
    }

    @Test
    void brokenRulesAreToolErrorsAndMalformedCallsAreJsonRpcErrors() {
        McpSyncClient client = client(TestApp.newTenant());
        JsonNode blank = failed(client, "add_task", Map.of("title", " "), "VALIDATION_ERROR");
        assertThat(blank.get("fields").get(0).get("field").asText()).isEqualTo("title");
        assertThat(blank.get("fields").get(0).get("message").asText()).isNotBlank();
        JsonNode due = failed(client, "add_task", Map.of("title", "x", "due", "31/12/2026"), "VALIDATION_ERROR");
        assertThat(due.get("fields").get(0).get("field").asText()).startsWith("due");
        failed(client, "update_task", Map.of("task_id", UUID.randomUUID().toString(), "title", "x"), "NOT_FOUND");
        failed(client, "get_task", Map.of("task_id", "not-a-uuid"), "VALIDATION_ERROR");
        assertThat(ok(client, "list_tasks", Map.of()).get("items")).as("nothing was created").isEmpty();

        assertThatThrownBy(() -> call(client, "no_such_tool", Map.of()))
                .isInstanceOfSatisfying(McpError.class, e ->
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
        for (Map<String, Object> malformed : List.<Map<String, Object>>of(Map.of("title", 42),
                Map.of("title", "x", "user_id", "someone-else"), Map.of(),
                Map.of("title", "x", "tasks", List.of(Map.of("title", "y"))))) {
            assertThatThrownBy(() -> call(client, "add_task", malformed)).as("%s", malformed)
                    .isInstanceOfSatisfying(McpError.class, e ->
                            assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
        }
    }

    @Test
    void twoTenantsNeverSeeOrChangeEachOthersTodos() {
        McpSyncClient alice = client(TestApp.newTenant());
        McpSyncClient bob = client(TestApp.newTenant());
        String id = ok(alice, "add_task", Map.of("title", "Alice's")).get("id").asText();
        assertThat(ok(bob, "list_tasks", Map.of()).get("items")).isEmpty();
        failed(bob, "get_task", Map.of("task_id", id), "NOT_FOUND");
        failed(bob, "update_task", Map.of("task_id", id, "title", "Bob's now"), "NOT_FOUND");
        failed(bob, "complete_task", Map.of("task_id", id), "NOT_FOUND");
        failed(bob, "delete_task", Map.of("task_id", id), "NOT_FOUND");
        JsonNode still = ok(alice, "get_task", Map.of("task_id", id));
        assertThat(still.get("title").asText()).isEqualTo("Alice's");
        assertThat(still.get("is_completed").asBoolean()).isFalse();
    }

    /** The resource error a read ends with: MCP's "Resource not found" (-32002) with the uri, or a failure. */
    private static void notFound(McpSyncClient client, String uri) {
        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest(uri))).as(uri)
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(-32002);
                    assertThat(e.getJsonRpcError().message()).isEqualTo("Resource not found");
                    assertThat(e.getJsonRpcError().data()).isEqualTo(Map.of("uri", uri));
                });
    }

    @Test
    void aTodoIsTheResourceTodoTasksIdOfItsTenantOnly() {
        McpSyncClient alice = client(TestApp.newTenant());
        McpSyncClient bob = client(TestApp.newTenant());
        assertThat(alice.getServerCapabilities().resources()).isNotNull();
        List<McpSchema.ResourceTemplate> templates = alice.listResourceTemplates().resourceTemplates();
        assertThat(templates).singleElement().satisfies(template -> {
            assertThat(template.uriTemplate()).isEqualTo("todo://tasks/{id}");
            assertThat(template.name()).isEqualTo("task");
            assertThat(template.title()).isNotBlank();
            assertThat(template.description()).isNotBlank();
            assertThat(template.mimeType()).isEqualTo("application/json");
        });
        assertThat(alice.listResources().resources()).as("no fixed resources: list_tasks lists").isEmpty();

        JsonNode added = ok(alice, "add_task", Map.of("title", "Alice's secret", "tags", List.of("private")));
        String id = added.get("id").asText();
        String uri = "todo://tasks/" + id;
        McpSchema.ReadResourceResult read = alice.readResource(new McpSchema.ReadResourceRequest(uri));
        assertThat(read.contents()).singleElement().isInstanceOfSatisfying(McpSchema.TextResourceContents.class,
                contents -> {
                    assertThat(contents.uri()).isEqualTo(uri);
                    assertThat(contents.mimeType()).isEqualTo("application/json");
                    try {
                        assertThat(Api.JSON.readTree(contents.text())).as("what get_task answers")
                                .isEqualTo(ok(alice, "get_task", Map.of("task_id", id)));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                });

        // Another tenant's todo, an unknown id, something not an id, and URIs outside the template: the same answer.
        notFound(bob, uri);
        notFound(alice, "todo://tasks/" + UUID.randomUUID());
        notFound(alice, "todo://tasks/not-an-id");
        notFound(alice, "todo://tasks/" + id.toUpperCase(java.util.Locale.ROOT) + "x");
        notFound(alice, "todo://tasks/../tasks/" + id);
        notFound(alice, "todo://tasks/" + id + "/../x");
        notFound(alice, "todo://tasks/%2e%2e%2f" + id);
        notFound(alice, "todo://tasks/" + "a".repeat(20_000));
        notFound(alice, "file:///etc/passwd");
        ok(alice, "delete_task", Map.of("task_id", id));
        notFound(alice, uri);
    }

    @Test
    void aTodoOverMcpIsTheSameTodoOverRestAndTheReverse() {
        String tenant = TestApp.newTenant();
        McpSyncClient client = client(tenant);
        JsonNode added = ok(client, "add_task", Map.of("title", "Over MCP", "priority", "medium"));
        String id = added.get("id").asText();
        Api.Response rest = api.get("/api/v1/todos/" + id).tenant(tenant).send();
        assertThat(rest.status()).isEqualTo(200);
        JsonNode json = rest.json();
        for (String member : List.of("id", "title", "description", "is_completed", "created_at", "updated_at", "due",
                "priority", "tags", "recurrence", "position", "parent_id", "next_occurrence_id")) {
            assertThat(json.get(member)).as(member).isEqualTo(added.get(member));
        }
        String etag = rest.header("ETag").orElseThrow();
        ok(client, "update_task", Map.of("task_id", id, "title", "Changed over MCP"));
        Api.Response changed = api.get("/api/v1/todos/" + id).tenant(tenant).send();
        assertThat(changed.json().get("title").asText()).isEqualTo("Changed over MCP");
        assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(api.get("/api/v1/todos/" + id).tenant(tenant).header("If-None-Match",
                changed.header("ETag").orElseThrow()).send().status()).isEqualTo(304);
        JsonNode feed = api.get("/api/v1/todos/changes").tenant(tenant).send().json();
        assertThat(feed.get("changes").findValuesAsText("type")).contains("upsert");
        assertThat(StreamSupport.stream(feed.get("changes").spliterator(), false)
                .filter(change -> change.get("type").asText().equals("upsert"))
                .map(change -> change.get("todo").get("title").asText())).contains("Changed over MCP");

        JsonNode overRest = api.create(tenant, "{\"title\":\"Over REST\"}");
        JsonNode got = ok(client, "get_task", Map.of("task_id", overRest.get("id").asText()));
        JsonNode restShape = overRest.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) restShape).remove("user_id");
        assertThat(got).as("the same todo, member for member").isEqualTo(restShape);
        ok(client, "delete_task", Map.of("task_id", overRest.get("id").asText()));
        assertThat(api.get("/api/v1/todos/" + overRest.get("id").asText()).tenant(tenant).send().status())
                .isEqualTo(404);
        JsonNode after = api.get("/api/v1/todos/changes").tenant(tenant).send().json();
        assertThat(after.get("changes").findValuesAsText("type")).contains("delete");
    }

    @Test
    void theTransportChecksOriginProtocolVersionAndIdentity() {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
        Api.Response plain = api.post("/mcp").tenant(TestApp.newTenant())
                .header("Accept", "application/json, text/event-stream").json(initialize).send();
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.contentType()).startsWith("application/json");
        assertThat(plain.json().get("result").get("protocolVersion").asText()).isEqualTo("2025-06-18");

        assertThat(api.post("/mcp").tenant(TestApp.newTenant()).header("Origin", "https://evil.test")
                .json(initialize).send().status()).isEqualTo(403);
        assertThat(api.post("/mcp").tenant(TestApp.newTenant()).header("MCP-Protocol-Version", "1999-01-01")
                .json(initialize).send().status()).isEqualTo(400);
        Api.Response anonymous = api.post("/mcp").json(initialize).send();
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.json().get("error_code").asText()).isEqualTo("MISSING_USER_CONTEXT");
        assertThat(api.get("/mcp").tenant(TestApp.newTenant()).send().status()).isEqualTo(405);
        Api.Response notification = api.post("/mcp").tenant(TestApp.newTenant())
                .json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").send();
        assertThat(notification.status()).isEqualTo(202);
        Api.Response garbage = api.post("/mcp").tenant(TestApp.newTenant()).json("{\"not\":\"json-rpc\"}").send();
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("error").get("code").asInt()).isEqualTo(McpSchema.ErrorCodes.PARSE_ERROR);
        for (String method : List.of("tools/call", "resources/read")) {
            Api.Response noParams = api.post("/mcp").tenant(TestApp.newTenant())
                    .json("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\"}").send();
            assertThat(noParams.status()).as(method).isEqualTo(200);
            assertThat(noParams.json().get("id").asInt()).isEqualTo(7);
            assertThat(noParams.json().get("error").get("code").asInt()).as(method)
                    .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
        }
    }

    @Test
    void toolCallsAreMeasuredByToolAndOutcome() {
        McpSyncClient client = client(TestApp.newTenant());
        ok(client, "list_tasks", Map.of());
        failed(client, "get_task", Map.of("task_id", UUID.randomUUID().toString()), "NOT_FOUND");
        MeterRegistry registry = TestApp.context().getBean(MeterRegistry.class);
        assertThat(registry.find("todo.mcp.tool.calls").tags("tool", "list_tasks", "outcome", "ok").timer())
                .isNotNull().satisfies(timer -> assertThat(timer.count()).isPositive());
        assertThat(registry.find("todo.mcp.tool.calls").tags("tool", "get_task", "outcome", "NOT_FOUND").timer())
                .isNotNull();
    }
}
