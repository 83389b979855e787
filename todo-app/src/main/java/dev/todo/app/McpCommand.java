package dev.todo.app;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.Violation;
import dev.todo.mcp.McpStdio;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code todo mcp}: MCP over standard input and output for the one tenant TODO_MCP_TENANT names, as an AI agent on
 * this machine starts it (ADR 0040, addendum). The database is the service's (embedded under TODO_DATA_DIR unless
 * TODO_DATABASE_URL names one), its schema migrated; the application context is the service's, without its HTTP
 * server, so the tools are the same ones {@code /mcp} serves. Standard output carries the protocol only: the log goes to
 * standard error ({@link Launcher} sets the system property {@code todo.log.target}, logback.xml's target, before
 * Logback starts), and so does anything a library prints. The process ends with 0 when standard input closes, after
 * the pool and the embedded database are closed; a missing or invalid tenant, or settings the service would refuse,
 * end it with 2 before anything starts. No TODO_AUTH_* setting is needed: no HTTP request is served.
 */
final class McpCommand {

    static final String NAME = "mcp";

    /** The environment variable that names the tenant, with the rules of an {@code X-User-ID} value. */
    static final String TENANT = "TODO_MCP_TENANT";

    private static final Logger LOG = LoggerFactory.getLogger(McpCommand.class);

    private McpCommand() {
    }

    /**
     * Serves MCP on {@code in} and {@code out} until {@code in} ends, and answers the exit status; while it runs,
     * {@code System.out} is standard error, so that nothing but the protocol reaches {@code out}.
     */
    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("todo mcp: no arguments expected (the tenant is the environment variable " + TENANT + ")");
            err.println(CommandLine.USAGE);
            return 2;
        }
        TenantId tenant;
        try {
            tenant = tenant(env);
        } catch (IllegalArgumentException e) {
            err.println("todo mcp: " + e.getMessage());
            return 2;
        }
        PrintStream previous = System.out;
        System.setOut(err);
        try {
            return serve(tenant, env, in, out);
        } finally {
            System.setOut(previous);
        }
    }

    /** TODO_MCP_TENANT as a tenant, or IllegalArgumentException with what is wrong with it. */
    static TenantId tenant(Map<String, String> env) {
        String value = env.get(TENANT);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(TENANT + " is not set: name the tenant whose todos this process "
                    + "serves, as an X-User-ID value (1 to " + TenantId.MAX_LENGTH + " letters, digits and . _ : @ | -)");
        }
        try {
            return TenantId.of(value);
        } catch (ValidationException e) {
            throw new IllegalArgumentException(TENANT + " " + e.violations().stream().map(Violation::message)
                    .collect(Collectors.joining("; ")), e);
        }
    }

    /**
     * The environment as the settings are read from it: no HTTP request is served, so the identity of requests does
     * not matter, and TODO_DATABASE_URL without TODO_AUTH_* (jwt mode by default, which needs a key) must not stop
     * an agent's process. TODO_AUTH_MODE is header unless the environment names a mode or a jwt setting (the same
     * environment as a service's, which the settings then check as they do for it).
     */
    static Map<String, String> withoutHttpIdentity(Map<String, String> env) {
        if (env.keySet().stream().anyMatch(name -> name.startsWith("TODO_AUTH_"))) {
            return env;
        }
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put("TODO_AUTH_MODE", "header");
        return copy;
    }

    private static int serve(TenantId tenant, Map<String, String> env, InputStream in, PrintStream out) {
        TodoApplication application;
        try {
            application = TodoApplication.startWithoutServer(Settings.fromEnvironment(withoutHttpIdentity(env)),
                    Map.of());
        } catch (StartupException e) {
            TodoApplication.reportStartFailure("todo mcp", e, env);
            return 2;
        }
        McpStdio stdio;
        try {
            stdio = application.context().getBean(McpStdio.class);
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        TodoApplication.stopOnSignals(application);
        try {
            // Not the tenant itself: the log names tenants by a digest only (the request log's tenant field).
            LOG.info("todo serves MCP on standard input and output for the tenant {} names; it stops when standard "
                    + "input closes", TENANT);
            long messages = stdio.serve(tenant, in, out);
            LOG.info("Standard input closed after {} messages: stopping", messages);
            return 0;
        } catch (UncheckedIOException e) {
            LOG.error("todo mcp stops: standard input or output failed: {}", String.valueOf(e.getCause()));
            return 1;
        } catch (RuntimeException e) {
            if (application.isClosed()) {
                // SIGTERM or SIGINT closed the application under the request in flight: a stop asked for.
                LOG.debug("A request in flight ended with the stop: {}", e.toString());
                return 0;
            }
            throw e;
        } finally {
            application.close();
        }
    }
}
