package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code todo mcp}'s checks before anything starts, in process: the tenant, the arguments, and the settings read
 * without an HTTP identity (McpStdioIT runs the jar).
 */
class McpCommandTest {

    @Test
    void theTenantFollowsTheRulesOfAnXUserIdValue() {
        assertThat(McpCommand.tenant(Map.of("TODO_MCP_TENANT", "auth0|abc.d@e:f_g-h")).value())
                .isEqualTo("auth0|abc.d@e:f_g-h");
        assertThatThrownBy(() -> McpCommand.tenant(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TODO_MCP_TENANT is not set");
        assertThatThrownBy(() -> McpCommand.tenant(Map.of("TODO_MCP_TENANT", "")))
                .hasMessageStartingWith("TODO_MCP_TENANT is not set");
        assertThatThrownBy(() -> McpCommand.tenant(Map.of("TODO_MCP_TENANT", "a b")))
                .hasMessage("TODO_MCP_TENANT may only contain letters, digits and . _ : @ | -");
        assertThatThrownBy(() -> McpCommand.tenant(Map.of("TODO_MCP_TENANT", "a".repeat(129))))
                .hasMessage("TODO_MCP_TENANT must be at most 128 characters");
    }

    @Test
    void argumentsAfterMcpAreAUsageErrorAndNothingIsRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8));
        int status = McpCommand.run(new String[] {"mcp", "--tenant", "alice"}, Map.of("TODO_MCP_TENANT", "alice"),
                in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("todo mcp: no arguments expected", "usage: todo",
                "todo mcp");
        assertThat(in.available()).as("standard input untouched").isEqualTo(3);
    }

    /** TODO_DATABASE_URL alone would mean jwt mode, which needs a key; stdio serves no HTTP request. */
    @Test
    void anExternalDatabaseNeedsNoJwtSettings() {
        Map<String, String> env = Map.of("TODO_DATABASE_URL", "postgresql://todo@db.example/todo");
        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(StartupException.class)
                .hasMessageContaining("jwt mode needs");
        assertThat(Settings.fromEnvironment(McpCommand.withoutHttpIdentity(env)).auth())
                .isEqualTo(new Settings.Auth.Header(false));

        Map<String, String> jwt = Map.of("TODO_DATABASE_URL", "postgresql://todo@db.example/todo",
                "TODO_AUTH_JWT_SECRET", "a-development-secret-of-32-bytes!");
        assertThat(McpCommand.withoutHttpIdentity(jwt)).isEqualTo(jwt);
        assertThat(Settings.fromEnvironment(McpCommand.withoutHttpIdentity(jwt)).auth())
                .isInstanceOf(Settings.Auth.HmacJwt.class);
    }
}
