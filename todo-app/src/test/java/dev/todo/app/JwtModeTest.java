package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.persistence.TestPostgres;
import dev.todo.rest.tenant.DevelopmentTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** jwt mode end to end: the tenant is a verified bearer token's sub; anything else is 401 or 403. */
class JwtModeTest {

    static final String SECRET = "jwt-mode-test-secret-of-at-least-32-bytes";
    static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    private static final Optional<String> ISSUER = Optional.of("https://issuer.test");
    private static final Optional<String> AUDIENCE = Optional.of("todo-api");

    private static TodoApplication app;
    private static Api api;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void start() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        LOGS.start();
        app = TestApp.start(TestPostgres.createDatabase(), new Settings.Auth.HmacJwt(KEY, ISSUER, AUDIENCE), Map.of());
        api = new Api(app.uri());
    }

    @AfterAll
    static void stop() {
        app.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    }

    static String token(String subject) {
        return token(KEY, subject, Clock.systemUTC(), ISSUER, AUDIENCE);
    }

    static String token(byte[] key, String subject, Clock clock, Optional<String> issuer, Optional<String> audience) {
        return DevelopmentTokens.issueHmac(key, subject, Duration.ofMinutes(10), issuer, audience, clock);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static Api.Call list(String bearer) {
        Api.Call call = api.get("/api/v1/todos");
        return bearer == null ? call : call.header("Authorization", "Bearer " + bearer);
    }

    private static void assertUnauthenticated(Api.Response response, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
        String challenge = response.header("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer realm=\"todo\"");
        if (error == null) {
            assertThat(challenge).doesNotContain("error=");
        } else {
            assertThat(challenge).contains("error=\"" + error + "\"", "error_description=\"");
        }
    }

    @Test
    void aValidTokenActsForItsSubject() {
        String tenant = TestApp.newTenant();
        Api.Response created = api.post("/api/v1/todos").header("Authorization", "Bearer " + token(tenant))
                .json("{\"title\": \"mine\"}").send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("user_id").asText()).isEqualTo(tenant);
        assertThat(list(token(tenant)).send().json().get("items")).containsExactly(created.json());
    }

    @Test
    void noTokenIs401WithABareChallenge() {
        assertUnauthenticated(list(null).send(), null);
    }

    @Test
    void anXUserIdWithoutATokenIsNotTrusted() {
        assertUnauthenticated(list(null).tenant("alice").send(), null);
    }

    @Test
    void anotherSchemeIsNoToken() {
        assertUnauthenticated(api.get("/api/v1/todos").header("Authorization", "Basic YWxpY2U6c2VjcmV0").send(),
                null);
    }

    @Test
    void refusedTokensAre401InvalidToken() {
        String tenant = TestApp.newTenant();
        Instant now = Instant.now();
        List<String> refused = List.of(
                "garbage",
                "a.b.c",
                signed(KEY, "{\"sub\":\"" + "x".repeat(129) + "\",\"exp\":" + (now.getEpochSecond() + 600)
                        + ",\"iss\":\"" + ISSUER.get() + "\",\"aud\":\"" + AUDIENCE.get() + "\"}"),
                token(KEY, tenant, at(now.minus(Duration.ofHours(1))), ISSUER, AUDIENCE),
                token(KEY, tenant, at(now.plus(Duration.ofHours(1))), ISSUER, AUDIENCE),
                token("another-secret-that-is-also-32-bytes-long".getBytes(StandardCharsets.UTF_8), tenant,
                        Clock.systemUTC(), ISSUER, AUDIENCE),
                token(KEY, tenant, Clock.systemUTC(), Optional.of("https://someone-else.test"), AUDIENCE),
                token(KEY, tenant, Clock.systemUTC(), ISSUER, Optional.of("another-api")),
                unsecured(tenant));
        for (String bad : refused) {
            Api.Response response = list(bad).send();
            assertUnauthenticated(response, "invalid_token");
            assertThat(response.body()).doesNotContain(bad);
        }
    }

    @Test
    void anXUserIdThatIsNotTheSubjectIs403AndOneThatIsIsAccepted() {
        String tenant = TestApp.newTenant();
        Api.Response mismatched = list(token(tenant)).tenant("someone-else").send();
        assertThat(mismatched.status()).isEqualTo(403);
        assertThat(mismatched.json().get("error_code").asText()).isEqualTo("FORBIDDEN");
        assertThat(list(token(tenant)).tenant(tenant).send().status()).isEqualTo(200);
        assertThat(list(token(tenant)).header("X-User-ID", "").send().status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsTodoStaysNotFound() {
        String owner = TestApp.newTenant();
        JsonNode todo = api.post("/api/v1/todos").header("Authorization", "Bearer " + token(owner))
                .json("{\"title\": \"private\"}").send().json();
        Api.Response response = api.get("/api/v1/todos/" + todo.get("id").asText())
                .header("Authorization", "Bearer " + token(TestApp.newTenant())).send();
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void theAuthenticationIsCheckedBeforeTheBody() {
        Api.Response response = api.post("/api/v1/todos").json("{not json").send();
        assertUnauthenticated(response, null);
    }

    @Test
    void neitherTheTokenNorTheSecretReachesTheLogEvenAtTrace() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        synchronized (LOGS) { // ListAppender appends holding its own lock; server threads may still be logging
            LOGS.list.clear();
        }
        try {
            sendTokens();
        } finally {
            root.setLevel(level);
        }
        List<ILoggingEvent> events;
        synchronized (LOGS) {
            events = List.copyOf(LOGS.list);
        }
        List<String> lines = events.stream().map(e -> e.getFormattedMessage() + " " + java.util.Arrays.toString(
                e.getArgumentArray())).toList();
        assertThat(lines).as("at TRACE something is logged").isNotEmpty();
        assertThat(lines).noneMatch(line -> line.contains(GOOD_SIGNATURE.get()) || line.contains(SECRET));
    }

    private static final java.util.concurrent.atomic.AtomicReference<String> GOOD_SIGNATURE =
            new java.util.concurrent.atomic.AtomicReference<>();

    private static void sendTokens() {
        String tenant = TestApp.newTenant();
        String good = token(tenant);
        String expired = token(KEY, tenant, at(Instant.now().minus(Duration.ofHours(2))), ISSUER, AUDIENCE);
        GOOD_SIGNATURE.set(good.substring(good.lastIndexOf('.') + 1));
        assertThat(list(good).send().status()).isEqualTo(200);
        assertThat(list(expired).send().status()).isEqualTo(401);
        assertThat(list(good).tenant("mismatch").send().status()).isEqualTo(403);
    }

    @Test
    void theTokenCommandPrintsATokenTheServiceAccepts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String tenant = TestApp.newTenant();
        int status = DevelopmentTokenCommand.run(new String[] {"token", "--sub", tenant, "--ttl", "15m"},
                Map.of("TODO_AUTH_JWT_SECRET", SECRET, "TODO_AUTH_ISSUER", ISSUER.get(),
                        "TODO_AUTH_AUDIENCE", AUDIENCE.get()),
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(list(printed).send().status()).isEqualTo(200);
    }

    @Test
    void theTokenCommandRefusesBadArgumentsAndAMissingSecret() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(DevelopmentTokenCommand.run(new String[] {"token"}, Map.of("TODO_AUTH_JWT_SECRET", SECRET),
                Clock.systemUTC(), quiet, quiet)).isEqualTo(2);
        assertThat(DevelopmentTokenCommand.run(new String[] {"token", "--sub", "alice", "--ttl", "forever"},
                Map.of("TODO_AUTH_JWT_SECRET", SECRET), Clock.systemUTC(), quiet, quiet)).isEqualTo(2);
        assertThat(DevelopmentTokenCommand.run(new String[] {"token", "--sub", "alice"}, Map.of(),
                Clock.systemUTC(), quiet, quiet)).isEqualTo(2);
        assertThat(DevelopmentTokenCommand.run(new String[] {"token", "--sub", "not a tenant"},
                Map.of("TODO_AUTH_JWT_SECRET", SECRET), Clock.systemUTC(), quiet, quiet)).isEqualTo(2);
    }

    /** Issue 14: a token that lives longer than a day (the default maximum) is refused, even while unexpired. */
    @Test
    void aTokenLivingLongerThanTheMaximumLifetimeIs401() {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"" + TestApp.newTenant() + "\",\"iat\":" + now + ",\"exp\":"
                + (now + Duration.ofDays(2).toSeconds()) + ",\"iss\":\"" + ISSUER.get() + "\",\"aud\":\""
                + AUDIENCE.get() + "\"}";
        assertUnauthenticated(list(signed(KEY, claims)).send(), "invalid_token");
        String inTheFuture = claims.replace("\"iat\":" + now, "\"iat\":" + (now + 3600))
                .replace("\"exp\":" + (now + Duration.ofDays(2).toSeconds()), "\"exp\":" + (now + 7200));
        assertUnauthenticated(list(signed(KEY, inTheFuture)).send(), "invalid_token");
    }

    /** An HS256 token with exactly these claims, for claims the development tokens refuse to make. */
    private static String signed(byte[] key, String claims) {
        try {
            com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                    new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                    new com.nimbusds.jose.Payload(claims));
            jws.sign(new com.nimbusds.jose.crypto.MACSigner(key));
            return jws.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An "alg: none" token: a header and payload with an empty signature. */
    private static String unsecured(String subject) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + exp + ",\"iss\":\""
                + ISSUER.get() + "\",\"aud\":\"" + AUDIENCE.get() + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
