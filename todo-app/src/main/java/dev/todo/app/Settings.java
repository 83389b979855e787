package dev.todo.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The service's configuration, read from environment variables (the README's configuration table). Anything else
 * Micronaut reads itself ({@code MICRONAUT_SERVER_PORT}, {@code DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE}, …).
 *
 * @param database where the database is; empty for the embedded one
 * @param dataDir  where the embedded database keeps its files
 * @param port     the HTTP port, if {@code PORT} is set
 * @param authMode how a request names its tenant
 * @param corsOrigins the web origins whose pages may call the API ({@code *} for any); empty: none
 */
record Settings(Optional<DatabaseUrl> database, Path dataDir, Optional<Integer> port, AuthMode authMode,
                List<String> corsOrigins) {

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");

    Settings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** How requests name their tenant. */
    enum AuthMode {
        /** The seed's X-User-ID header, trusted as sent. */
        HEADER
    }

    static Settings fromEnvironment(Map<String, String> env) {
        Optional<DatabaseUrl> database = value(env, "TODO_DATABASE_URL").map(DatabaseUrl::parse);
        Path dataDir = value(env, "TODO_DATA_DIR").map(Path::of).orElseGet(() -> defaultDataDir(env));
        Optional<Integer> port = value(env, "PORT").map(Settings::port);
        AuthMode authMode = value(env, "TODO_AUTH_MODE").map(Settings::authMode).orElse(AuthMode.HEADER);
        List<String> corsOrigins = value(env, "TODO_CORS_ORIGINS").map(Settings::origins).orElse(List.of());
        return new Settings(database, dataDir.toAbsolutePath(), port, authMode, corsOrigins);
    }

    /** Per user: $XDG_DATA_HOME/todo/postgres, else ~/.local/share/todo/postgres (%LOCALAPPDATA% on Windows). */
    static Path defaultDataDir(Map<String, String> env) {
        Optional<String> xdg = value(env, "XDG_DATA_HOME");
        if (xdg.isPresent()) {
            return Path.of(xdg.get(), "todo", "postgres");
        }
        Optional<String> localAppData = value(env, "LOCALAPPDATA");
        if (localAppData.isPresent()) {
            return Path.of(localAppData.get(), "todo", "postgres");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "todo", "postgres");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupException("PORT must be a TCP port number (0-65535), not '" + value + "'");
        }
    }

    private static List<String> origins(String value) {
        List<String> origins = new ArrayList<>();
        for (String origin : value.split(",")) {
            String o = origin.strip();
            if (o.isEmpty()) {
                continue;
            }
            if (!o.equals("*") && !ORIGIN.matcher(o).matches()) {
                throw new StartupException("TODO_CORS_ORIGINS must list origins such as https://app.example.com "
                        + "(scheme, host and port; no path), or *: '" + o + "' is not one");
            }
            origins.add(o);
        }
        return origins;
    }

    private static AuthMode authMode(String value) {
        if (value.toLowerCase(Locale.ROOT).equals("header")) {
            return AuthMode.HEADER;
        }
        throw new StartupException("TODO_AUTH_MODE '" + value + "' is not supported: the only mode is 'header'");
    }
}
