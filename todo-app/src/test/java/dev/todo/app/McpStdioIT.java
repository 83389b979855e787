package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.persistence.TestPostgres;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar todo.jar mcp}, MCP over standard input/output for one tenant (ADR 0040, addendum), run as an agent
 * runs it: the built jar as a subprocess, driven by the MCP Java SDK's own stdio client, on a database of the test
 * PostgreSQL (TODO_DATABASE_URL) or on the embedded one in a data directory of its own. Standard output carries
 * protocol messages only, the log is on standard error, and closing standard input ends the process with 0.
 */
class McpStdioIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final List<McpSyncClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    /** TODO_DATABASE_URL for the test database, its credentials in the URL as a user may write them. */
    private static String databaseUrl(TestPostgres.Database database) {
        return database.jdbcUrl() + "?user=" + URLEncoder.encode(database.username(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
    }

    /**
     * An initialized SDK client of {@code todo mcp} started with this environment (and no TODO_* variable of this
     * JVM's own); what the process writes to standard error is collected in {@code stderr}.
     */
    private McpSyncClient client(Map<String, String> env, Queue<String> stderr) {
        List<String> command = TestApp.javaJar(McpCommand.NAME);
        ServerParameters parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .env(env)
                .build();
        StdioClientTransport transport = new StdioClientTransport(parameters,
                new JacksonMcpJsonMapper(new ObjectMapper())) {
            @Override
            protected ProcessBuilder getProcessBuilder() {
                ProcessBuilder builder = super.getProcessBuilder();
                builder.environment().keySet().removeIf(name -> name.startsWith("TODO_"));
                builder.environment().put("HOME", home.toString());
                return builder;
            }
        };
        transport.setStdErrorHandler(stderr::add);
        // The first request waits for the process to start its database and migrate the schema.
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(120))
                .clientInfo(new McpSchema.Implementation("todo-stdio-test", "1")).build();
        clients.add(client);
        try {
            client.initialize();
        } catch (RuntimeException e) {
            throw new AssertionError("todo mcp did not initialize; its standard error: " + String.join("\n", stderr),
                    e);
        }
        return client;
    }

    private static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s %s", tool, result).isFalse();
        return JSON.valueToTree(result.structuredContent());
    }

    private static JsonNode failed(McpSyncClient client, String tool, Map<String, Object> arguments, String code) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s %s", tool, result).isTrue();
        JsonNode error = JSON.valueToTree(result.structuredContent()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        return error;
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get("id").asText())
                .toList();
    }

    /**
     * Every tool over stdio; two processes for two tenants on one database never see each other's todos; the todo
     * one of them added is the same todo (same id and title) for the same tenant over REST on a service on that
     * database, and not there for the other.
     */
    @Test
    void everyToolOverStdioWithTenantsApartAndTheSameTodoOverRest() throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        String alice = TestApp.newTenant();
        String bob = TestApp.newTenant();
        Queue<String> aliceLog = new ConcurrentLinkedQueue<>();
        McpSyncClient client = client(Map.of("TODO_MCP_TENANT", alice, "TODO_DATABASE_URL", databaseUrl(database)),
                aliceLog);
        assertThat(client.getServerInfo().name()).isEqualTo("todo");
        assertThat(client.getServerInfo().version()).as("the jar's version").matches("[0-9]+\\.[0-9]+.*");
        assertThat(client.getServerCapabilities().tools()).isNotNull();
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                "add_task", "list_tasks", "get_task", "update_task", "complete_task", "delete_task");

        JsonNode added = ok(client, "add_task", Map.of("title", "Buy milk", "priority", "high"));
        String id = added.get("id").asText();
        assertThat(ok(client, "get_task", Map.of("task_id", id))).isEqualTo(added);
        Map<String, Object> changes = new HashMap<>();
        changes.put("task_id", id);
        changes.put("title", "Buy oat milk");
        assertThat(ok(client, "update_task", changes).get("title").asText()).isEqualTo("Buy oat milk");
        assertThat(ok(client, "complete_task", Map.of("task_id", id)).get("is_completed").asBoolean()).isTrue();
        assertThat(ids(ok(client, "list_tasks", Map.of("status", "completed")))).containsExactly(id);
        // The resource of the todo, on the same handler as the tools.
        McpSchema.ReadResourceResult resource = client.readResource(
                new McpSchema.ReadResourceRequest("todo://tasks/" + id));
        assertThat(((McpSchema.TextResourceContents) resource.contents().get(0)).text()).contains(id,
                "Buy oat milk");
        JsonNode blank = failed(client, "add_task", Map.of("title", " "), "VALIDATION_ERROR");
        assertThat(blank.get("fields").get(0).get("field").asText()).isEqualTo("title");
        String other = ok(client, "add_task", Map.of("title", "Call mum")).get("id").asText();
        assertThat(ok(client, "delete_task", Map.of("task_id", other)).get("id").asText()).isEqualTo(other);
        failed(client, "get_task", Map.of("task_id", other), "NOT_FOUND");

        // Another tenant's process on the same database: none of alice's todos, and its own stay its own.
        McpSyncClient bobs = client(Map.of("TODO_MCP_TENANT", bob, "TODO_DATABASE_URL", databaseUrl(database)),
                new ConcurrentLinkedQueue<>());
        assertThat(ok(bobs, "list_tasks", Map.of()).get("items")).isEmpty();
        failed(bobs, "get_task", Map.of("task_id", id), "NOT_FOUND");
        failed(bobs, "complete_task", Map.of("task_id", id, "completed", false), "NOT_FOUND");
        assertThatThrownBy(() -> bobs.readResource(new McpSchema.ReadResourceRequest("todo://tasks/" + id)))
                .isInstanceOfSatisfying(io.modelcontextprotocol.spec.McpError.class,
                        e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32002));
        String bobsTodo = ok(bobs, "add_task", Map.of("title", "Bob's")).get("id").asText();
        assertThat(ids(ok(client, "list_tasks", Map.of()))).containsExactly(id);
        failed(client, "get_task", Map.of("task_id", bobsTodo), "NOT_FOUND");

        // The same row over REST, on a service on that database: alice's, not bob's.
        try (TodoApplication service = TestApp.start(database, Map.of())) {
            Api api = new Api(service.uri());
            Api.Response response = api.get("/api/v1/todos/" + id).tenant(alice).send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("title").asText()).isEqualTo("Buy oat milk");
            assertThat(response.json().get("is_completed").asBoolean()).isTrue();
            assertThat(api.get("/api/v1/todos/" + id).tenant(bob).send().status()).isEqualTo(404);
        }

        // Tool calls are counted and logged, on standard error.
        assertThat(String.join("\n", aliceLog)).contains("todo serves MCP on standard input and output",
                "tool add_task ok", "tool add_task VALIDATION_ERROR");
    }

    /**
     * The raw protocol on the embedded database: an initialize, a line that is not JSON-RPC, a notification and tool
     * calls written to standard input; standard output is one JSON-RPC response a line (the bad line's a parse error
     * with id null, a tools/call without params invalid params, the notification unanswered), the log is on standard error, and closing standard input ends the
     * process with 0 after the embedded PostgreSQL is stopped.
     */
    @Test
    void standardOutputIsProtocolOnlyAndEndOfInputStopsCleanly() throws Exception {
        Path dataDir = home.resolve("pgdata");
        ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar(McpCommand.NAME));
        builder.environment().keySet().removeIf(name -> name.startsWith("TODO_"));
        builder.environment().put("TODO_MCP_TENANT", "alice");
        builder.environment().put("TODO_DATA_DIR", dataDir.toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        CompletableFuture<String> stdout = read(process.getInputStream());
        CompletableFuture<String> stderr = read(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            String lines = String.join("\n",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "this is not json",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add_task\","
                            + "\"arguments\":{\"title\":\"Tea, \u00e9t\u00e9 \u2615\"}}}",
                    "",
                    "{\"jsonrpc\":\"2.0\",\"id\":\"three\",\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"list_tasks\",\"arguments\":{}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":\"no-params\",\"method\":\"tools/call\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}") + "\n";
            stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            throw new AssertionError("todo mcp still ran 120 s after standard input closed; stderr: "
                    + stderr.exceptionally(String::valueOf).get());
        }
        String err = stderr.get();
        assertThat(process.exitValue()).as("exit status; stderr: %s", err).isZero();

        List<JsonNode> responses = new ArrayList<>();
        for (String line : stdout.get().split("\n", -1)) {
            if (!line.isEmpty()) {
                JsonNode message = JSON.readTree(line);
                assertThat(message.get("jsonrpc").asText()).as(line).isEqualTo("2.0");
                assertThat(message.has("result") != message.has("error")).as(line).isTrue();
                responses.add(message);
            }
        }
        assertThat(stdout.get()).endsWith("\n");
        assertThat(responses).extracting(r -> r.get("id").isNull() ? null : r.get("id").asText())
                .containsExactly("1", null, "2", "three", "no-params");
        assertThat(responses.get(0).get("result").get("serverInfo").get("name").asText()).isEqualTo("todo");
        assertThat(responses.get(1).get("error").get("code").asInt()).isEqualTo(-32700);
        JsonNode added = responses.get(2).get("result");
        assertThat(added.get("isError").asBoolean()).isFalse();
        assertThat(added.get("structuredContent").get("title").asText()).isEqualTo("Tea, \u00e9t\u00e9 \u2615");
        assertThat(responses.get(3).get("result").get("structuredContent").get("items").get(0).get("id"))
                .isEqualTo(added.get("structuredContent").get("id"));
        assertThat(responses.get(4).get("error").get("code").asInt()).as("a tools/call without params")
                .isEqualTo(-32602);

        assertThat(err).contains("Embedded PostgreSQL on port", "todo serves MCP on standard input and output",
                "tool add_task ok", "Standard input closed after 7 messages", "todo stopped");
        assertThat(dataDir.resolve("postmaster.pid")).as("the embedded PostgreSQL stopped").doesNotExist();
    }

    /** Without a valid TODO_MCP_TENANT nothing starts: a message on standard error, exit 2. */
    @Test
    void aMissingOrInvalidTenantIsExitTwoWithAMessage() throws Exception {
        for (String tenant : new String[] {null, "", "not a tenant"}) {
            ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar(McpCommand.NAME));
            builder.environment().keySet().removeIf(name -> name.startsWith("TODO_"));
            builder.environment().put("TODO_DATA_DIR", home.resolve("pgdata").toString());
            builder.environment().put("HOME", home.toString());
            if (tenant != null) {
                builder.environment().put("TODO_MCP_TENANT", tenant);
            }
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = read(process.getInputStream());
            CompletableFuture<String> stderr = read(process.getErrorStream());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended").isTrue();
            assertThat(process.exitValue()).as("tenant %s; stderr %s", tenant, stderr.get()).isEqualTo(2);
            assertThat(stdout.get()).isEmpty();
            assertThat(stderr.get()).startsWith("todo mcp: TODO_MCP_TENANT ")
                    .contains(tenant == null || tenant.isEmpty() ? "is not set" : "may only contain");
            assertThat(home.resolve("pgdata")).as("no database started").doesNotExist();
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CommandLineIT.read(in);
    }
}
