package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no TODO_DATABASE_URL the service runs on its own embedded PostgreSQL, whose data survives restarts. */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    private TodoApplication start() {
        return TodoApplication.start(new Settings(Optional.empty(), home.resolve("pgdata"), Optional.empty(),
                Settings.Auth.header(), java.util.List.of()), Map.of("micronaut.server.port", -1));
    }

    @Test
    void aTodoCreatedBeforeARestartIsThereAfterIt() {
        String tenant = TestApp.newTenant();
        JsonNode created;
        try (TodoApplication app = start()) {
            created = new Api(app.uri()).create(tenant, "{\"title\": \"survives a restart\"}");
        }
        assertThat(home.resolve("pgdata").resolve("PG_VERSION")).exists();
        try (TodoApplication app = start()) {
            Api api = new Api(app.uri());
            assertThat(api.get("/api/v1/todos/" + created.get("id").asText()).tenant(tenant).send().json())
                    .isEqualTo(created);
            assertThat(api.list(tenant).get("items")).containsExactly(created);
        }
    }

    @Test
    void itKeepsWritesDurableListensOnlyOnLoopbackAndServesAsAPlainRole() throws SQLException {
        try (TodoApplication app = start()) {
            String url = app.context().getRequiredProperty("datasources.default.url", String.class);
            try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
                 Statement s = c.createStatement()) {
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(s, "full_page_writes")).isEqualTo("on");
                assertThat(setting(s, "listen_addresses")).isEqualTo("localhost");
                assertThat(setting(s, "server_version_num")).startsWith("17");
                try (ResultSet rs = s.executeQuery(
                        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).as("superuser").isFalse();
                    assertThat(rs.getBoolean(2)).as("bypassrls").isFalse();
                }
            }
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryStopsWithAClearMessage() throws Exception {
        try (TodoApplication first = start()) {
            assertThat(first.uri()).isNotNull();
            assertThatThrownBy(this::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining(home.resolve("pgdata").toString());
        }
        assertThat(Files.exists(home.resolve("pgdata"))).isTrue();
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
