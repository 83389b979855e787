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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the server named by {@code TODO_TEST_DATABASE_URL} (a {@code jdbc:postgresql:} URL
 * of a role that may create databases), or else one embedded PostgreSQL started once per test JVM. Each call to
 * {@link #createDatabase()} gives a new, empty database, so test classes never see each other's rows.
 */
public final class TestPostgres {

    /** The variable that points the tests at a running server instead of the embedded one. */
    public static final String URL_VARIABLE = "TODO_TEST_DATABASE_URL";

    /** A database made for a test: where it is and who to connect as. */
    public record Database(String jdbcUrl, String username, String password) {

        /** @return Micronaut properties for the default data source on this database */
        public Map<String, Object> dataSourceProperties() {
            return Map.of(
                    "datasources.default.url", jdbcUrl,
                    "datasources.default.username", username,
                    "datasources.default.password", password,
                    "datasources.default.dialect", "POSTGRES");
        }

        /** @return a new JDBC connection to this database */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }
    }

    private static EmbeddedPostgres embedded;
    private static final List<String> created = new ArrayList<>();

    private TestPostgres() {
    }

    /** @return a new, empty database */
    public static synchronized Database createDatabase() {
        String name = "todo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Database admin = admin();
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            if (created.isEmpty() && embedded == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "test-postgres-drop"));
            }
            created.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(withDatabase(admin.jdbcUrl(), name), admin.username(), admin.password());
    }

    /** @return the maintenance database of the test server, to create databases from */
    public static synchronized Database admin() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new Database(url, System.getenv().getOrDefault("TODO_TEST_DATABASE_USER", "postgres"),
                    System.getenv().getOrDefault("TODO_TEST_DATABASE_PASSWORD", ""));
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
        return new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /** On a shared server, the databases made for this JVM's tests go when it exits. */
    private static synchronized void dropCreated() {
        if (embedded != null) {
            return;
        }
        try (Connection c = admin().connect(); Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases " + created + ": " + e.getMessage());
        }
    }

    private static String withDatabase(String url, String database) {
        // jdbc:postgresql://host:port/db?params -> same URL, other db
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash + 1) + database.toLowerCase(Locale.ROOT) + params;
    }
}
