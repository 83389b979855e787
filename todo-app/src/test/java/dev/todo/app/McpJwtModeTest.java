package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.persistence.TestPostgres;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /mcp in jwt mode: the bearer token's sub is the tenant, as for REST; without a valid token 401 with a challenge
 * that names the protected resource's metadata, which describes the resource and its authorization server
 * (RFC 9728, MCP's authorization).
 */
class McpJwtModeTest {

    private static final Optional<String> ISSUER = Optional.of("https://issuer.test");
    private static TodoApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestPostgres.createDatabase(),
                new Settings.Auth.HmacJwt(JwtModeTest.KEY, ISSUER, Optional.empty()), Map.of());
        api = new Api(app.uri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String token(String subject) {
        return JwtModeTest.token(JwtModeTest.KEY, subject, java.time.Clock.systemUTC(), ISSUER, Optional.empty());
    }

    @Test
    void withoutAValidTokenIs401NamingTheResourceMetadata() {
        String base = "http://" + app.uri().getHost() + ":" + app.uri().getPort();
        for (Api.Call call : List.of(api.post("/mcp"), api.post("/mcp").tenant("someone"),
                api.post("/mcp").header("Authorization", "Bearer not-a-token"))) {
            Api.Response response = call.json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").send();
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            String challenge = response.header("WWW-Authenticate").orElseThrow();
            assertThat(challenge).startsWith("Bearer ")
                    .contains("resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\"");
        }
        for (String path : List.of("/.well-known/oauth-protected-resource",
                "/.well-known/oauth-protected-resource/mcp")) {
            Api.Response metadata = api.get(path).send();
            assertThat(metadata.status()).isEqualTo(200);
            JsonNode document = metadata.json();
            assertThat(document.get("resource").asText()).isEqualTo(base + "/mcp");
            assertThat(document.get("authorization_servers").get(0).asText()).isEqualTo("https://issuer.test");
            assertThat(document.get("bearer_methods_supported").get(0).asText()).isEqualTo("header");
        }
    }

    @Test
    void theTokensSubjectIsTheTenant() {
        String tenant = TestApp.newTenant();
        McpSyncClient client = McpHttpTest.client(app.uri(), "Authorization", "Bearer " + token(tenant));
        client.listTools();
        var result = client.callTool(new CallToolRequest("add_task", Map.of("title", "With a token")));
        assertThat(result.isError()).isFalse();
        String id = ((Map<?, ?>) result.structuredContent()).get("id").toString();
        Api.Response rest = api.get("/api/v1/todos/" + id).header("Authorization", "Bearer " + token(tenant)).send();
        assertThat(rest.status()).isEqualTo(200);
        McpSyncClient other = McpHttpTest.client(app.uri(), "Authorization", "Bearer " + token("someone-else"));
        assertThat(other.callTool(new CallToolRequest("get_task", Map.of("task_id", id))).isError()).isTrue();
        client.closeGracefully();
        other.closeGracefully();
    }

    @Test
    void headerModeHasNoProtectedResourceMetadata() {
        assertThat(TestApp.api().get("/.well-known/oauth-protected-resource").send().status()).isEqualTo(404);
    }
}
