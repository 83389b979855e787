package dev.todo.app;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JDBC URL without credentials, and the user and password (null when not named), read from a libpq URL as Neon's
 * console writes it ({@code postgresql://user:password@host[:port]/db?sslmode=require}) or a {@code jdbc:} one.
 */
record DatabaseUrl(String jdbcUrl, @Nullable String username, @Nullable String password) {

    /** libpq parameter names whose JDBC names differ. Others pass through unchanged. */
    private static final Map<String, String> JDBC_NAMES = Map.of(
            "channel_binding", "channelBinding",
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType");

    /** libpq's target_session_attrs values, as pgjdbc's targetServerType names them. */
    private static final Map<String, String> TARGET_SERVER_TYPES = Map.of(
            "any", "any",
            "read-write", "primary",
            "primary", "primary",
            "read-only", "secondary",
            "standby", "secondary",
            "prefer-standby", "preferSecondary");

    /** Parameter values that are secrets, hidden by {@link #redacted()}. */
    private static final java.util.regex.Pattern SECRET_PARAMETER =
            java.util.regex.Pattern.compile("(?i)((?:password|sslpassword)=)[^&]*");

    static DatabaseUrl parse(String url) {
        return parse(url, "TODO_DATABASE_URL");
    }

    static DatabaseUrl parse(String url, String variable) {
        String value = url.strip();
        if (value.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(value, null, null);
        }
        if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
            throw new StartupException(variable + " must start with postgresql://, postgres:// or "
                    + "jdbc:postgresql: (it starts with '" + scheme(value) + "')");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new StartupException(variable + " is not a valid URL: " + e.getReason()
                    + " (percent-encode special characters of the password)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new StartupException(variable + " names no host");
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1
                ? "postgres" : decode(uri.getRawPath().substring(1));
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String userInfo = uri.getRawUserInfo();
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(encodePath(database));
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String pair : uri.getRawQuery().split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String given = eq < 0 ? null : pair.substring(eq + 1);
                if (name.equals("target_session_attrs") && given != null) {
                    given = TARGET_SERVER_TYPES.getOrDefault(given, given);
                }
                params.add(JDBC_NAMES.getOrDefault(name, name) + (given == null ? "" : "=" + given));
            }
        }
        if (!params.isEmpty()) {
            jdbc.append('?').append(String.join("&", params));
        }
        return new DatabaseUrl(jdbc.toString(), username, password);
    }

    private static String scheme(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? (value.length() > 12 ? value.substring(0, 12) + "…" : value) : value.substring(0, colon);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encodePath(String database) {
        return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The JDBC URL with the values of password parameters hidden, fit for a log line. */
    String redacted() {
        return SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + redacted() + ", user=" + username + ", password=" + (password == null ? "none" : "***")
                + "]";
    }
}
