package dev.todo.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the server named by {@code TODO_TEST_DATABASE_URL} (a {@code jdbc:postgresql:} URL
 * of a superuser, {@code TODO_TEST_DATABASE_USER}, default {@code postgres}), or else one embedded PostgreSQL started
 * once per test JVM.
 *
 * <p>Each call to {@link #createDatabase()} gives a new, empty database owned by a plain role — not a superuser,
 * not BYPASSRLS — as the service runs in production, so that row-level security applies to it. The superuser stays
 * available as {@link Database#admin()}, for tests that look past row-level security.
 */
public final class TestPostgres {

    /** The variable that points the tests at a running server instead of the embedded one. */
    public static final String URL_VARIABLE = "TODO_TEST_DATABASE_URL";

    /** A database made for a test: where it is, who to connect as, and its superuser. */
    public record Database(String jdbcUrl, String username, String password, String adminUsername,
                           String adminPassword) {

        /** @return Micronaut properties for the default data source on this database, as the plain role */
        public Map<String, Object> dataSourceProperties() {
            return Map.of(
                    "datasources.default.url", jdbcUrl,
                    "datasources.default.username", username,
                    "datasources.default.password", password,
                    "datasources.default.dialect", "POSTGRES");
        }

        /** @return a new JDBC connection to this database as the plain role */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }

        /** @return the same database as its superuser, who bypasses row-level security */
        public Database admin() {
            return new Database(jdbcUrl, adminUsername, adminPassword, adminUsername, adminPassword);
        }
    }

    private static EmbeddedPostgres embedded;
    private static String role;
    private static final List<String> created = new ArrayList<>();

    private TestPostgres() {
    }

    /** @return a new, empty database owned by the plain test role */
    public static synchronized Database createDatabase() {
        String name = "todo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Database server = server();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            if (role == null) {
                role = "todo_test_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'todo' NOSUPERUSER NOBYPASSRLS NOCREATEDB "
                        + "NOCREATEROLE");
                if (embedded == null) {
                    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "test-postgres-drop"));
                }
            }
            s.execute("CREATE DATABASE " + name + " OWNER " + role);
            created.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(withDatabase(server.jdbcUrl(), name), role, "todo", server.username(), server.password());
    }

    /** The server's maintenance database, as its superuser. */
    private static synchronized Database server() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("TODO_TEST_DATABASE_USER", "postgres");
            String password = System.getenv().getOrDefault("TODO_TEST_DATABASE_PASSWORD", "");
            return new Database(url, user, password, user, password);
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the embedded server's directory is temporary
                }
            }, "test-postgres-stop"));
        }
        return new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "postgres", "");
    }

    /** On a shared server, the databases and the role made for this JVM's tests go when it exits. */
    private static synchronized void dropCreated() {
        try (Connection c = server().connect(); Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            if (role != null) {
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases " + created + " and role " + role + ": "
                    + e.getMessage());
        }
    }

    private static String withDatabase(String url, String database) {
        // jdbc:postgresql://host:port/db?params -> same URL, other db; user= parameters are dropped, the
        // credentials travel apart.
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        return url.substring(0, slash + 1) + database;
    }
}
