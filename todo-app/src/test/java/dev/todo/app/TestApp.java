package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.persistence.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** The shared service's application context, for tests that ask Micronaut what it serves. */
    static synchronized io.micronaut.context.ApplicationContext context() {
        api();
        return app.context();
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
        return start(ExternalDatabase.direct(url(database)), auth, limits, properties);
    }

    /** Starts a service of its own on a database reached as given; the caller closes it. */
    static TodoApplication start(ExternalDatabase database, Settings.Auth auth, dev.todo.domain.model.TodoLimits limits,
                                 Map<String, Object> properties) {
        return start(new Settings(Optional.of(database), null, Optional.empty(), auth, java.util.List.of(),
                Optional.empty(), limits, Settings.DEFAULT_IDEMPOTENCY_TTL), properties);
    }

    /** Starts a service of its own with the given settings, on a free port unless they name one. */
    static TodoApplication start(Settings settings, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("micronaut.server.port", -1);
        return TodoApplication.start(settings, all);
    }

    /** @return the test database's URL, as the service's settings hold it */
    static DatabaseUrl url(TestPostgres.Database database) {
        return new DatabaseUrl(database.jdbcUrl(), database.username(), database.password());
    }

    /** @return a port nothing listens on now */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The built service jar run by this test's own JDK, as a user runs it (the jar from the {@code todo.jar} system
     * property, else {@code target/todo.jar}).
     *
     * @param arguments the jar's arguments
     * @return the command line {@code java -jar todo.jar arguments…}
     */
    static List<String> javaJar(String... arguments) {
        Path jar = Path.of(System.getProperty("todo.jar", "target/todo.jar"));
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** @return a tenant id no other test uses */
    static String newTenant() {
        return "test-" + UUID.randomUUID();
    }
}
