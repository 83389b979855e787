package dev.todo.app;

import dev.todo.domain.model.TodoLimits;
import dev.todo.rest.tenant.JwtVerifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's configuration, read from the TODO_* environment variables (and PORT) before Micronaut starts, each
 * refused with a message that names it (ADR 0024, ADR 0033); an empty database is the embedded one.
 */
record Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
                List<String> corsOrigins, Optional<byte[]> tokenSecret, TodoLimits limits, Duration idempotencyTtl,
                Duration shutdownGrace, Optional<List<String>> allowedHosts, Optional<String> metricsToken) {

    static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "::1");

    /** The IETF draft's suggestion. */
    static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);

    /** Above the longest request (about 4 s, docs/reliability.md), below Kubernetes' 30 s before it kills. */
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /** 30s, 15m, 12h, 30d: the one grammar of durations besides ISO-8601 (PT20S, P30D). */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");

    private static final List<String> JWT_SETTINGS = List.of("TODO_AUTH_JWT_SECRET", "TODO_AUTH_JWKS_URL",
            "TODO_AUTH_ISSUER", "TODO_AUTH_AUDIENCE", "TODO_AUTH_MAX_TOKEN_LIFETIME");

    Settings {
        corsOrigins = List.copyOf(corsOrigins);
        allowedHosts = allowedHosts.map(List::copyOf);
    }

    /** Settings with the default Host allow-list and no metrics token. */
    Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
             List<String> corsOrigins, Optional<byte[]> tokenSecret, TodoLimits limits, Duration idempotencyTtl,
             Duration shutdownGrace) {
        this(database, dataDir, port, auth, corsOrigins, tokenSecret, limits, idempotencyTtl, shutdownGrace,
                Optional.empty(), Optional.empty());
    }

    /** Settings with the default shutdown grace period, Host allow-list and no metrics token. */
    Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
             List<String> corsOrigins, Optional<byte[]> tokenSecret, TodoLimits limits, Duration idempotencyTtl) {
        this(database, dataDir, port, auth, corsOrigins, tokenSecret, limits, idempotencyTtl, DEFAULT_SHUTDOWN_GRACE);
    }

    /** Settings without a token secret, with the default limits. */
    Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
             List<String> corsOrigins) {
        this(database, dataDir, port, auth, corsOrigins, Optional.empty(), TodoLimits.DEFAULTS,
                DEFAULT_IDEMPOTENCY_TTL);
    }

    /** TODO_ALLOWED_HOSTS, else this machine's names on the embedded database, else any (ADR 0025). */
    List<String> hostsAllowed() {
        return allowedHosts.orElse(database.isEmpty() ? LOOPBACK_HOSTS : List.of("*"));
    }

    /** Never prints a secret. */
    @Override
    public String toString() {
        return "Settings[database=" + database + ", dataDir=" + dataDir + ", port=" + port + ", auth=" + auth
                + ", corsOrigins=" + corsOrigins + ", tokenSecret=" + (tokenSecret.isPresent() ? "***" : "none")
                + ", limits=" + limits + ", idempotencyTtl=" + idempotencyTtl + ", shutdownGrace=" + shutdownGrace
                + ", allowedHosts=" + allowedHosts + ", metricsToken=" + (metricsToken.isPresent() ? "***" : "none")
                + "]";
    }

    /** How requests name their tenant. */
    sealed interface Auth {

        static Auth header() {
            return new Header(false);
        }

        /** X-User-ID, trusted as sent; {@code byDefault} when nobody asked for it (the service then warns). */
        record Header(boolean byDefault) implements Auth {
        }

        /** Bearer JWTs signed with a shared secret (HS256, HS384, HS512); the secret is copied and never printed. */
        // An array component on purpose (Error Prone's ArrayRecordComponent): it is copied in and out, the settings
        // are never compared, and toString hides the secret.
        @SuppressWarnings("ArrayRecordComponent")
        record HmacJwt(byte[] secret, Optional<String> issuer, Optional<String> audience, Duration maxTokenLifetime)
                implements Auth {
            public HmacJwt {
                secret = secret.clone();
            }

            public HmacJwt(byte[] secret, Optional<String> issuer, Optional<String> audience) {
                this(secret, issuer, audience, JwtVerifier.DEFAULT_MAX_LIFETIME);
            }

            @Override
            public byte[] secret() {
                return secret.clone();
            }

            @Override
            public String toString() {
                return "HmacJwt[secret=***, issuer=" + issuer + ", audience=" + audience + ", maxTokenLifetime="
                        + maxTokenLifetime + "]";
            }
        }

        /** Bearer JWTs verified with the keys an identity provider publishes (RS256, ES256, EdDSA). */
        record JwksJwt(URI jwksUrl, Optional<String> issuer, Optional<String> audience, Duration maxTokenLifetime)
                implements Auth {
            public JwksJwt(URI jwksUrl, Optional<String> issuer, Optional<String> audience) {
                this(jwksUrl, issuer, audience, JwtVerifier.DEFAULT_MAX_LIFETIME);
            }
        }
    }

    static Settings fromEnvironment(Map<String, String> env) {
        refuseEmpty(env);
        refuseUnusableLogSettings(env);
        Optional<ExternalDatabase> database = ExternalDatabase.fromEnvironment(env);
        Path dataDir = value(env, "TODO_DATA_DIR").map(Path::of).orElseGet(() -> defaultDataDir(env));
        TodoLimits limits = new TodoLimits(
                atLeastOne(env, "TODO_TENANT_MAX_TODOS").orElse(TodoLimits.DEFAULTS.maxTodosPerTenant()),
                duration(env, "TODO_TOMBSTONE_RETENTION").orElse(TodoLimits.DEFAULTS.tombstoneRetention()),
                atLeastOne(env, "TODO_TENANT_MAX_TOMBSTONES").orElse(TodoLimits.DEFAULTS.maxTombstonesPerTenant()),
                atLeastOne(env, "TODO_LIST_MAX_UNPAGED").orElse(TodoLimits.DEFAULTS.maxUnpagedList()));
        return new Settings(database, dataDir.toAbsolutePath(), value(env, "PORT").map(Settings::port),
                auth(env, database.isPresent()), list(env, "TODO_CORS_ORIGINS", Settings::origin).orElse(List.of()),
                secret(env, "TODO_TOKEN_SECRET", "it"), limits,
                duration(env, "TODO_IDEMPOTENCY_TTL").orElse(DEFAULT_IDEMPOTENCY_TTL),
                shutdownGrace(env).orElse(DEFAULT_SHUTDOWN_GRACE), list(env, "TODO_ALLOWED_HOSTS", Settings::host),
                secret(env, "TODO_METRICS_TOKEN", "it").map(t -> new String(t, StandardCharsets.UTF_8)));
    }

    /** Per user: $XDG_DATA_HOME/todo/postgres, else ~/.local/share/todo/postgres (%LOCALAPPDATA% on Windows). */
    static Path defaultDataDir(Map<String, String> env) {
        return value(env, "XDG_DATA_HOME").or(() -> value(env, "LOCALAPPDATA"))
                .map(base -> Path.of(base, "todo", "postgres"))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "share", "todo", "postgres"));
    }

    /**
     * TODO_AUTH_MAX_TOKEN_LIFETIME: the longest {@code exp - iat} the service accepts and the token command issues.
     */
    static Duration maxTokenLifetime(Map<String, String> env) {
        return duration(env, "TODO_AUTH_MAX_TOKEN_LIFETIME").orElse(JwtVerifier.DEFAULT_MAX_LIFETIME);
    }

    /** 30s, 15m, 12h, 30d or ISO-8601 (PT1.5S, P30D); empty when it is neither, or negative. */
    static Optional<Duration> parseDuration(String value) {
        Matcher m = DURATION.matcher(value);
        try {
            Duration duration = !m.matches() ? Duration.parse(value) : switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
                case "m" -> Duration.ofMinutes(Long.parseLong(m.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                default -> Duration.ofDays(Long.parseLong(m.group(1)));
            };
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A variable set but empty is a mistake, never "unset" (ADR 0024); TODO_TEST_* are the test suite's own. */
    private static void refuseEmpty(Map<String, String> env) {
        env.entrySet().stream()
                .filter(e -> (e.getKey().startsWith("TODO_") && !e.getKey().startsWith("TODO_TEST_"))
                        || e.getKey().equals("PORT"))
                .filter(e -> e.getValue() == null || e.getValue().isBlank())
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .ifPresent(name -> {
                    throw new StartupException(name + " is set but empty: give it a value, or unset it for the "
                            + "default");
                });
    }

    /** Logback reads these two itself and would silently log nothing (or everything) for a value it does not know. */
    private static void refuseUnusableLogSettings(Map<String, String> env) {
        String format = env.get("TODO_LOG_FORMAT");
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new StartupException("TODO_LOG_FORMAT must be 'text' or 'json', not '" + format + "'");
        }
        String requestLog = env.get("TODO_REQUEST_LOG");
        if (requestLog != null && !List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL")
                .contains(requestLog.strip().toUpperCase(Locale.ROOT))) {
            throw new StartupException("TODO_REQUEST_LOG must be INFO (one line per request) or OFF, not '"
                    + requestLog + "'");
        }
    }

    private static int port(String value) {
        if (!inRange(value, 0, 65535)) {
            throw new StartupException("PORT must be a TCP port number (0-65535), not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static Optional<Integer> atLeastOne(Map<String, String> env, String name) {
        return value(env, name).map(value -> {
            if (!inRange(value, 1, Integer.MAX_VALUE)) {
                throw new StartupException(name + " must be a whole number of at least 1, not '" + value + "'");
            }
            return Integer.parseInt(value);
        });
    }

    private static boolean inRange(String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<Duration> duration(Map<String, String> env, String name) {
        return value(env, name).map(value -> parseDuration(value).filter(d -> !d.isZero()).orElseThrow(() ->
                new StartupException(name + " must be a positive duration such as 30d, 12h or P30D, not '" + value
                        + "'")));
    }

    /** 0s (no waiting) is a grace period too. */
    private static Optional<Duration> shutdownGrace(Map<String, String> env) {
        return value(env, "TODO_SHUTDOWN_GRACE").map(value -> parseDuration(value).orElseThrow(() ->
                new StartupException("TODO_SHUTDOWN_GRACE must be a duration such as 20s, 1m or PT20S, not '"
                        + value + "'")));
    }

    /** A secret as bytes, at least {@link JwtVerifier#MIN_SECRET_BYTES} of them; never printed. */
    private static Optional<byte[]> secret(Map<String, String> env, String name, String whoNeedsIt) {
        Optional<byte[]> secret = Optional.ofNullable(env.get(name)).map(v -> v.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent() && secret.get().length < JwtVerifier.MIN_SECRET_BYTES) {
            throw new StartupException(name + " is " + secret.get().length + " bytes; " + whoNeedsIt + " needs at "
                    + "least " + JwtVerifier.MIN_SECRET_BYTES + " (generate one with: openssl rand -base64 48)");
        }
        return secret;
    }

    /** A comma-separated list, each entry checked (and normalised) by {@code entry}; empty entries are skipped. */
    private static Optional<List<String>> list(Map<String, String> env, String name, Function<String, String> entry) {
        return value(env, name).map(value -> {
            List<String> entries = new ArrayList<>();
            for (String e : value.split(",", -1)) {
                if (!e.isBlank()) {
                    entries.add(entry.apply(e.strip()));
                }
            }
            if (entries.isEmpty() && name.equals("TODO_ALLOWED_HOSTS")) {
                throw new StartupException("TODO_ALLOWED_HOSTS lists no host");
            }
            return entries;
        });
    }

    private static String origin(String origin) {
        if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
            throw new StartupException("TODO_CORS_ORIGINS must list origins such as https://app.example.com "
                    + "(scheme, host and port; no path), or *: '" + origin + "' is not one");
        }
        return origin;
    }

    /** Host names (example.com), *.example.com for its subdomains, IP addresses, or * alone for any. */
    private static String host(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[(.*)]$", "$1");
        boolean ipv6 = h.chars().filter(c -> c == ':').count() > 1;
        if (!h.equals("*") && !(ipv6 ? h.matches("[0-9a-f:.]+") : h.matches("(\\*\\.)?[a-z0-9.-]+"))) {
            throw new StartupException("TODO_ALLOWED_HOSTS must list host names such as todo.example.com, "
                    + "*.example.com or 127.0.0.1 (no scheme, no port), or *: '" + host + "' is not one");
        }
        return h;
    }

    /**
     * TODO_AUTH_MODE, or by default: header mode on the embedded database (one machine, one user), jwt mode on any
     * other database or when a setting of jwt mode is given, so that a secret is never ignored (ADR 0024).
     */
    private static Auth auth(Map<String, String> env, boolean externalDatabase) {
        Optional<String> mode = value(env, "TODO_AUTH_MODE").map(v -> v.toLowerCase(Locale.ROOT));
        if (mode.isPresent() && !mode.get().equals("header") && !mode.get().equals("jwt")) {
            throw new StartupException("TODO_AUTH_MODE must be 'jwt' or 'header', not '" + mode.get() + "'");
        }
        List<String> jwtSettings = JWT_SETTINGS.stream().filter(env::containsKey).toList();
        String named = String.join(" and ", jwtSettings);
        if (mode.isPresent() && mode.get().equals("header") && !jwtSettings.isEmpty()) {
            throw new StartupException("TODO_AUTH_MODE=header trusts X-User-ID and checks no token, but " + named
                    + (jwtSettings.size() == 1 ? " is" : " are") + " set for jwt mode: set TODO_AUTH_MODE=jwt, or "
                    + "unset " + named);
        }
        if (!mode.map("jwt"::equals).orElse(externalDatabase || !jwtSettings.isEmpty())) {
            return new Auth.Header(mode.isEmpty());
        }
        Optional<byte[]> secret = secret(env, "TODO_AUTH_JWT_SECRET", "HS256");
        Optional<String> jwks = value(env, "TODO_AUTH_JWKS_URL");
        Optional<String> issuer = value(env, "TODO_AUTH_ISSUER");
        Optional<String> audience = value(env, "TODO_AUTH_AUDIENCE");
        if (secret.isPresent() && jwks.isPresent()) {
            throw new StartupException("set TODO_AUTH_JWT_SECRET or TODO_AUTH_JWKS_URL, not both");
        }
        if (secret.isPresent()) {
            return new Auth.HmacJwt(secret.get(), issuer, audience, maxTokenLifetime(env));
        }
        if (jwks.isPresent()) {
            return new Auth.JwksJwt(jwksUrl(jwks.get()), issuer, audience, maxTokenLifetime(env));
        }
        String why = mode.isPresent() ? "" : externalDatabase
                ? " (TODO_AUTH_MODE is jwt by default because TODO_DATABASE_URL is set; set TODO_AUTH_MODE=header "
                        + "to trust X-User-ID instead)"
                : " (TODO_AUTH_MODE is jwt by default because " + named + " is set)";
        throw new StartupException("jwt mode needs TODO_AUTH_JWT_SECRET (a shared secret of at least "
                + JwtVerifier.MIN_SECRET_BYTES + " bytes, for HS256/384/512) or TODO_AUTH_JWKS_URL (your identity "
                + "provider's key set, for RS256/ES256/EdDSA)" + why);
    }

    private static URI jwksUrl(String value) {
        try {
            URI uri = new URI(value);
            JwtVerifier.keySetUrl(uri);
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new StartupException("TODO_AUTH_JWKS_URL must be an http(s) URL, such as "
                    + "https://example.eu.auth0.com/.well-known/jwks.json");
        }
    }
}
