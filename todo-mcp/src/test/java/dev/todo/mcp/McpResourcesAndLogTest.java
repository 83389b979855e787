package dev.todo.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.port.in.GetTodoUseCase;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The resource reader's answers without a database: which URIs reach the in-port, for which tenant, and the errors
 * for the others; and what the request log is told a JSON-RPC message asked for.
 */
class McpResourcesAndLogTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final McpTransportContext CONTEXT = McpTransportContext.create(Map.of(TodoTools.TENANT, ALICE));

    private final List<String> asked = new ArrayList<>();

    private TaskResources resources(GetTodoUseCase get) {
        return new TaskResources((tenant, id) -> {
            asked.add(tenant.value() + " " + id);
            return get.get(tenant, id);
        }, new JacksonMcpJsonMapper(new ObjectMapper()));
    }

    private static McpSchema.ReadResourceRequest read(String uri) {
        return new McpSchema.ReadResourceRequest(uri);
    }

    @Test
    void onlyACanonicalIdUnderTheTemplateReachesTheInPortAndOnlyForTheCallersTenant() {
        TaskResources resources = resources((tenant, id) -> {
            throw new TodoNotFoundException(id);
        });
        String id = UUID.randomUUID().toString();
        for (String uri : List.of("todo://tasks/" + id, "todo://tasks/not-an-id", "todo://tasks/",
                "todo://tasks/../" + id, "todo://other/" + id, "file:///etc/passwd", "todo://tasks/" + id + "x")) {
            assertThatThrownBy(() -> resources.read(CONTEXT, read(uri))).as(uri)
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(-32002);
                        assertThat(e.getJsonRpcError().message()).isEqualTo("Resource not found");
                        assertThat(e.getJsonRpcError().data()).isEqualTo(Map.of("uri", uri));
                    });
        }
        assertThat(asked).containsExactly("alice " + TodoId.parse(id));
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAnInternalErrorNotANotFound() {
        TaskResources resources = resources((tenant, id) -> {
            throw new StorageUnavailableException("down", new RuntimeException("connection refused"));
        });
        assertThatThrownBy(() -> resources.read(CONTEXT, read("todo://tasks/" + UUID.randomUUID())))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INTERNAL_ERROR));
    }

    @Test
    void theTemplateIsJson() {
        var template = resources((tenant, id) -> null).templates().get(0).resourceTemplate();
        assertThat(template.uriTemplate()).isEqualTo("todo://tasks/{id}");
        assertThat(template.mimeType()).isEqualTo("application/json");
    }

    @Test
    void theRequestLogIsToldTheMethodAndToolOnlyAndOnlyInSafeCharacters() {
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCRequest("2.0", "tools/call", 1,
                Map.of("name", "add_task", "arguments", Map.of("title", "secret"))))).isEqualTo("tools/call add_task");
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCRequest("2.0", "resources/read", 2,
                Map.of("uri", "todo://tasks/x")))).isEqualTo("resources/read");
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCRequest("2.0", "tools/call", 3,
                Map.of("name", "x\nGET /api 200")))).isEqualTo("tools/call ?");
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCRequest("2.0", "tools/call", 4, null)))
                .isEqualTo("tools/call");
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCRequest("2.0", "a".repeat(65), 5, null))).isEqualTo("?");
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCNotification("2.0", "notifications/initialized", null)))
                .isEqualTo("notifications/initialized");
        assertThat(McpEndpoint.call(new McpSchema.JSONRPCResponse("2.0", 1, Map.of(), null))).isEqualTo("response");
    }
}
