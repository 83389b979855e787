package dev.todo.app;

import io.micronaut.core.annotation.Nullable;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the jar's arguments ask for: nothing (serve), {@code token …} (a development token), {@code health},
 * {@code mcp} (MCP on standard input/output, {@link McpCommand}), {@code --help} or {@code --version}. Anything else is
 * a usage error, answered before anything starts: no database, no port.
 */
final class CommandLine {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: todo                                    start the service (configured by environment variables)",
            "       todo token --sub <tenant> [--ttl 1h]    print a development token for jwt mode "
                    + "(needs TODO_AUTH_JWT_SECRET)",
            "       todo health                             exit 0 if the service on PORT (default 8080) of this "
                    + "machine answers GET /health with 200, else 1 (a container's health check)",
            "       todo mcp                                serve MCP on standard input/output for the tenant "
                    + "TODO_MCP_TENANT names (an AI agent's local server; no port), until standard input closes",
            "       todo --help                             print this help",
            "       todo --version                          print the version",
            "where todo is `java -jar todo.jar` (Java 25 or newer) or the distribution's bin/todo.",
            "The service's settings are environment variables: TODO_DATABASE_URL, TODO_DATA_DIR, PORT, "
                    + "TODO_AUTH_MODE, … (README.md, docs/operations.md).");

    static final String HEALTH = "health";

    private CommandLine() {
    }

    /** {@code todo health}, a container's HEALTHCHECK without curl: 0 for a 200, 1 otherwise, 2 for bad usage. */
    static int health(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("todo health: no arguments expected");
            err.println(USAGE);
            return 2;
        }
        String port = env.getOrDefault("PORT", env.getOrDefault("MICRONAUT_SERVER_PORT", "8080")).strip();
        if (!port.matches("[0-9]{1,5}") || port.equals("0")) {
            err.println("todo health: PORT is not a port number: " + printable(port));
            return 2;
        }
        // HttpURLConnection (java.base): the distribution's runtime has no java.net.http.
        String url = "http://127.0.0.1:" + port + "/health";
        try {
            java.net.HttpURLConnection connection =
                    (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(3_000);
            connection.setReadTimeout(5_000);
            try {
                int status = connection.getResponseCode();
                out.println(url + ": " + status);
                return status == 200 ? 0 : 1;
            } finally {
                connection.disconnect();
            }
        } catch (java.io.IOException e) {
            out.println(url + ": no answer (" + e + ")");
            return 1;
        }
    }

    /** Does what the arguments ask unless it is to serve (empty), and answers the process's exit status. */
    static OptionalInt run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return OptionalInt.empty();
        }
        return switch (args[0]) {
            case DevelopmentTokenCommand.NAME ->
                    OptionalInt.of(DevelopmentTokenCommand.run(args, env, Clock.systemUTC(), out, err));
            case HEALTH -> OptionalInt.of(health(args, env, out, err));
            case McpCommand.NAME -> OptionalInt.of(McpCommand.run(args, env, System.in, out, err));
            case "--help", "-h" -> {
                out.println(USAGE);
                yield OptionalInt.of(0);
            }
            case "--version" -> {
                out.println(version());
                yield OptionalInt.of(0);
            }
            default -> {
                err.println("todo: unknown argument " + printable(args[0]));
                err.println(USAGE);
                yield OptionalInt.of(2);
            }
        };
    }

    /** "todo 0.1.0 (Java 25.0.1, Eclipse Adoptium)", from the jar's manifest and the running JVM. */
    static String version() {
        @Nullable String version = CommandLine.class.getPackage().getImplementationVersion();
        return "todo " + (version == null ? "(version unknown: not run from its jar)" : version) + " (Java "
                + Runtime.version() + ", " + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    /** An argument as it may be echoed: control characters shown as '?', and at most 100 characters. */
    private static String printable(String argument) {
        String shown = argument.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown) + "'";
    }
}
