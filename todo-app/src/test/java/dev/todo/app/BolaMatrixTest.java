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

    enum Route {
        LIST, CREATE, GET, PATCH, PUT, DELETE,
        CHANGES, CLEAR_COMPLETED, MOVE, SUBTASKS_OF,
        V2_LIST, V2_CREATE, V2_GET, V2_PATCH, V2_PUT, V2_TOGGLE, V2_DELETE, V2_LIST_OF_VICTIM, V2_MOVE;

        boolean takesId() {
            return switch (this) {
                case LIST, CREATE, CHANGES, CLEAR_COMPLETED, V2_LIST, V2_CREATE, V2_LIST_OF_VICTIM -> false;
                default -> true;
            };
        }
    }

    enum Target { OWN, VICTIMS, UNKNOWN, MALFORMED }

    enum Credential { NO_TOKEN, BAD_TOKEN, EXPIRED_TOKEN, VALID_TOKEN, VALID_TOKEN_WITH_VICTIMS_USER_ID }

    private static TodoApplication app;
    private static Api api;
    private static TestPostgres.Database database;
    private static final String VICTIM = "victim-" + UUID.randomUUID();
    private static String victimsTodo;
    private static Connection admin;

    @BeforeAll
    static void start() throws SQLException {
        database = TestPostgres.createDatabase();
        admin = database.admin().connect();
        app = TestApp.start(database, new Settings.Auth.HmacJwt(JwtModeTest.KEY, Optional.empty(), Optional.empty()),
                Map.of());
        api = new Api(app.uri());
        victimsTodo = create(VICTIM, "the victim's secret plan");
        create(VICTIM, "another of the victim's todos");
        Api.Response subtask = api.post("/api/v1/todos").header("Authorization", "Bearer " + token(VICTIM))
                .json("{\"title\": \"the victim's secret step\", \"parent_id\": \"" + victimsTodo + "\"}").send();
        assertThat(subtask.status()).as(subtask.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws SQLException {
        admin.close();
        app.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Credential credential : Credential.values()) {
            for (Route route : Route.values()) {
                if (!route.takesId()) {
                    cases.add(Arguments.of(route, null, credential));
                    continue;
                }
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
        if (response.status() >= 400 || route == Route.SUBTASKS_OF && target != Target.OWN) {
            assertThat(response.body()).doesNotContain("secret");
        }
    }

    private static int expectedStatus(Route route, Target target, Credential credential) {
        return switch (credential) {
            case NO_TOKEN, BAD_TOKEN, EXPIRED_TOKEN -> 401;
            case VALID_TOKEN_WITH_VICTIMS_USER_ID -> 403;
            case VALID_TOKEN -> switch (route) {
                case LIST, V2_LIST, CHANGES, CLEAR_COMPLETED -> 200;
                // A list of the subtasks of a todo that is not the attacker's is empty (or 404), never the victim's.
                case SUBTASKS_OF -> target == Target.MALFORMED ? 400 : 200;
                case CREATE, V2_CREATE -> 201;
                case V2_LIST_OF_VICTIM -> 403;
                default -> switch (target) {
                    case OWN -> route == Route.DELETE || route == Route.V2_DELETE ? 204 : 200;
                    case VICTIMS, UNKNOWN -> 404;
                    case MALFORMED -> 400;
                };
            };
        };
    }

    private static Api.Call call(Route route, String id, String attacker, Credential credential) {
        String v2 = "/api/" + attacker + "/tasks";
        String replacement = "{\"title\": \"hijacked\", \"description\": null, \"is_completed\": true}";
        Api.Call call = switch (route) {
            case LIST -> api.get("/api/v1/todos");
            case CREATE -> api.post("/api/v1/todos").json("{\"title\": \"planted\"}");
            case GET -> api.get("/api/v1/todos/" + id);
            case PATCH -> api.patch("/api/v1/todos/" + id).json("{\"title\": \"hijacked\", \"is_completed\": true}");
            case PUT -> api.method("PUT", "/api/v1/todos/" + id).json(replacement);
            case DELETE -> api.delete("/api/v1/todos/" + id);
            case CHANGES -> api.get("/api/v1/todos/changes");
            case CLEAR_COMPLETED -> api.post("/api/v1/todos/clear-completed");
            case MOVE -> api.post("/api/v1/todos/" + id + "/move").json("{\"after\": null}");
            case SUBTASKS_OF -> api.get("/api/v1/todos?parent_id=" + id);
            case V2_LIST -> api.get(v2);
            case V2_CREATE -> api.post(v2).json("{\"title\": \"planted\"}");
            case V2_GET -> api.get(v2 + "/" + id);
            case V2_PATCH -> api.patch(v2 + "/" + id).json("{\"title\": \"hijacked\"}");
            case V2_PUT -> api.method("PUT", v2 + "/" + id).json(replacement);
            case V2_TOGGLE -> api.patch(v2 + "/" + id + "/complete");
            case V2_DELETE -> api.delete(v2 + "/" + id);
            case V2_LIST_OF_VICTIM -> api.get("/api/" + VICTIM + "/tasks");
            case V2_MOVE -> api.post(v2 + "/" + id + "/move").json("{\"after\": null}");
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
        try (PreparedStatement s = admin.prepareStatement(
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
