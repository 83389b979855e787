package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Item 2 of docs/reliability.md: a broken network between the service and PostgreSQL, made by a TCP fault proxy
 * ({@link FaultyNetwork}) that the service's JDBC URL points at. Added latency only slows requests down; dropped,
 * silent (half-open) and refused connections give 503 SERVICE_UNAVAILABLE or success within a bounded time, never
 * a 500 or a hung request; no write is ever half applied; and the service serves again within 5 s of the network
 * healing.
 */
class NetworkFaultsTest {

    /**
     * The longest a request may take on a broken network: about 1 s waiting for a connection (connection-timeout)
     * plus 3 s waiting on a connection that went silent (socketTimeout), with room for a loaded machine.
     */
    private static final Duration SILENT_BOUND = Duration.ofSeconds(6);
    /** The longest a request may take when the network refuses or drops connections: the 1 s pool wait, and room. */
    private static final Duration REFUSED_BOUND = Duration.ofSeconds(2);
    private static final Duration RECOVERY = Duration.ofSeconds(5);

    private static TestPostgres.Database database;
    private static FaultyNetwork network;
    private static TodoApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase();
        network = FaultyNetwork.to(database.jdbcUrl());
        DatabaseUrl throughTheNetwork = new DatabaseUrl(network.jdbcUrl(database.jdbcUrl()), database.username(),
                database.password());
        app = TestApp.start(ExternalDatabase.direct(throughTheNetwork), Settings.Auth.header(), TodoLimits.DEFAULTS,
                Map.of());
        api = new Api(app.uri());
    }

    @AfterEach
    void heal() throws InterruptedException {
        network.heal();
        awaitServing();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void addedLatencySlowsRequestsDownButTheyStillSucceed() {
        String tenant = TestApp.newTenant();
        JsonNode fast = api.create(tenant, "{\"title\": \"before the latency\"}");
        network.latency(Duration.ofMillis(300));

        Instant sent = Instant.now();
        Api.Response created = api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"300 ms each way\"}")
                .send();
        Duration took = Duration.between(sent, Instant.now());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(took).as("at least one round trip of 600 ms").isGreaterThanOrEqualTo(Duration.ofMillis(600));
        Api.Response read = api.get("/api/v1/todos/" + fast.get("id").asText()).tenant(tenant).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(fast);
        assertThat(api.list(tenant).get("count").asInt()).isEqualTo(2);
        System.out.printf("latency: a create took %d ms with 300 ms added each way%n", took.toMillis());
    }

    /**
     * The connections are cut while a create with an Idempotency-Key has written its todo and waits to record the
     * key (held up by a lock this test holds): the client gets 503, and PostgreSQL rolls the whole transaction back,
     * so neither the todo nor the key is there. A retry with the key then creates the todo exactly once.
     */
    @Test
    void connectionsDroppedMidTransactionLeaveTheWriteWholeOrAbsent() throws Exception {
        String tenant = TestApp.newTenant();
        api.create(tenant, "{\"title\": \"before the cut\"}");
        String key = UUID.randomUUID().toString();
        Api.Response answer;
        try (Connection admin = database.admin().connect()) {
            admin.setAutoCommit(false);
            try (PreparedStatement s = admin.prepareStatement("INSERT INTO idempotency_key (user_id, key, fingerprint, "
                    + "outcome, created_at, expires_at) VALUES (?, ?, 'held', ''::bytea, now(), now() + interval '1 h')")) {
                s.setString(1, tenant);
                s.setString(2, key);
                s.executeUpdate();
            }
            CompletableFuture<Api.Response> create = CompletableFuture.supplyAsync(() -> api.post("/api/v1/todos")
                    .tenant(tenant).header("Idempotency-Key", key).json("{\"title\": \"cut off\"}").send());
            int waiting = awaitLockWaiter();
            assertThat(todosTitled(tenant, "cut off")).as("not visible before a commit").isZero();

            Instant cut = Instant.now();
            network.dropConnections();
            answer = create.get(SILENT_BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(Duration.between(cut, Instant.now())).isLessThan(REFUSED_BOUND);
            admin.rollback();
            awaitGone(waiting);
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.json().get("error_code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(answer.header("Retry-After")).isPresent();
        assertThat(todosTitled(tenant, "cut off")).as("the todo went with its transaction").isZero();
        assertThat(keys(tenant)).as("and so did the key").isZero();
        assertConsistent(List.of(tenant));

        awaitServing();
        Api.Response retried = api.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key)
                .json("{\"title\": \"cut off\"}").send();
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        Api.Response replayed = api.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key)
                .json("{\"title\": \"cut off\"}").send();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.json()).isEqualTo(retried.json());
        assertThat(todosTitled(tenant, "cut off")).isEqualTo(1);
        assertThat(keys(tenant)).isEqualTo(1);
        assertConsistent(List.of(tenant));
    }

    @Test
    void droppedConnectionsUnderLoadAre503OrSuccessAndServeAgainAtOnce() throws Exception {
        Result result = underLoad(() -> {
            for (int i = 0; i < 3; i++) {
                network.dropConnections();
                sleep(Duration.ofMillis(300));
            }
        }, REFUSED_BOUND);
        System.out.printf("dropped connections: %s%n", result);
    }

    @Test
    void aBlackHoleIs503WithinTheBoundNeverAHang() throws Exception {
        Result result = underLoad(() -> {
            network.blackHole();
            List<CompletableFuture<Duration>> checks = new ArrayList<>();
            for (String path : List.of("/health", "/health/readiness", "/api/v1/todos")) {
                checks.add(CompletableFuture.supplyAsync(() -> {
                    Instant sent = Instant.now();
                    Api.Response response;
                    try {
                        response = api.get(path).tenant(TestApp.newTenant()).send();
                    } catch (RuntimeException e) {
                        throw new AssertionError(path + " after " + Duration.between(sent, Instant.now()), e);
                    }
                    assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(503);
                    return Duration.between(sent, Instant.now());
                }));
            }
            sleep(Duration.ofSeconds(4));  // longer than socketTimeout, so that requests in flight give up
            for (CompletableFuture<Duration> check : checks) {
                assertThat(check.join()).isLessThan(SILENT_BOUND);
            }
        }, SILENT_BOUND);
        assertThat(result.unavailable()).as("the black hole was felt").isPositive();
        System.out.printf("black hole: %s%n", result);
    }

    /**
     * Refused for 11 s: long enough that HikariCP alone would be waiting up to 5 s between its attempts to connect
     * when the network heals; {@link PersistentReconnection} keeps attempting every 250 ms instead.
     */
    @Test
    void aRefusingNetworkIs503WithinTwoSecondsAndServesAgainAtOnceWhenItHeals() throws Exception {
        Result result = underLoad(() -> {
            network.refuse();
            sleep(Duration.ofSeconds(11));
        }, REFUSED_BOUND);
        assertThat(result.unavailable()).as("the refusal was felt").isPositive();
        assertThat(result.recovery()).as("connecting again at once, not after a back-off of up to 5 s")
                .isLessThan(Duration.ofSeconds(2));
        System.out.printf("refused connections: %s%n", result);
    }

    /**
     * What a fault did to the writers.
     *
     * @param acknowledged writes answered 201
     * @param unavailable  writes answered 503
     * @param slowest      the longest any write waited for its answer
     * @param recovery     from the network healing to the first write answered 201 again
     */
    record Result(int acknowledged, int unavailable, Duration slowest, Duration recovery) {
        @Override
        public String toString() {
            return acknowledged + " writes acknowledged, " + unavailable + " answered 503, slowest " + slowest.toMillis()
                    + " ms, serving again " + recovery.toMillis() + " ms after the network healed";
        }
    }

    /**
     * Runs the fault while four clients keep creating todos, heals the network, and checks what every client got:
     * 201 or 503 (with Retry-After), each within the bound; every 201 in the database; every tenant's todos, count
     * and change-feed position consistent; serving again within 5 s of the heal.
     */
    private Result underLoad(Runnable fault, Duration bound) throws Exception {
        Writers writers = new Writers(api, 4, Duration.ofMillis(20)).start();
        List<Writers.Outcome> outcomes;
        Duration recovery;
        Instant warm;
        try {
            warm = writers.warmUp();
            fault.run();
            network.heal();
            recovery = awaitServing();
            writers.awaitMoreAcknowledged(12, Duration.ofSeconds(30));
        } finally {
            outcomes = writers.stop();
        }
        assertThat(outcomes).as("201 or 503, never a 500 or a failed connection")
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(201, 503));
        assertThat(outcomes).filteredOn(o -> o.status() == 503).as("503s say the database is unavailable")
                .allSatisfy(o -> assertThat(o.retryAfter() && "SERVICE_UNAVAILABLE".equals(o.errorCode()))
                        .as(o.toString()).isTrue());
        assertThat(outcomes).filteredOn(o -> !o.sent().isBefore(warm)).as("never a hung request")
                .allSatisfy(o -> assertThat(o.took()).as(o.toString()).isLessThan(bound));
        Set<String> stored = storedIds(writers.tenants());
        assertThat(stored).as("every acknowledged write is in the database").containsAll(
                outcomes.stream().filter(Writers.Outcome::acknowledged).map(Writers.Outcome::id).toList());
        assertConsistent(writers.tenants());
        return new Result((int) outcomes.stream().filter(Writers.Outcome::acknowledged).count(),
                (int) outcomes.stream().filter(o -> o.status() == 503).count(),
                outcomes.stream().filter(o -> !o.sent().isBefore(warm)).map(Writers.Outcome::took)
                        .max(Duration::compareTo).orElseThrow(), recovery);
    }

    /** Waits until a create succeeds and /health is 200, at most 5 s; returns how long it took. */
    private static Duration awaitServing() throws InterruptedException {
        Instant start = Instant.now();
        String tenant = TestApp.newTenant();
        while (api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"probe\"}").send().status() != 201
                || api.get("/health").send().status() != 200) {
            assertThat(Duration.between(start, Instant.now())).as("serving again within 5 s").isLessThan(RECOVERY);
            Thread.sleep(50);
        }
        return Duration.between(start, Instant.now());
    }

    /**
     * The tenants' rows agree with each other: the todo count kept for the quota is the number of todos, and the
     * change-feed position is that of the latest change. A half-applied write would break one or the other.
     */
    private static void assertConsistent(List<String> tenants) throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement("""
                SELECT s.user_id, s.todo_count, (SELECT count(*) FROM todo t WHERE t.user_id = s.user_id),
                       s.change_seq, GREATEST(s.forgotten_through,
                           (SELECT max(change_seq) FROM todo t WHERE t.user_id = s.user_id),
                           (SELECT max(change_seq) FROM todo_tombstone d WHERE d.user_id = s.user_id))
                FROM tenant_state s WHERE s.user_id = ANY (?)""")) {
            s.setArray(1, c.createArrayOf("varchar", tenants.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as("todo count of %s", rs.getString(1)).isEqualTo(rs.getLong(3));
                    assertThat(rs.getLong(4)).as("change position of %s", rs.getString(1)).isEqualTo(rs.getLong(5));
                }
            }
        }
    }

    private static Set<String> storedIds(List<String> tenants) throws SQLException {
        return DatabaseFailureTest.storedIds(database, tenants);
    }

    private static long todosTitled(String tenant, String title) throws SQLException {
        return count("SELECT count(*) FROM todo WHERE user_id = ? AND title = ?", tenant, title);
    }

    private static long keys(String tenant) throws SQLException {
        return count("SELECT count(*) FROM idempotency_key WHERE user_id = ?", tenant);
    }

    private static long count(String sql, String... parameters) throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until a session of the database waits for a lock; returns its process id. */
    private static int awaitLockWaiter() throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<Integer> pid = lockWaiter();
            if (pid.isPresent()) {
                return pid.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the create never waited for the lock");
    }

    private static Optional<Integer> lockWaiter() throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
        }
    }

    /** Waits until the server session has ended: its transaction is over, one way or the other. */
    private static void awaitGone(int pid) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (count("SELECT count(*) FROM pg_stat_activity WHERE pid = ?::int", Integer.toString(pid)) > 0) {
            assertThat(Instant.now()).as("the cut-off session ends").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
