package dev.todo.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import dev.todo.domain.model.TodoLimits;
import dev.todo.rest.tenant.JwtVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's configuration, read from environment variables (the README's configuration table). Anything else
 * Micronaut reads itself ({@code MICRONAUT_SERVER_PORT}, {@code DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE}, …).
 *
 * @param database where the database is, and how it is reached; empty for the embedded one
 * @param dataDir  where the embedded database keeps its files
 * @param port     the HTTP port, if {@code PORT} is set
 * @param auth     how a request names its tenant, and the keys that prove it
 * @param corsOrigins the web origins whose pages may call the API ({@code *} for any); empty: none
 * @param tokenSecret the key that signs paging cursors and sync tokens (TODO_TOKEN_SECRET); empty: see
 *                    {@link TokenSecrets}
 * @param limits   the quota per tenant (TODO_TENANT_MAX_TODOS), the tombstone retention
 *                 (TODO_TOMBSTONE_RETENTION) and count (TODO_TENANT_MAX_TOMBSTONES), and the longest unpaged list
 *                 (TODO_LIST_MAX_UNPAGED)
 * @param idempotencyTtl how long an Idempotency-Key's answer is kept for retries (TODO_IDEMPOTENCY_TTL)
 * @param shutdownGrace how long a stopping service (SIGTERM) waits for the requests in flight to finish before it
 *                      closes their connections anyway (TODO_SHUTDOWN_GRACE)
 * @param allowedHosts the names a request's Host header may carry (TODO_ALLOWED_HOSTS; {@code *} for any); empty:
 *                     the loopback names on the embedded database, any on another ({@link #hostsAllowed()})
 * @param metricsToken the bearer token /prometheus requires (TODO_METRICS_TOKEN); empty: none
 */
record Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
                List<String> corsOrigins, Optional<byte[]> tokenSecret, TodoLimits limits, Duration idempotencyTtl,
                Duration shutdownGrace, Optional<List<String>> allowedHosts, Optional<String> metricsToken) {

    /** The Host names a service on the embedded database answers by default: this machine's. */
    static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "::1");

    /** The IETF draft's suggestion. */
    static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);

    /**
     * Well above the longest a request can take (about 4 s: 1 s for a connection, 3 s for a silent one, see
     * docs/reliability.md) and below the 30 s after which Kubernetes, for one, kills a container it asked to stop.
     */
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /** The shortest HMAC secret accepted: 256 bits, what HS256 needs (RFC 7518, section 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");

    /** The variables only jwt mode reads. */
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

    /**
     * @return the Host names requests may carry ({@code *}: any): TODO_ALLOWED_HOSTS, else this machine's names on
     *     the embedded database, else any (ADR 0025)
     */
    List<String> hostsAllowed() {
        return allowedHosts.orElse(database.isEmpty() ? LOOPBACK_HOSTS : List.of("*"));
    }

    /** Settings without a configured token secret, with the default limits. */
    Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
             List<String> corsOrigins) {
        this(database, dataDir, port, auth, corsOrigins, Optional.empty(), TodoLimits.DEFAULTS,
                DEFAULT_IDEMPOTENCY_TTL);
    }

    /** Settings with the default shutdown grace period. */
    Settings(Optional<ExternalDatabase> database, Path dataDir, Optional<Integer> port, Auth auth,
             List<String> corsOrigins, Optional<byte[]> tokenSecret, TodoLimits limits, Duration idempotencyTtl) {
        this(database, dataDir, port, auth, corsOrigins, tokenSecret, limits, idempotencyTtl, DEFAULT_SHUTDOWN_GRACE);
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

        /** @return header mode, as asked for explicitly */
        static Auth header() {
            return new Header(false);
        }

        /**
         * The seed's X-User-ID header, trusted as sent.
         *
         * @param byDefault true when nobody asked for it (the service then warns at start)
         */
        record Header(boolean byDefault) implements Auth {
        }

        /**
         * Bearer JWTs signed with a shared secret (HS256, HS384, HS512).
         *
         * @param secret   the secret's bytes; never printed
         * @param issuer   the required {@code iss}, if any
         * @param audience the required {@code aud}, if any
         * @param maxTokenLifetime the longest lifetime of a token accepted (TODO_AUTH_MAX_TOKEN_LIFETIME)
         */
        // An array component on purpose (Error Prone's ArrayRecordComponent): it is copied in and out, the settings
        // are never compared, and toString hides the secret.
        @SuppressWarnings("ArrayRecordComponent")
        record HmacJwt(byte[] secret, Optional<String> issuer, Optional<String> audience, Duration maxTokenLifetime)
                implements Auth {
            /** Copies the secret. */
            public HmacJwt {
                secret = secret.clone();
            }

            /** With the default longest token lifetime. */
            public HmacJwt(byte[] secret, Optional<String> issuer, Optional<String> audience) {
                this(secret, issuer, audience, JwtVerifier.DEFAULT_MAX_LIFETIME);
            }

            /** {@return a copy of the secret} */
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

        /**
         * Bearer JWTs verified with the keys an identity provider publishes (RS256, ES256, EdDSA).
         *
         * @param jwksUrl  where the JSON Web Key Set is
         * @param issuer   the required {@code iss}, if any
         * @param audience the required {@code aud}, if any
         * @param maxTokenLifetime the longest lifetime of a token accepted (TODO_AUTH_MAX_TOKEN_LIFETIME)
         */
        record JwksJwt(URI jwksUrl, Optional<String> issuer, Optional<String> audience, Duration maxTokenLifetime)
                implements Auth {
            /** With the default longest token lifetime. */
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
        Optional<Integer> port = value(env, "PORT").map(Settings::port);
        Auth auth = auth(env, database.isPresent());
        List<String> corsOrigins = value(env, "TODO_CORS_ORIGINS").map(Settings::origins).orElse(List.of());
        Optional<byte[]> tokenSecret = Optional.ofNullable(env.get("TODO_TOKEN_SECRET")).filter(v -> !v.isEmpty())
                .map(v -> v.getBytes(StandardCharsets.UTF_8));
        if (tokenSecret.isPresent() && tokenSecret.get().length < MIN_SECRET_BYTES) {
            throw new StartupException("TODO_TOKEN_SECRET is " + tokenSecret.get().length + " bytes; it needs at least "
                    + MIN_SECRET_BYTES + " (generate one with: openssl rand -base64 48)");
        }
        TodoLimits limits = new TodoLimits(
                value(env, "TODO_TENANT_MAX_TODOS").map(Settings::maxTodos)
                        .orElse(TodoLimits.DEFAULTS.maxTodosPerTenant()),
                value(env, "TODO_TOMBSTONE_RETENTION").map(v -> duration("TODO_TOMBSTONE_RETENTION", v))
                        .orElse(TodoLimits.DEFAULTS.tombstoneRetention()),
                value(env, "TODO_TENANT_MAX_TOMBSTONES").map(v -> atLeastOne("TODO_TENANT_MAX_TOMBSTONES", v))
                        .orElse(TodoLimits.DEFAULTS.maxTombstonesPerTenant()),
                value(env, "TODO_LIST_MAX_UNPAGED").map(v -> atLeastOne("TODO_LIST_MAX_UNPAGED", v))
                        .orElse(TodoLimits.DEFAULTS.maxUnpagedList()));
        Duration idempotencyTtl = value(env, "TODO_IDEMPOTENCY_TTL").map(v -> duration("TODO_IDEMPOTENCY_TTL", v))
                .orElse(DEFAULT_IDEMPOTENCY_TTL);
        Duration shutdownGrace = value(env, "TODO_SHUTDOWN_GRACE").map(Settings::shutdownGrace)
                .orElse(DEFAULT_SHUTDOWN_GRACE);
        Optional<List<String>> allowedHosts = value(env, "TODO_ALLOWED_HOSTS").map(Settings::hosts);
        Optional<String> metricsToken = Optional.ofNullable(env.get("TODO_METRICS_TOKEN")).filter(v -> !v.isBlank());
        if (metricsToken.isPresent() && metricsToken.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new StartupException("TODO_METRICS_TOKEN is " + metricsToken.get().getBytes(StandardCharsets.UTF_8)
                    .length + " bytes; it needs at least " + MIN_SECRET_BYTES + " (generate one with: openssl rand "
                    + "-base64 48)");
        }
        return new Settings(database, dataDir.toAbsolutePath(), port, auth, corsOrigins, tokenSecret, limits,
                idempotencyTtl, shutdownGrace, allowedHosts, metricsToken);
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

    /**
     * A variable that is set but empty (or blank) is a mistake, such as {@code TODO_DATABASE_URL=$UNSET_VARIABLE} in a
     * deployment file; taking it for "not set" would fall back to a default the operator did not choose (the
     * embedded database, header mode). So any such TODO_* variable, and PORT, stops the start (ADR 0024). The
     * test suite's own variables (TODO_TEST_*) are not the service's.
     */
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

    private static int maxTodos(String value) {
        try {
            int max = Integer.parseInt(value);
            if (max < 1) {
                throw new NumberFormatException();
            }
            return max;
        } catch (NumberFormatException e) {
            throw new StartupException("TODO_TENANT_MAX_TODOS must be a whole number of at least 1, not '" + value + "'");
        }
    }

    private static int atLeastOne(String variable, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new StartupException(variable + " must be a whole number of at least 1, not '" + value + "'");
        }
    }

    /** 20s, 1m, 0s (no waiting) or an ISO-8601 duration such as PT20S. */
    private static Duration shutdownGrace(String value) {
        Matcher m = Pattern.compile("(\\d{1,6})(s|m)").matcher(value);
        try {
            Duration grace = m.matches()
                    ? (m.group(2).equals("s") ? Duration.ofSeconds(Long.parseLong(m.group(1)))
                            : Duration.ofMinutes(Long.parseLong(m.group(1))))
                    : Duration.parse(value);
            if (grace.isNegative()) {
                throw new DateTimeParseException("negative", value, 0);
            }
            return grace;
        } catch (DateTimeParseException e) {
            throw new StartupException("TODO_SHUTDOWN_GRACE must be a duration such as 20s, 1m or PT20S, not '"
                    + value + "'");
        }
    }

    /** 30d, 12h, 90m or an ISO-8601 duration such as P30D. */
    private static Duration duration(String variable, String value) {
        Matcher m = Pattern.compile("(\\d{1,9})([dhm])").matcher(value);
        try {
            Duration duration = !m.matches() ? Duration.parse(value) : switch (m.group(2)) {
                case "d" -> Duration.ofDays(Long.parseLong(m.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                default -> Duration.ofMinutes(Long.parseLong(m.group(1)));
            };
            if (duration.isNegative() || duration.isZero()) {
                throw new DateTimeParseException("not positive", value, 0);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new StartupException(variable + " must be a positive duration such as 30d, 12h or P30D, not '"
                    + value + "'");
        }
    }

    /** Host names (example.com), *.example.com for its subdomains, IP addresses, or * alone for any. */
    private static List<String> hosts(String value) {
        List<String> hosts = new ArrayList<>();
        for (String host : value.split(",", -1)) {
            String h = host.strip().toLowerCase(Locale.ROOT);
            if (h.isEmpty()) {
                continue;
            }
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            boolean ipv6 = h.chars().filter(c -> c == ':').count() > 1;
            if (!h.equals("*") && !(ipv6 ? h.matches("[0-9a-f:.]+") : h.matches("(\\*\\.)?[a-z0-9.-]+"))) {
                throw new StartupException("TODO_ALLOWED_HOSTS must list host names such as todo.example.com, "
                        + "*.example.com or 127.0.0.1 (no scheme, no port), or *: '" + host.strip() + "' is not one");
            }
            hosts.add(h);
        }
        if (hosts.isEmpty()) {
            throw new StartupException("TODO_ALLOWED_HOSTS lists no host");
        }
        return hosts;
    }

    private static List<String> origins(String value) {
        List<String> origins = new ArrayList<>();
        for (String origin : value.split(",", -1)) {
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

    /**
     * TODO_AUTH_MODE, or by default: header mode on the embedded database (one machine, one user), jwt mode on any
     * other database, so that a service on a shared database never trusts a bare header unless asked to.
     */
    private static Auth auth(Map<String, String> env, boolean externalDatabase) {
        Optional<String> mode = value(env, "TODO_AUTH_MODE").map(v -> v.toLowerCase(Locale.ROOT));
        if (mode.isPresent() && !mode.get().equals("header") && !mode.get().equals("jwt")) {
            throw new StartupException("TODO_AUTH_MODE must be 'jwt' or 'header', not '" + mode.get() + "'");
        }
        Optional<String> secret = Optional.ofNullable(env.get("TODO_AUTH_JWT_SECRET")).filter(v -> !v.isEmpty());
        Optional<String> jwks = value(env, "TODO_AUTH_JWKS_URL");
        Optional<String> issuer = value(env, "TODO_AUTH_ISSUER");
        Optional<String> audience = value(env, "TODO_AUTH_AUDIENCE");
        // The settings that only jwt mode reads: in header mode they would be ignored, and tokens never checked.
        List<String> jwtSettings = JWT_SETTINGS.stream().filter(env::containsKey).toList();
        if (mode.isPresent() && mode.get().equals("header") && !jwtSettings.isEmpty()) {
            throw new StartupException("TODO_AUTH_MODE=header trusts X-User-ID and checks no token, but "
                    + String.join(" and ", jwtSettings) + (jwtSettings.size() == 1 ? " is" : " are")
                    + " set for jwt mode: set TODO_AUTH_MODE=jwt, or unset " + String.join(" and ", jwtSettings));
        }
        boolean jwt = mode.map("jwt"::equals).orElse(externalDatabase || !jwtSettings.isEmpty());
        if (!jwt) {
            return new Auth.Header(mode.isEmpty());
        }
        String why = mode.isPresent() ? "" : externalDatabase
                ? " (TODO_AUTH_MODE is jwt by default because TODO_DATABASE_URL is set; set TODO_AUTH_MODE=header "
                        + "to trust X-User-ID instead)"
                : " (TODO_AUTH_MODE is jwt by default because " + String.join(" and ", jwtSettings) + " is set)";
        if (secret.isPresent() && jwks.isPresent()) {
            throw new StartupException("set TODO_AUTH_JWT_SECRET or TODO_AUTH_JWKS_URL, not both");
        }
        if (secret.isPresent()) {
            byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new StartupException("TODO_AUTH_JWT_SECRET is " + bytes.length + " bytes; HS256 needs at least "
                        + MIN_SECRET_BYTES + " (generate one with: openssl rand -base64 48)");
            }
            return new Auth.HmacJwt(bytes, issuer, audience, maxTokenLifetime(env));
        }
        if (jwks.isPresent()) {
            return new Auth.JwksJwt(jwksUrl(jwks.get()), issuer, audience, maxTokenLifetime(env));
        }
        throw new StartupException("jwt mode needs TODO_AUTH_JWT_SECRET (a shared secret of at least "
                + MIN_SECRET_BYTES + " bytes, for HS256/384/512) or TODO_AUTH_JWKS_URL (your identity provider's "
                + "key set, for RS256/ES256/EdDSA)" + why);
    }

    /**
     * TODO_AUTH_MAX_TOKEN_LIFETIME: the longest lifetime ({@code exp - iat}) of a token the service accepts, and the
     * longest the token command issues; 24 hours by default.
     */
    static Duration maxTokenLifetime(Map<String, String> env) {
        return value(env, "TODO_AUTH_MAX_TOKEN_LIFETIME").map(v -> duration("TODO_AUTH_MAX_TOKEN_LIFETIME", v))
                .orElse(JwtVerifier.DEFAULT_MAX_LIFETIME);
    }

    private static URI jwksUrl(String value) {
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new StartupException("TODO_AUTH_JWKS_URL must be an http(s) URL, such as "
                + "https://example.eu.auth0.com/.well-known/jwks.json");
    }
}
