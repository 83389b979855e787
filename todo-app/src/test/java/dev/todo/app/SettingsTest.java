package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void neonsConsoleUrlBecomesAJdbcUrlWithItsCredentialsApart() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://alex:AbC123dEf@ep-cool-darkness-123456.eu-central-1.aws.neon.tech/dbname"
                        + "?sslmode=require&channel_binding=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ep-cool-darkness-123456.eu-central-1.aws.neon.tech"
                + "/dbname?sslmode=require&channelBinding=require");
        assertThat(url.username()).isEqualTo("alex");
        assertThat(url.password()).isEqualTo("AbC123dEf");
        assertThat(url.toString()).doesNotContain("AbC123dEf");
    }

    @Test
    void portsPercentEncodedPasswordsAndThePostgresSchemeAreUnderstood() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://user:p%40ss%2Fw%3Ard+@db.example.com:6543/todo");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/todo");
        assertThat(url.password()).isEqualTo("p@ss/w:rd+");
    }

    @Test
    void aUrlWithoutDatabaseUsesPostgres() {
        assertThat(DatabaseUrl.parse("postgresql://u@localhost").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/postgres");
    }

    @Test
    void aJdbcUrlPassesThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/test?user=postgres");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test?user=postgres");
        assertThat(url.username()).isNull();
    }

    @Test
    void libpqSessionAttributesBecomePgjdbcServerTypes() {
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?target_session_attrs=read-write&sslmode=verify-full")
                .jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?targetServerType=primary&sslmode=verify-full");
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?target_session_attrs=prefer-standby").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/db?targetServerType=preferSecondary");
    }

    @Test
    void passwordsInParametersAreHiddenFromLogs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h/db?user=u&password=s3cret&sslpassword=k3y&ssl=true");
        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://h/db?user=u&password=***&sslpassword=***&ssl=true");
        assertThat(url.toString()).doesNotContain("s3cret", "k3y");
        assertThat(DatabaseUrl.parse("postgresql://u:pw@h/db?password=s3cret").redacted()).doesNotContain("s3cret");
    }

    @Test
    void anythingElseStopsTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db"))
                .isInstanceOf(StartupException.class).hasMessageContaining("postgresql://")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).isInstanceOf(StartupException.class)
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:pa ss@h/db")).isInstanceOf(StartupException.class)
                .hasMessageNotContaining("pa ss");
    }

    @Test
    void theEnvironmentConfiguresTheService() {
        Settings settings = Settings.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", "postgresql://u:p@h/db",
                "TODO_DATA_DIR", "/var/lib/todo",
                "PORT", "9000",
                "TODO_AUTH_MODE", "header"));
        assertThat(settings.database()).hasValueSatisfying(db -> {
            assertThat(db.serving().jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
            assertThat(db.migrations()).isEqualTo(db.serving());
            assertThat(db.pooled()).isFalse();
            assertThat(db.driverProperties()).isEmpty();
        });
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/todo"));
        assertThat(settings.port()).contains(9000);
        assertThat(settings.auth()).isEqualTo(Settings.Auth.header());
    }

    @Test
    void neonsPooledEndpointIsDetectedAndMigratesThroughTheDirectHost() {
        ExternalDatabase neon = ExternalDatabase.fromEnvironment(Map.of("TODO_DATABASE_URL",
                "postgresql://alex:s3cret@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/dbname"
                        + "?sslmode=require")).orElseThrow();
        assertThat(neon.pooled()).isTrue();
        assertThat(neon.serving().jdbcUrl())
                .isEqualTo("jdbc:postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/dbname"
                        + "?sslmode=require");
        assertThat(neon.migrations()).isEqualTo(new DatabaseUrl(
                "jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require", "alex",
                "s3cret"));
        assertThat(neon.driverProperties()).containsExactly(Map.entry("prepareThreshold", "0"));

        ExternalDatabase direct = ExternalDatabase.fromEnvironment(Map.of("TODO_DATABASE_URL",
                "postgresql://alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname")).orElseThrow();
        assertThat(direct.pooled()).isFalse();
        assertThat(direct.driverProperties()).isEmpty();
        ExternalDatabase forcedDirect = ExternalDatabase.fromEnvironment(Map.of("TODO_DATABASE_URL",
                "postgresql://alex@ep-x-pooler.aws.neon.tech/db", "TODO_DATABASE_POOLED", "false")).orElseThrow();
        assertThat(forcedDirect.pooled()).isFalse();
        assertThat(forcedDirect.migrations()).isEqualTo(forcedDirect.serving());
    }

    @Test
    void anyOtherPoolerIsNamedAndNeedsADirectUrlForMigrations() {
        ExternalDatabase pgbouncer = ExternalDatabase.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", "postgresql://app@pgbouncer:6432/todo",
                "TODO_DATABASE_POOLED", "true",
                "TODO_DATABASE_MIGRATION_URL", "postgresql://owner:pw@db:5432/todo")).orElseThrow();
        assertThat(pgbouncer.pooled()).isTrue();
        assertThat(pgbouncer.migrations()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/todo", "owner", "pw"));
        ExternalDatabase ownThreshold = ExternalDatabase.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", "postgresql://app@pgbouncer:6432/todo?prepareThreshold=5",
                "TODO_DATABASE_POOLED", "yes",
                "TODO_DATABASE_MIGRATION_URL", "postgresql://owner:pw@db:5432/todo")).orElseThrow();
        assertThat(ownThreshold.driverProperties()).isEmpty();

        assertThatThrownBy(() -> ExternalDatabase.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", "postgresql://app@pgbouncer:6432/todo", "TODO_DATABASE_POOLED", "true")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_DATABASE_MIGRATION_URL");
        assertThatThrownBy(() -> ExternalDatabase.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", "postgresql://app@h/todo", "TODO_DATABASE_POOLED", "maybe")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_DATABASE_POOLED");
        assertThatThrownBy(() -> ExternalDatabase.fromEnvironment(Map.of(
                "TODO_DATABASE_URL", "postgresql://app@h/todo", "TODO_DATABASE_MIGRATION_URL", "mysql://h/x")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_DATABASE_MIGRATION_URL");
        assertThatThrownBy(() -> ExternalDatabase.fromEnvironment(Map.of("TODO_DATABASE_POOLED", "true")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_DATABASE_URL");
    }

    @Test
    void withNothingSetItUsesTheEmbeddedDatabaseInAPerUserDirectory() {
        Settings settings = Settings.fromEnvironment(Map.of("XDG_DATA_HOME", "/home/alice/.data"));
        assertThat(settings.database()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(Path.of("/home/alice/.data/todo/postgres"));
        assertThat(settings.port()).isEmpty();
        assertThat(Settings.fromEnvironment(Map.of()).dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "todo", "postgres"));
    }

    @Test
    void corsOriginsAreAListOfOrigins() {
        assertThat(Settings.fromEnvironment(Map.of("TODO_CORS_ORIGINS", "https://app.example.com, http://localhost:5173"))
                .corsOrigins()).containsExactly("https://app.example.com", "http://localhost:5173");
        assertThat(Settings.fromEnvironment(Map.of("TODO_CORS_ORIGINS", "*")).corsOrigins()).containsExactly("*");
        assertThat(Settings.fromEnvironment(Map.of()).corsOrigins()).isEmpty();
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_CORS_ORIGINS", "https://app.example.com/path")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_CORS_ORIGINS");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_CORS_ORIGINS", "app.example.com")))
                .isInstanceOf(StartupException.class);
    }

    private static final String SECRET = "a-development-secret-of-32-bytes!";

    @Test
    void theEmbeddedDatabaseDefaultsToHeaderModeAndAnyOtherDatabaseToJwt() {
        assertThat(Settings.fromEnvironment(Map.of()).auth()).isEqualTo(new Settings.Auth.Header(true));
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_DATABASE_URL", "postgresql://u@h/db")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("TODO_AUTH_JWT_SECRET").hasMessageContaining("TODO_AUTH_MODE=header");
        assertThat(Settings.fromEnvironment(Map.of("TODO_DATABASE_URL", "postgresql://u@h/db",
                "TODO_AUTH_JWT_SECRET", SECRET)).auth()).isInstanceOf(Settings.Auth.HmacJwt.class);
        assertThat(Settings.fromEnvironment(Map.of("TODO_DATABASE_URL", "postgresql://u@h/db",
                "TODO_AUTH_MODE", "header")).auth()).isEqualTo(new Settings.Auth.Header(false));
    }

    @Test
    void jwtModeTakesASecretOrAKeySetWithOptionalIssuerAndAudience() {
        Settings.Auth hmac = Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "jwt", "TODO_AUTH_JWT_SECRET", SECRET,
                "TODO_AUTH_ISSUER", "https://issuer.example", "TODO_AUTH_AUDIENCE", "todo-api")).auth();
        assertThat(hmac).isInstanceOfSatisfying(Settings.Auth.HmacJwt.class, h -> {
            assertThat(h.secret()).isEqualTo(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(h.issuer()).contains("https://issuer.example");
            assertThat(h.audience()).contains("todo-api");
        });
        assertThat(hmac.toString()).doesNotContain(SECRET);
        Settings.Auth jwks = Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "JWT",
                "TODO_AUTH_JWKS_URL", "https://example.eu.auth0.com/.well-known/jwks.json")).auth();
        assertThat(jwks).isInstanceOfSatisfying(Settings.Auth.JwksJwt.class, j -> assertThat(j.jwksUrl())
                .hasToString("https://example.eu.auth0.com/.well-known/jwks.json"));
    }

    @Test
    void aShortMissingOrAmbiguousKeyStopsTheServiceWithoutPrintingTheSecret() {
        String shortSecret = "too-short-secret-31-bytes-long!";
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "jwt",
                "TODO_AUTH_JWT_SECRET", shortSecret)))
                .isInstanceOf(StartupException.class).hasMessageContaining("at least 32")
                .hasMessageNotContaining(shortSecret);
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "jwt")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_JWKS_URL");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "jwt",
                "TODO_AUTH_JWT_SECRET", SECRET, "TODO_AUTH_JWKS_URL", "https://x.example/jwks")))
                .isInstanceOf(StartupException.class).hasMessageContaining("not both")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "jwt",
                "TODO_AUTH_JWKS_URL", "file:///etc/passwd")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_JWKS_URL");
    }

    @Test
    void theTombstoneCountAndTheUnpagedListBoundAreConfigurable() {
        Settings settings = Settings.fromEnvironment(Map.of("TODO_TENANT_MAX_TOMBSTONES", "500",
                "TODO_LIST_MAX_UNPAGED", "200"));
        assertThat(settings.limits().maxTombstonesPerTenant()).isEqualTo(500);
        assertThat(settings.limits().maxUnpagedList()).isEqualTo(200);
        assertThat(Settings.fromEnvironment(Map.of()).limits().maxTombstonesPerTenant()).isEqualTo(10_000);
        assertThat(Settings.fromEnvironment(Map.of()).limits().maxUnpagedList()).isEqualTo(1_000);
        for (String variable : java.util.List.of("TODO_TENANT_MAX_TOMBSTONES", "TODO_LIST_MAX_UNPAGED")) {
            for (String bad : java.util.List.of("0", "-5", "many")) {
                assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(variable, bad)))
                        .isInstanceOf(StartupException.class).hasMessageContaining(variable);
            }
        }
    }

    @Test
    void theQuotaAndTheTombstoneRetentionAreConfigurable() {
        Settings settings = Settings.fromEnvironment(Map.of("TODO_TENANT_MAX_TODOS", "50",
                "TODO_TOMBSTONE_RETENTION", "7d"));
        assertThat(settings.limits().maxTodosPerTenant()).isEqualTo(50);
        assertThat(settings.limits().tombstoneRetention()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(Settings.fromEnvironment(Map.of("TODO_TOMBSTONE_RETENTION", "PT36H")).limits()
                .tombstoneRetention()).isEqualTo(java.time.Duration.ofHours(36));
        assertThat(Settings.fromEnvironment(Map.of()).limits()).isEqualTo(dev.todo.domain.model.TodoLimits.DEFAULTS);
        for (String bad : java.util.List.of("0", "-5", "many")) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_TENANT_MAX_TODOS", bad)))
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_TENANT_MAX_TODOS");
        }
        for (String bad : java.util.List.of("0d", "forever", "-P1D")) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_TOMBSTONE_RETENTION", bad)))
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_TOMBSTONE_RETENTION");
        }
        assertThat(Settings.fromEnvironment(Map.of("TODO_IDEMPOTENCY_TTL", "2h")).idempotencyTtl())
                .isEqualTo(java.time.Duration.ofHours(2));
        assertThat(Settings.fromEnvironment(Map.of()).idempotencyTtl()).isEqualTo(java.time.Duration.ofHours(24));
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_IDEMPOTENCY_TTL", "soon")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_IDEMPOTENCY_TTL");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_TOKEN_SECRET", "short")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_TOKEN_SECRET")
                .hasMessageNotContaining("short'");
    }

    @Test
    void theShutdownGracePeriodIsConfigurable() {
        assertThat(Settings.fromEnvironment(Map.of()).shutdownGrace()).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(Settings.fromEnvironment(Map.of("TODO_SHUTDOWN_GRACE", "45s")).shutdownGrace())
                .isEqualTo(java.time.Duration.ofSeconds(45));
        assertThat(Settings.fromEnvironment(Map.of("TODO_SHUTDOWN_GRACE", "2m")).shutdownGrace())
                .isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(Settings.fromEnvironment(Map.of("TODO_SHUTDOWN_GRACE", "PT1.5S")).shutdownGrace())
                .isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(Settings.fromEnvironment(Map.of("TODO_SHUTDOWN_GRACE", "0s")).shutdownGrace()).isZero();
        for (String bad : java.util.List.of("soon", "-5s", "-PT1S", "10")) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_SHUTDOWN_GRACE", bad)))
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_SHUTDOWN_GRACE");
        }
    }

    @Test
    void badValuesStopTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "eighty")))
                .isInstanceOf(StartupException.class).hasMessageContaining("PORT");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "70000")))
                .isInstanceOf(StartupException.class).hasMessageContaining("PORT");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_MODE", "magic")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_MODE");
    }

    /** Every variable the service reads (Settings, ExternalDatabase, logback.xml, application.yml's todo.*). */
    static final java.util.List<String> VARIABLES = java.util.List.of("TODO_DATABASE_URL", "TODO_DATA_DIR", "PORT",
            "TODO_AUTH_MODE", "TODO_AUTH_JWT_SECRET", "TODO_AUTH_JWKS_URL", "TODO_AUTH_ISSUER", "TODO_AUTH_AUDIENCE",
            "TODO_TENANT_MAX_TODOS", "TODO_TOMBSTONE_RETENTION", "TODO_IDEMPOTENCY_TTL", "TODO_TOKEN_SECRET",
            "TODO_CORS_ORIGINS", "TODO_DATABASE_POOLED", "TODO_DATABASE_MIGRATION_URL", "TODO_LOG_FORMAT",
            "TODO_REQUEST_LOG", "TODO_SHUTDOWN_GRACE", "TODO_DATABASE_STATEMENT_TIMEOUT",
            "TODO_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "TODO_DATABASE_ADMISSION_TIMEOUT",
            "TODO_AUTH_MAX_TOKEN_LIFETIME", "TODO_ALLOWED_HOSTS",
            "TODO_METRICS_TOKEN");

    /** Issue 14.1: an empty variable is a mistake, not "unset"; it stops the start and the message names it. */
    @Test
    void anEmptyVariableStopsTheStartAndTheMessageNamesIt() {
        for (String name : VARIABLES) {
            for (String empty : java.util.List.of("", "  ")) {
                Map<String, String> env = new java.util.HashMap<>(Map.of("TODO_AUTH_JWT_SECRET", SECRET));
                env.put(name, empty);
                assertThatThrownBy(() -> Settings.fromEnvironment(env))
                        .as(name + "='" + empty + "'")
                        .isInstanceOf(StartupException.class).hasMessageContaining(name).hasMessageContaining("empty")
                        .hasMessageNotContaining(SECRET);
            }
        }
        // The case: an empty database URL and a secret used to start header mode on the embedded database.
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_DATABASE_URL", "",
                "TODO_AUTH_JWT_SECRET", SECRET)))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_DATABASE_URL is set but empty");
        // The test suite's own variables are not the service's.
        assertThat(Settings.fromEnvironment(Map.of("TODO_TEST_DATABASE_URL", "")).database()).isEmpty();
    }

    /** Issue 14.1: header mode with any of jwt mode's settings would ignore them and check no token. */
    @Test
    void headerModeWithASettingOfJwtModeStopsTheStart() {
        for (String name : java.util.List.of("TODO_AUTH_JWT_SECRET", "TODO_AUTH_JWKS_URL", "TODO_AUTH_ISSUER",
                "TODO_AUTH_AUDIENCE", "TODO_AUTH_MAX_TOKEN_LIFETIME")) {
            String value = name.equals("TODO_AUTH_JWKS_URL") ? "https://x.example/jwks"
                    : name.equals("TODO_AUTH_MAX_TOKEN_LIFETIME") ? "1h" : SECRET;
            for (Map<String, String> database : java.util.List.of(Map.<String, String>of(),
                    Map.of("TODO_DATABASE_URL", "postgresql://u@h/db"))) {
                Map<String, String> env = new java.util.HashMap<>(database);
                env.put("TODO_AUTH_MODE", "header");
                env.put(name, value);
                assertThatThrownBy(() -> Settings.fromEnvironment(env)).as(env.keySet().toString())
                        .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_MODE=header")
                        .hasMessageContaining(name).hasMessageNotContaining(SECRET);
            }
        }
    }

    /** Issue 14.1: a key or claim of jwt mode without TODO_AUTH_MODE means jwt mode, even on the embedded database. */
    @Test
    void aSettingOfJwtModeWithoutAModeMeansJwtModeEvenOnTheEmbeddedDatabase() {
        assertThat(Settings.fromEnvironment(Map.of("TODO_AUTH_JWT_SECRET", SECRET)).auth())
                .isInstanceOf(Settings.Auth.HmacJwt.class);
        assertThat(Settings.fromEnvironment(Map.of("TODO_AUTH_JWKS_URL", "https://x.example/jwks")).auth())
                .isInstanceOf(Settings.Auth.JwksJwt.class);
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_ISSUER", "https://issuer.example")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_JWT_SECRET")
                .hasMessageContaining("because TODO_AUTH_ISSUER is set");
    }

    /** Issue 14.1: log settings that logback cannot use (it would log nothing, or everything) stop the start. */
    @Test
    void logSettingsThatLogbackCannotUseStopTheStart() {
        for (String bad : java.util.List.of("JSON", "yaml", "logstash")) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_LOG_FORMAT", bad)))
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_LOG_FORMAT");
        }
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_REQUEST_LOG", "verbose")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_REQUEST_LOG");
        assertThat(Settings.fromEnvironment(Map.of("TODO_LOG_FORMAT", "json", "TODO_REQUEST_LOG", "off")).auth())
                .isEqualTo(new Settings.Auth.Header(true));
    }

    /** Issue 14: the longest token lifetime is 24 hours unless TODO_AUTH_MAX_TOKEN_LIFETIME says otherwise. */
    @Test
    void theLongestTokenLifetimeIsADayUnlessConfigured() {
        assertThat(Settings.fromEnvironment(Map.of("TODO_AUTH_JWT_SECRET", SECRET)).auth())
                .isInstanceOfSatisfying(Settings.Auth.HmacJwt.class, h -> assertThat(h.maxTokenLifetime())
                        .isEqualTo(java.time.Duration.ofHours(24)));
        assertThat(Settings.fromEnvironment(Map.of("TODO_AUTH_JWKS_URL", "https://x.example/jwks",
                "TODO_AUTH_MAX_TOKEN_LIFETIME", "1h")).auth())
                .isInstanceOfSatisfying(Settings.Auth.JwksJwt.class, j -> assertThat(j.maxTokenLifetime())
                        .isEqualTo(java.time.Duration.ofHours(1)));
        for (String bad : java.util.List.of("0h", "forever", "-PT1H")) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_AUTH_JWT_SECRET", SECRET,
                    "TODO_AUTH_MAX_TOKEN_LIFETIME", bad)))
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_AUTH_MAX_TOKEN_LIFETIME");
        }
    }

    /** Issue 14: the Host allow-list is this machine's names on the embedded database, any host on another. */
    @Test
    void theAllowedHostsAreLoopbackOnTheEmbeddedDatabaseAndAnyOtherwiseUnlessConfigured() {
        assertThat(Settings.fromEnvironment(Map.of()).hostsAllowed()).containsExactly("localhost", "127.0.0.1", "::1");
        assertThat(Settings.fromEnvironment(Map.of("TODO_DATABASE_URL", "postgresql://u@h/db",
                "TODO_AUTH_JWT_SECRET", SECRET)).hostsAllowed()).containsExactly("*");
        assertThat(Settings.fromEnvironment(Map.of("TODO_ALLOWED_HOSTS", "Todo.Example.com, *.example.org,[::1]"))
                .hostsAllowed()).containsExactly("todo.example.com", "*.example.org", "::1");
        assertThat(Settings.fromEnvironment(Map.of("TODO_ALLOWED_HOSTS", "*")).hostsAllowed()).containsExactly("*");
        for (String bad : java.util.List.of("https://todo.example.com", "todo.example.com:8080", "a b", ",")) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_ALLOWED_HOSTS", bad))).as(bad)
                    .isInstanceOf(StartupException.class).hasMessageContaining("TODO_ALLOWED_HOSTS");
        }
    }

    /** Issue 14: a metrics token is a secret like the others: long enough, and never printed. */
    @Test
    void aMetricsTokenMustBeLongAndIsNotPrinted() {
        String token = "x".repeat(40);
        Settings settings = Settings.fromEnvironment(Map.of("TODO_METRICS_TOKEN", token));
        assertThat(settings.metricsToken()).contains(token);
        assertThat(settings.toString()).doesNotContain(token);
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TODO_METRICS_TOKEN", "short")))
                .isInstanceOf(StartupException.class).hasMessageContaining("TODO_METRICS_TOKEN")
                .hasMessageNotContaining("short'");
    }
}
