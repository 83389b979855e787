package dev.todo.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database the service does not run itself: the URL it serves from, the URL it migrates through (a direct one:
 * Liquibase needs a session of its own), and whether a pooler in transaction mode (PgBouncer, Neon's pooled
 * endpoint) stands between, so that the driver sends no named prepared statements (docs/operations.md).
 */
record ExternalDatabase(DatabaseUrl serving, DatabaseUrl migrations, boolean pooled) {

    /** Neon's pooled host names end their first label with {@code -pooler}; the direct host is the same without. */
    private static final Pattern NEON_POOLER = Pattern.compile("^(jdbc:postgresql://[^/:?,]*)-pooler(\\.[^/?]*)");

    /** A database reached directly: served and migrated through the same URL. */
    static ExternalDatabase direct(DatabaseUrl url) {
        return new ExternalDatabase(url, url, false);
    }

    /** TODO_DATABASE_URL, TODO_DATABASE_POOLED and TODO_DATABASE_MIGRATION_URL; empty for the embedded database. */
    static Optional<ExternalDatabase> fromEnvironment(Map<String, String> env) {
        Optional<DatabaseUrl> serving = value(env, "TODO_DATABASE_URL").map(DatabaseUrl::parse);
        Optional<DatabaseUrl> migration = value(env, "TODO_DATABASE_MIGRATION_URL")
                .map(v -> DatabaseUrl.parse(v, "TODO_DATABASE_MIGRATION_URL"));
        Optional<Boolean> pooledSetting = value(env, "TODO_DATABASE_POOLED").map(ExternalDatabase::bool);
        if (serving.isEmpty()) {
            if (migration.isPresent() || pooledSetting.isPresent()) {
                throw new StartupException("TODO_DATABASE_MIGRATION_URL and TODO_DATABASE_POOLED apply to "
                        + "TODO_DATABASE_URL, which is not set");
            }
            return Optional.empty();
        }
        DatabaseUrl url = serving.get();
        Optional<DatabaseUrl> neonDirect = neonDirect(url);
        boolean pooled = pooledSetting.orElse(neonDirect.isPresent());
        if (!pooled) {
            return Optional.of(new ExternalDatabase(url, migration.orElse(url), false));
        }
        DatabaseUrl migrations = migration.or(() -> neonDirect).orElseThrow(() -> new StartupException(
                "TODO_DATABASE_URL goes through a pooler (TODO_DATABASE_POOLED=true), which cannot hold the session "
                        + "Liquibase's migrations need: set TODO_DATABASE_MIGRATION_URL to a direct URL of the same "
                        + "database"));
        return Optional.of(new ExternalDatabase(url, migrations, true));
    }

    /** For a Neon pooled URL ({@code ep-…-pooler.region.aws.neon.tech}), the direct URL of the same database. */
    static Optional<DatabaseUrl> neonDirect(DatabaseUrl url) {
        Matcher m = NEON_POOLER.matcher(url.jdbcUrl());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseUrl(m.replaceFirst("$1$2"), url.username(), url.password()));
    }

    /** Through a pooler, no named server-side prepared statements, unless the URL says otherwise. */
    Map<String, String> driverProperties() {
        if (!pooled || serving.jdbcUrl().contains("prepareThreshold=")) {
            return Map.of();
        }
        return Map.of("prepareThreshold", "0");
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new StartupException("TODO_DATABASE_POOLED must be true or false, not '" + value + "'");
        };
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
