package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The v1 contract (every test of {@link TodoApiContractTest}) through a real PgBouncer in transaction mode, as
 * Neon's pooled endpoint is, configured the way an operator would: TODO_DATABASE_URL names the pooler with
 * TODO_DATABASE_POOLED=true, TODO_DATABASE_MIGRATION_URL the database directly. PgBouncer has fewer server
 * connections than the service's pool, so consecutive transactions of one connection of the service land on
 * different server sessions.
 */
class PooledDatabaseTest extends TodoApiContractTest {

    private static TestPostgres.Database database;
    private static PgBouncer pgbouncer;
    private static TodoApplication app;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase();
        pgbouncer = PgBouncer.start(database, 2);
        ExternalDatabase pooled = ExternalDatabase.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", pgbouncer.url(),
                "TODO_DATABASE_POOLED", "true",
                "TODO_DATABASE_MIGRATION_URL", "jdbc:postgresql:" + database.jdbcUrl()
                        .substring("jdbc:postgresql:".length()) + separator(database.jdbcUrl()) + "user="
                        + database.username() + "&password=" + database.password())).orElseThrow();
        app = TestApp.start(pooled, Settings.Auth.header(), TodoLimits.DEFAULTS, Map.of());
    }

    private static String separator(String url) {
        return url.contains("?") ? "&" : "?";
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (pgbouncer != null) {
            pgbouncer.close();
        }
    }

    @Override
    Api service() {
        return new Api(app.uri());
    }

    @Test
    void theServicesConnectionsShareTheFewServerSessionsOfThePooler() throws Exception {
        String tenant = TestApp.newTenant();
        service().create(tenant, "{\"title\": \"through the pooler\"}");
        assertThat(service().get("/api/v1/todos").tenant(tenant).send().json().get("count").asInt()).isEqualTo(1);
        javax.sql.DataSource bean = app.context().getBean(javax.sql.DataSource.class);
        HikariDataSource pool = (HikariDataSource) app.context().getBean(io.micronaut.jdbc.DataSourceResolver.class)
                .resolve(bean);
        assertThat(pool.getJdbcUrl()).contains(":" + pgbouncer.port() + "/");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (pool.getHikariPoolMXBean().getTotalConnections() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isGreaterThanOrEqualTo(3);
        try (Connection admin = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.adminUsername(),
                database.adminPassword());
             PreparedStatement sessions = admin.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = ?")) {
            sessions.setString(1, database.username());
            var rows = sessions.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).isBetween(1, 2);
        }
    }

    @Test
    void manyTenantsAtOnceEachSeeOnlyTheirOwnThroughSharedServerSessions() throws Exception {
        int tenants = 8;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(tenants);
        try {
            List<Future<String>> failures = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                failures.add(pool.submit(() -> {
                    Api api = service();
                    String tenant = TestApp.newTenant();
                    for (int i = 0; i < rounds; i++) {
                        JsonNode created = api.create(tenant, "{\"title\": \"" + tenant + " " + i + "\"}");
                        JsonNode mine = api.get("/api/v1/todos").tenant(tenant).send().json().get("items");
                        if (mine.size() != i + 1) {
                            return tenant + " saw " + mine.size() + " todos after creating " + (i + 1) + ": " + mine;
                        }
                        for (JsonNode todo : mine) {
                            if (!todo.get("user_id").asText().equals(tenant)) {
                                return tenant + " saw " + todo;
                            }
                        }
                        int status = api.patch("/api/v1/todos/" + created.get("id").asText()).tenant(tenant)
                                .json("{\"is_completed\": true}").send().status();
                        if (status != 200) {
                            return tenant + " got " + status + " on its own todo";
                        }
                    }
                    return null;
                }));
            }
            for (Future<String> failure : failures) {
                assertThat(failure.get()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(pgbouncer.log()).doesNotContain("prepared statement");
    }

    /**
     * Why pooled mode turns named prepared statements off: with the driver's default, a statement it prepared on
     * one server session is executed on another, which does not know it. This proves the setting is needed, and
     * that this PgBouncer really is multiplexing sessions.
     */
    @Test
    void withTheDriversDefaultNamedStatementsBreakThroughThePooler() throws SQLException {
        try (PgBouncer single = PgBouncer.start(database, 1);
             Connection first = single.connect(Map.of("prepareThreshold", "1"));
             Connection second = single.connect(Map.of("prepareThreshold", "1"))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 3; i++) {
                    select(first);
                    select(second);
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("prepared statement");
        }
        try (PgBouncer single = PgBouncer.start(database, 1);
             Connection first = single.connect(pooledDriverProperties());
             Connection second = single.connect(pooledDriverProperties())) {
            for (int i = 0; i < 3; i++) {
                assertThat(select(first)).isEqualTo(1);
                assertThat(select(second)).isEqualTo(1);
            }
        }
    }

    private static Map<String, String> pooledDriverProperties() {
        return ExternalDatabase.fromEnvironment(Map.of("TODO_DATABASE_URL", "postgresql://u@h/db",
                "TODO_DATABASE_POOLED", "true", "TODO_DATABASE_MIGRATION_URL", "postgresql://u@h/db"))
                .orElseThrow().driverProperties();
    }

    private static int select(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            var rows = statement.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }
}
