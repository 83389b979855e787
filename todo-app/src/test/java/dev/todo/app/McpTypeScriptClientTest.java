package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The service's {@code /mcp} driven by the official MCP TypeScript SDK, the client most Node.js agents use: the
 * script {@code mcp/typescript-client-check.mjs} (a test resource) connects with {@code StreamableHTTPClientTransport}
 * in header mode, initializes, lists and checks the tools, calls every tool, provokes a tool error and a malformed
 * call, reads {@code todo://tasks/{id}}, and tries a second tenant against the first one's todo. It prints a JSON
 * summary (a line {@code SUMMARY {...}}) that this test checks. The SDK is installed from the npm registry at the
 * exact version {@link #SDK} into {@code target/mcp-typescript} ({@link Browser#npmPackage}), with Node.js.
 */
class McpTypeScriptClientTest {

    /** The TypeScript SDK release the check runs with. */
    static final String SDK = "@modelcontextprotocol/sdk@1.32.2";
    /** The install and the script's folder: an ES module finds its imports in a node_modules above it. */
    private static final Path DIR = Path.of("target", "mcp-typescript").toAbsolutePath();
    private static final String SCRIPT = "typescript-client-check.mjs";

    @Test
    void theTypeScriptSdksClientUsesEveryToolAndTheResourceAndSeesOnlyItsTenantsTodos() throws IOException {
        String node = Browser.node();
        Browser.npmPackage(SDK, DIR);
        Path script = DIR.resolve(SCRIPT);
        try (InputStream in = McpTypeScriptClientTest.class.getResourceAsStream("/mcp/" + SCRIPT)) {
            assertThat(in).as("the test resource mcp/%s", SCRIPT).isNotNull();
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Api api = TestApp.api();
        String alice = TestApp.newTenant();
        String bob = TestApp.newTenant();

        Browser.Result run = Browser.run(List.of(node, script.toString(), api.base().toString(), alice, bob),
                Map.of(), DIR.resolve("typescript-client-check.log"), 180);

        Optional<String> line = run.output().lines().filter(l -> l.startsWith("SUMMARY ")).findFirst();
        assertThat(line).as("the script's summary line; it printed:%n%s", run.output()).isPresent();
        JsonNode summary = Api.JSON.readTree(line.get().substring("SUMMARY ".length()));
        assertThat(summary.get("failures")).as("the script's own checks").isEmpty();
        assertThat(run.exit()).as(run.output()).isZero();

        // initialize
        assertThat(summary.get("server").get("name").asText()).isEqualTo("todo");
        assertThat(summary.get("protocolVersion").asText()).isEqualTo("2025-11-25");
        assertThat(summary.get("capabilities")).extracting(JsonNode::asText).contains("tools", "resources");

        // tools/list: six tools, object schemas, the hints
        JsonNode tools = summary.get("tools");
        assertThat(tools.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("add_task",
                "list_tasks", "get_task", "update_task", "complete_task", "delete_task");
        tools.properties().forEach(tool -> {
            assertThat(tool.getValue().get("inputType").asText()).as(tool.getKey()).isEqualTo("object");
            assertThat(tool.getValue().get("outputType").asText()).as(tool.getKey()).isEqualTo("object");
            assertThat(tool.getValue().get("inputProperties").toString()).as(tool.getKey()).doesNotContain("user");
            assertThat(tool.getValue().get("annotations").get("openWorldHint").asBoolean()).isFalse();
        });
        assertThat(tools.get("get_task").get("required")).extracting(JsonNode::asText).containsExactly("task_id");
        assertThat(tools.get("add_task").get("inputProperties")).extracting(JsonNode::asText)
                .contains("title", "due", "priority", "tags", "tasks");
        assertThat(tools.get("list_tasks").get("annotations").get("readOnlyHint").asBoolean()).isTrue();
        assertThat(tools.get("delete_task").get("annotations").get("destructiveHint").asBoolean()).isTrue();
        assertThat(tools.get("add_task").get("annotations").get("idempotentHint").asBoolean()).isFalse();

        // every tool
        String id = summary.get("added").get("id").asText();
        assertThat(summary.get("added").get("title").asText()).isEqualTo("Buy milk");
        assertThat(summary.get("got")).isEqualTo(summary.get("added"));
        assertThat(summary.get("updated").get("title").asText()).isEqualTo("Buy oat milk");
        assertThat(summary.get("completed").get("is_completed").asBoolean()).isTrue();
        assertThat(summary.get("listed")).extracting(JsonNode::asText).containsExactly(id);
        assertThat(summary.get("deleted").get("id").asText()).isEqualTo(id);

        // a tool error, and malformed calls
        assertThat(summary.get("toolError").get("isError").asBoolean()).isTrue();
        assertThat(summary.get("toolError").get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(summary.get("toolError").get("field").asText()).isEqualTo("title");
        assertThat(summary.get("malformed").get("code").asInt()).isEqualTo(-32602);
        assertThat(summary.get("unknownTool").get("code").asInt()).isEqualTo(-32602);

        // resources
        assertThat(summary.get("resourceTemplates")).singleElement().satisfies(template -> {
            assertThat(template.get("uriTemplate").asText()).isEqualTo("todo://tasks/{id}");
            assertThat(template.get("mimeType").asText()).isEqualTo("application/json");
        });
        assertThat(summary.get("resources")).isEmpty();
        assertThat(summary.get("read").get("uri").asText()).isEqualTo("todo://tasks/" + id);
        assertThat(summary.get("read").get("mimeType").asText()).isEqualTo("application/json");
        assertThat(summary.get("read").get("todo").get("id").asText()).isEqualTo(id);
        assertThat(summary.get("read").get("todo").get("title").asText()).isEqualTo("Buy oat milk");
        for (String refused : List.of("readMalformed", "readOutside", "readDeleted")) {
            assertThat(summary.get(refused).get("code").asInt()).as(refused).isEqualTo(-32002);
        }
        assertThat(summary.get("readDeleted").get("data").get("uri").asText()).isEqualTo("todo://tasks/" + id);

        // two tenants
        JsonNode other = summary.get("bob");
        assertThat(other.get("list").asInt()).isZero();
        assertThat(other.get("get").asText()).isEqualTo("NOT_FOUND");
        assertThat(other.get("delete").asText()).isEqualTo("NOT_FOUND");
        assertThat(other.get("read").get("code").asInt()).isEqualTo(-32002);
        assertThat(other.toString()).doesNotContain("milk");
        assertThat(summary.get("aliceAfterBob").asText()).isEqualTo("Buy oat milk");
        assertThat(api.list(alice).get("items")).as("deleted at the end").isEmpty();
        assertThat(api.list(bob).get("items")).isEmpty();
    }
}
