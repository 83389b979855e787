package dev.todo.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.EmbeddedServer;
import dev.todo.persistence.JdbcUnitOfWork;
import dev.todo.persistence.SchemaMigrations;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The service: starts the database (embedded unless TODO_DATABASE_URL names one), migrates its schema, serves HTTP.
 * It stops gracefully (docs/reliability.md): no new connections, the requests in flight finished within
 * TODO_SHUTDOWN_GRACE, then the server, the pool and the embedded database closed, in that order. {@code todo mcp}
 * ({@link McpCommand}) starts the same database and application context without the HTTP server.
 */
public final class TodoApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TodoApplication.class);

    /** Below every property source Micronaut has (application.yml, environment variables, system properties). */
    private static final int LOOPBACK_DEFAULT_ORDER = -10_000;

    private final ApplicationContext context;
    private final @Nullable EmbeddedServer server;
    private final @Nullable EmbeddedDatabase embedded;
    private final Duration shutdownGrace;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TodoApplication(ApplicationContext context, @Nullable EmbeddedServer server,
                            @Nullable EmbeddedDatabase embedded,
                            Duration shutdownGrace) {
        this.context = context;
        this.server = server;
        this.embedded = embedded;
        this.shutdownGrace = shutdownGrace;
    }

    /** Serves until the process is told to stop, or does what the arguments ask instead ({@link CommandLine}). */
    public static void main(String[] args) {
        java.util.OptionalInt exit = CommandLine.run(args, System.getenv(), System.out, System.err);
        if (exit.isPresent()) {
            System.exit(exit.getAsInt());
            return;
        }
        TodoApplication application;
        try {
            application = start(Settings.fromEnvironment(System.getenv()), Map.of());
        } catch (StartupException e) {
            reportStartFailure("todo", e, System.getenv());
            System.exit(2);
            return;
        }
        stopOnSignals(application);
    }

    /**
     * Logs why {@code command} ({@code todo}, {@code todo mcp}) cannot start, and also prints it on standard error
     * when TODO_LOG_FORMAT names no appender Logback has, since the log line then goes nowhere.
     */
    static void reportStartFailure(String command, StartupException e, Map<String, String> env) {
        LOG.error("{} cannot start: {}", command, e.getMessage());
        String format = env.get("TODO_LOG_FORMAT");
        if (format != null && !format.equals("text") && !format.equals("json")) {
            System.err.println(command + " cannot start: " + e.getMessage());
        }
    }

    /**
     * SIGTERM and SIGINT stop the service gracefully and end the process with 0 (a stop asked for is no failure; the
     * JVM would say 143 or 130); any other end of the JVM still closes it, from a shutdown hook.
     */
    static void stopOnSignals(TodoApplication application) {
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (application.closed.get()) {
                        LOG.info("SIG{} received; already stopping", name);
                        return;
                    }
                    LOG.info("SIG{} received: stopping", name);
                    int status = 0;
                    try {
                        application.close();
                    } catch (RuntimeException e) {
                        LOG.error("todo did not stop cleanly", e);
                        status = 1;
                    }
                    System.exit(status);
                });
            } catch (IllegalArgumentException e) {
                // The JVM keeps the signal (-Xrs, or a debugger); the shutdown hook below still stops the service.
                LOG.debug("SIG{} stays with the JVM: {}", name, e.getMessage());
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "todo-shutdown"));
    }

    /** Starts the service, or throws StartupException; {@code properties} override every other source (tests). */
    static TodoApplication start(Settings settings, Map<String, Object> properties) {
        return start(settings, properties, true);
    }

    /**
     * Starts the database and the application context as {@link #start} does, but no HTTP server: nothing listens
     * ({@code todo mcp}, which talks on standard input and output). {@link #close()} closes the context, the pool
     * and the embedded database.
     */
    static TodoApplication startWithoutServer(Settings settings, Map<String, Object> properties) {
        return start(settings, properties, false);
    }

    private static TodoApplication start(Settings settings, Map<String, Object> properties, boolean serve) {
        routeLibraryLogging();
        if (serve && headerByDefault(settings)) {
            LOG.warn("Header mode: the tenant is the X-User-ID header, trusted as sent, because no TODO_AUTH_MODE is "
                    + "set and the database is the embedded one. The service listens on localhost only; anyone who "
                    + "can reach the port there can act as any tenant. Set TODO_AUTH_MODE=jwt and a key to require "
                    + "bearer tokens.");
        }
        EmbeddedDatabase embedded = null;
        ExternalDatabase database;
        if (settings.database().isPresent()) {
            database = settings.database().get();
            LOG.info("Database: {}{}", database.serving().redacted(), database.pooled()
                    ? " through a pooler; migrations through " + database.migrations().redacted() : "");
        } else {
            embedded = EmbeddedDatabase.start(settings.dataDir());
            database = ExternalDatabase.direct(embedded.url());
        }
        try {
            migrate(database.migrations());
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e instanceof StartupException ? e : new StartupException(rootMessage(e), e);
        }
        DatabaseUrl serving = database.serving();
        Map<String, Object> all = new HashMap<>();
        all.put("datasources.default.url", serving.jdbcUrl());
        if (serving.username() != null) {
            all.put("datasources.default.username", serving.username());
        }
        if (serving.password() != null) {
            all.put("datasources.default.password", serving.password());
        }
        database.driverProperties().forEach((name, value) ->
                all.put("datasources.default.data-source-properties." + name, value));
        settings.port().ifPresent(port -> all.put("micronaut.server.port", port));
        all.putAll(cors(settings.corsOrigins()));
        all.put("todo.http.allowed-hosts", String.join(",", settings.hostsAllowed()));
        // The jar's version (its manifest), for whoever reports it, such as the MCP server's serverInfo.
        String version = TodoApplication.class.getPackage().getImplementationVersion();
        if (version != null) {
            all.put("todo.version", version);
        }
        all.putAll(properties);
        ApplicationContext context = null;
        try {
            io.micronaut.context.ApplicationContextBuilder builder = ApplicationContext.builder(TodoApplication.class)
                    .deduceEnvironment(false)
                    .banner(false)
                    .properties(all)
                    .singletons(settings);
            if (serve && headerByDefault(settings)) {
                // Lowest of all sources: MICRONAUT_SERVER_HOST or any other setting of the host overrides it, and
                // is then refused below unless it is a loopback address (ADR 0024).
                builder.propertySources(PropertySource.of("todo-header-mode-on-loopback",
                        Map.of("micronaut.server.host", "localhost"), LOOPBACK_DEFAULT_ORDER));
            }
            context = builder.start();
            if (!serve) {
                return new TodoApplication(context, null, embedded, settings.shutdownGrace());
            }
            if (headerByDefault(settings)) {
                requireLoopback(context.getProperty("micronaut.server.host", String.class).orElse(""));
            }
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            LOG.info("todo serves on {} ({})", server.getURI(), describe(settings.auth()));
            return new TodoApplication(context, server, embedded, settings.shutdownGrace());
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw new StartupException(rootMessage(e), e);
        }
    }

    /** Brings the schema up to date before anything serves, on a connection of its own to the migration URL. */
    private static void migrate(DatabaseUrl url) {
        java.util.Properties credentials = new java.util.Properties();
        if (url.username() != null) {
            credentials.setProperty("user", url.username());
        }
        if (url.password() != null) {
            credentials.setProperty("password", url.password());
        }
        credentials.setProperty("connectTimeout", "10");
        credentials.setProperty("loginTimeout", "10");
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), credentials)) {
            int applied = SchemaMigrations.migrate(connection);
            LOG.info("Schema: {} in {} ms", applied == 0 ? "up to date" : applied + " changesets applied",
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new StartupException("cannot connect to migrate the schema (" + url.redacted() + "): "
                    + e.getMessage(), e);
        } catch (SchemaMigrations.SchemaMigrationException e) {
            throw new StartupException(java.util.Objects.requireNonNullElse(e.getMessage(), rootMessage(e)), e);
        }
    }

    /** Cross-origin access for these origins ({@code *}: any), off for none; application.yml says the rest. */
    static Map<String, Object> cors(List<String> origins) {
        if (origins.isEmpty()) {
            return Map.of();
        }
        return origins.contains("*") ? Map.of("micronaut.server.cors.enabled", true) : Map.of(
                "micronaut.server.cors.enabled", true,
                "micronaut.server.cors.configurations.web.allowed-origins", origins);
    }

    /** Liquibase's java.util.logging and standard output go to SLF4J, so to one log format. */
    private static void routeLibraryLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        System.getProperties().putIfAbsent("liquibase.command.showSummaryOutput", "LOG");
        System.getProperties().putIfAbsent("liquibase.showBanner", "false");
        // Liquibase prints its progress to standard output through the UI of its current scope; migrations run on
        // this thread while the context starts, so a scope entered here sends that output to the log instead.
        try {
            liquibase.Scope.enter(Map.of(liquibase.Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService()));
        } catch (Exception e) {
            LOG.debug("Liquibase output stays on standard output: {}", e.toString());
        }
    }

    private static boolean headerByDefault(Settings settings) {
        return settings.auth() instanceof Settings.Auth.Header header && header.byDefault();
    }

    /** Header mode nobody asked for serves this machine only: any other host stops the start (ADR 0024). */
    static void requireLoopback(String host) {
        boolean loopback;
        try {
            java.net.InetAddress[] addresses = java.net.InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""));
            loopback = !host.isBlank() && java.util.Arrays.stream(addresses)
                    .allMatch(java.net.InetAddress::isLoopbackAddress);
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new StartupException("header mode trusts X-User-ID as sent, so without TODO_AUTH_MODE it serves "
                    + "this machine only (localhost), but the server is to listen on '" + host
                    + "' (MICRONAUT_SERVER_HOST): set TODO_AUTH_MODE=jwt and a key to require bearer tokens, or "
                    + "TODO_AUTH_MODE=header if a gateway in front authenticates every request");
        }
    }

    private static String describe(Settings.Auth auth) {
        return switch (auth) {
            case Settings.Auth.Header header -> "tenant from the X-User-ID header, trusted as sent";
            case Settings.Auth.HmacJwt hmac -> "tenant from bearer JWTs signed with TODO_AUTH_JWT_SECRET";
            case Settings.Auth.JwksJwt jwks -> "tenant from bearer JWTs verified with " + jwks.jwksUrl();
        };
    }

    /** The server's base URI, such as http://localhost:8080. */
    public URI uri() {
        if (server == null) {
            throw new IllegalStateException("started without an HTTP server");
        }
        return server.getURI();
    }

    /** Whether {@link #close()} was called (by a signal, say). */
    boolean isClosed() {
        return closed.get();
    }

    /** For tests. */
    ApplicationContext context() {
        return context;
    }

    /** Stops the service as the class says; only the first call does anything. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (server != null) {
                drain();
                server.stop();
            }
            context.close();
            LOG.info("todo stopped");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * Closes the listening socket and idle connections at once, busy ones once their response is written
     * ({@code Connection: close}); returns when all are closed or the grace period is over.
     */
    private void drain() {
        if (!(server instanceof GracefulShutdownCapable graceful) || shutdownGrace.isZero()) {
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<?> drained = graceful.shutdownGracefully().toCompletableFuture();
        OptionalLong open = graceful.reportActiveTasks();
        LOG.info("No longer accepting connections; waiting up to {} for the requests in flight{}", shutdownGrace,
                open.isPresent() ? " (" + open.getAsLong() + " connections open)" : "");
        try {
            drained.get(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Requests in flight finished in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (TimeoutException e) {
            // A write waiting in the database would otherwise still be applied once it gets its turn, after its
            // client was cut off: cancel it, so that what the client was never told about does not happen.
            int cancelled = context.findBean(JdbcUnitOfWork.class).map(JdbcUnitOfWork::cancelRunningStatements)
                    .orElse(0);
            LOG.warn("Requests still in flight after the grace period of {} (TODO_SHUTDOWN_GRACE); cancelled {} "
                    + "database statements, closing their connections", shutdownGrace, cancelled);
        } catch (ExecutionException e) {
            LOG.warn("Draining the server failed: {}", String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
