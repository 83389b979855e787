package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.persistence.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken object-level authorization, attempted every way at once: every route × every target × every kind of
 * credential, in jwt mode. Each case expects an exact status, and after each the victim's rows, read by the
 * database superuser past row-level security, are byte for byte what they were.
 */
class BolaMatrixTest {

    enum Route { LIST, CREATE, GET, PATCH, DELETE }

    enum Target { OWN, VICTIMS, UNKNOWN, MALFORMED }

    enum Credential { NO_TOKEN, BAD_TOKEN, EXPIRED_TOKEN, VALID_TOKEN, VALID_TOKEN_WITH_VICTIMS_USER_ID }

    private static TodoApplication app;
    private static Api api;
    private static TestPostgres.Database database;
    private static final String VICTIM = "victim-" + UUID.randomUUID();
    private static String victimsTodo;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase();
        app = TestApp.start(database, new Settings.Auth.HmacJwt(JwtModeTest.KEY, Optional.empty(), Optional.empty()),
                Map.of());
        api = new Api(app.uri());
        victimsTodo = create(VICTIM, "the victim's secret plan");
        create(VICTIM, "another of the victim's todos");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Credential credential : Credential.values()) {
            cases.add(Arguments.of(Route.LIST, null, credential));
            cases.add(Arguments.of(Route.CREATE, null, credential));
            for (Route route : List.of(Route.GET, Route.PATCH, Route.DELETE)) {
                for (Target target : Target.values()) {
                    cases.add(Arguments.of(route, target, credential));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("matrix")
    void everyAttemptGetsItsExactStatusAndTheVictimsRowsStayUntouched(Route route, Target target,
                                                                       Credential credential) throws SQLException {
        String attacker = "attacker-" + UUID.randomUUID();
        String attackersTodo = create(attacker, "the attacker's own");
        String before = rowsOf(VICTIM);

        String id = target == null ? null : switch (target) {
            case OWN -> attackersTodo;
            case VICTIMS -> victimsTodo;
            case UNKNOWN -> UUID.randomUUID().toString();
            case MALFORMED -> "not-a-uuid";
        };
        Api.Response response = call(route, id, attacker, credential).send();

        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus(route, target, credential));
        assertThat(rowsOf(VICTIM)).as("the victim's rows").isEqualTo(before);
        if (response.status() >= 400) {
            assertThat(response.body()).doesNotContain("secret plan");
        }
    }

    private static int expectedStatus(Route route, Target target, Credential credential) {
        return switch (credential) {
            case NO_TOKEN, BAD_TOKEN, EXPIRED_TOKEN -> 401;
            case VALID_TOKEN_WITH_VICTIMS_USER_ID -> 403;
            case VALID_TOKEN -> switch (route) {
                case LIST -> 200;
                case CREATE -> 201;
                case GET, PATCH, DELETE -> switch (target) {
                    case OWN -> route == Route.DELETE ? 204 : 200;
                    case VICTIMS, UNKNOWN -> 404;
                    case MALFORMED -> 400;
                };
            };
        };
    }

    private static Api.Call call(Route route, String id, String attacker, Credential credential) {
        Api.Call call = switch (route) {
            case LIST -> api.get("/api/v1/todos");
            case CREATE -> api.post("/api/v1/todos").json("{\"title\": \"planted\"}");
            case GET -> api.get("/api/v1/todos/" + id);
            case PATCH -> api.patch("/api/v1/todos/" + id).json("{\"title\": \"hijacked\", \"is_completed\": true}");
            case DELETE -> api.delete("/api/v1/todos/" + id);
        };
        Instant now = Instant.now();
        return switch (credential) {
            case NO_TOKEN -> call.tenant(VICTIM);
            case BAD_TOKEN -> call.header("Authorization", "Bearer " + JwtModeTest.token(
                    "a-forged-secret-that-is-also-32-bytes-long".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    VICTIM, Clock.systemUTC(), Optional.empty(), Optional.empty()));
            case EXPIRED_TOKEN -> call.header("Authorization", "Bearer " + JwtModeTest.token(JwtModeTest.KEY, VICTIM,
                    Clock.fixed(now.minus(Duration.ofHours(3)), ZoneOffset.UTC), Optional.empty(), Optional.empty()));
            case VALID_TOKEN -> call.header("Authorization", "Bearer " + token(attacker));
            case VALID_TOKEN_WITH_VICTIMS_USER_ID -> call.header("Authorization", "Bearer " + token(attacker))
                    .tenant(VICTIM);
        };
    }

    private static String token(String subject) {
        return JwtModeTest.token(JwtModeTest.KEY, subject, Clock.systemUTC(), Optional.empty(), Optional.empty());
    }

    private static String create(String tenant, String title) {
        Api.Response response = api.post("/api/v1/todos").header("Authorization", "Bearer " + token(tenant))
                .json("{\"title\": \"" + title + "\"}").send();
        assertThat(response.status()).isEqualTo(201);
        JsonNode todo = response.json();
        return todo.get("id").asText();
    }

    /** The tenant's rows as the database holds them, read by the superuser, past row-level security. */
    private static String rowsOf(String tenant) throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY id), '') FROM todo t "
                        + "WHERE user_id = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String rows = rs.getString(1);
                assertThat(rows).contains(tenant);
                return rows;
            }
        }
    }
}
