package dev.todo.app;

import dev.todo.persistence.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The service, started once per test JVM the way production starts it (TodoApplication.start), on a fresh
 * database of the test PostgreSQL (embedded, or TODO_TEST_DATABASE_URL) and a free port. Tests share it and keep
 * out of each other's way by using tenants of their own ({@link #newTenant()}).
 */
final class TestApp {

    private static TodoApplication app;
    private static TestPostgres.Database database;

    private TestApp() {
    }

    static synchronized Api api() {
        if (app == null) {
            database = TestPostgres.createDatabase();
            app = start(database, Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "test-app-stop"));
        }
        return new Api(app.uri());
    }

    /** @return the database the shared service runs on, for tests that look at rows directly */
    static synchronized TestPostgres.Database database() {
        api();
        return database;
    }

    /** Starts a service of its own on the given database, in header mode; the caller closes it. */
    static TodoApplication start(TestPostgres.Database database, Map<String, Object> properties) {
        return start(database, Settings.Auth.header(), properties);
    }

    /** Starts a service of its own on the given database with the given identity settings; the caller closes it. */
    static TodoApplication start(TestPostgres.Database database, Settings.Auth auth, Map<String, Object> properties) {
        return start(database, auth, dev.todo.domain.model.TodoLimits.DEFAULTS, properties);
    }

    /** Starts a service of its own with the given identity settings and limits; the caller closes it. */
    static TodoApplication start(TestPostgres.Database database, Settings.Auth auth,
                                 dev.todo.domain.model.TodoLimits limits, Map<String, Object> properties) {
        Settings settings = new Settings(Optional.of(new DatabaseUrl(database.jdbcUrl(), database.username(),
                database.password())), null, Optional.empty(), auth, java.util.List.of(), Optional.empty(), limits,
                Settings.DEFAULT_IDEMPOTENCY_TTL);
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("micronaut.server.port", -1);
        return TodoApplication.start(settings, all);
    }

    /** @return a tenant id no other test uses */
    static String newTenant() {
        return "test-" + UUID.randomUUID();
    }
}
