package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.todo.persistence.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** When the database fails, clients get problem responses they can act on, never a stack trace or SQL. */
class DatabaseFailureTest {

    @TempDir
    Path dataDir;

    /**
     * A throwaway PostgreSQL of this test's own, which it stops and starts again on the same port and data. It keeps
     * fsync and synchronous commit on, as the service's embedded database does, so that what it acknowledged
     * survives the stop.
     */
    private static EmbeddedPostgres postgres(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /**
     * Item 1 of docs/reliability.md. While PostgreSQL is stopped, every request (the five routes, under load from
     * writers that never stop) answers 503 SERVICE_UNAVAILABLE with Retry-After within 2 s, /health and readiness
     * are 503 and liveness 200; once it is back the service serves within 5 s without a restart; every write
     * answered 201 before, during or after the outage is in the database; and neither connections nor threads pile
     * up.
     */
    @Test
    void anOutageIs503WithinTwoSecondsRecoversWithinFiveAndLosesNoAcknowledgedWrite() throws Exception {
        EmbeddedPostgres postgres = postgres(dataDir, 0);
        int port = postgres.getPort();
        TestPostgres.Database database = new TestPostgres.Database(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", "postgres", "");
        String tenant = TestApp.newTenant();
        try (TodoApplication app = TestApp.start(database, Map.of())) {
            Api api = new Api(app.uri());
            HikariDataSource pool = app.context().getBean(DataSource.class).unwrap(HikariDataSource.class);
            JsonNode before = api.create(tenant, "{\"title\": \"written before the outage\"}");
            Writers writers = new Writers(api, 4, Duration.ofMillis(20)).start();
            Instant warm = writers.warmUp();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            postgres.close();
            for (Api.Call call : new Api.Call[] {
                api.get("/api/v1/todos").tenant(tenant),
                api.get("/api/v1/todos/" + before.get("id").asText()).tenant(tenant),
                api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"during\"}"),
                api.patch("/api/v1/todos/" + before.get("id").asText()).tenant(tenant).json("{\"title\": \"x\"}"),
                api.delete("/api/v1/todos/" + before.get("id").asText()).tenant(tenant)}) {
                Instant sent = Instant.now();
                Api.Response response = call.send();
                assertThat(response.status()).as(response.body()).isEqualTo(503);
                assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(2));
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("error_code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(response.header("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
                assertThat(response.body()).doesNotContain("Exception", "org.postgresql", "Connection to");
            }
            Instant sent = Instant.now();
            assertThat(api.get("/health").send().status()).isEqualTo(503);
            assertThat(Duration.between(sent, Instant.now())).as("health answers within 2 s too")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(api.get("/health/readiness").send().status()).as("not ready without the database")
                    .isEqualTo(503);
            assertThat(api.get("/health/liveness").send().status()).as("but alive: no restart needed")
                    .isEqualTo(200);

            postgres = postgres(dataDir, port);
            Instant back = Instant.now();
            // The pool replaces its broken connections as they are found; the service serves again within 5 s.
            while (api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"after\"}").send().status() != 201) {
                assertThat(Duration.between(back, Instant.now())).as("back within 5 s").isLessThan(Duration.ofSeconds(5));
                Thread.sleep(50);
            }
            Duration recovery = Duration.between(back, Instant.now());
            assertThat(api.get("/health").send().status()).isEqualTo(200);
            assertThat(api.list(tenant).get("items")).first().isEqualTo(before);
            writers.awaitMoreAcknowledged(20, Duration.ofSeconds(30));
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Writers.Outcome> outcomes = writers.stop();

            List<Writers.Outcome> during = outcomes.stream().filter(o -> !o.acknowledged()).toList();
            assertThat(outcomes).as("every write got an answer: 201 or 503, never a 500 or a hang")
                    .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(201, 503));
            assertThat(during).as("503s are the database's, with Retry-After").isNotEmpty()
                    .allSatisfy(o -> assertThat(o.retryAfter() && "SERVICE_UNAVAILABLE".equals(o.errorCode()))
                            .as(o.toString()).isTrue());
            assertThat(outcomes).filteredOn(o -> !o.sent().isBefore(warm))
                    .as("no write waited 2 s or more for its answer").allSatisfy(o -> assertThat(o.took()).as(o.toString()).isLessThan(Duration.ofSeconds(2)));
            Set<String> stored = storedIds(database, writers.tenants());
            assertThat(stored).as("every acknowledged write is in the database")
                    .containsAll(outcomes.stream().filter(Writers.Outcome::acknowledged).map(Writers.Outcome::id)
                            .toList());

            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("no connection left checked out")
                    .isZero();
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(
                    pool.getMaximumPoolSize());
            // Connections the pool let go of are closed in the background: give the server a moment to see them go.
            Instant settle = Instant.now().plusSeconds(5);
            while (serverConnections(database) > pool.getMaximumPoolSize() && Instant.now().isBefore(settle)) {
                Thread.sleep(100);
            }
            assertThat(serverConnections(database)).as("the server holds no more connections than the pool")
                    .isLessThanOrEqualTo(pool.getMaximumPoolSize());
            assertThat(threadsAfter).as("no threads pile up (%d before, %d after %d failed writes)", threadsBefore,
                    threadsAfter, during.size()).isLessThanOrEqualTo(threadsBefore + 8);
            System.out.printf("outage: %d writes acknowledged, %d answered 503 (slowest %d ms), back %d ms after "
                    + "PostgreSQL, threads %d -> %d%n", outcomes.size() - during.size(), during.size(),
                    outcomes.stream().filter(o -> !o.sent().isBefore(warm)).map(Writers.Outcome::took)
                            .max(Duration::compareTo).orElseThrow().toMillis(),
                    recovery.toMillis(), threadsBefore, threadsAfter);
        } finally {
            postgres.close();
        }
    }

    /** The ids of the given tenants' todos, read as the superuser (past row-level security). */
    static Set<String> storedIds(TestPostgres.Database database, List<String> tenants) throws SQLException {
        return Writers.stored(database, "id::text", tenants);
    }

    /** Client connections to the server other than this one. */
    private static int serverConnections(TestPostgres.Database database) throws SQLException {
        try (Connection c = database.admin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                     + " AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aDefectIs500InternalErrorWithNothingInternalInTheBody() throws SQLException {
        TestPostgres.Database database = TestPostgres.createDatabase();
        String tenant = TestApp.newTenant();
        try (TodoApplication app = TestApp.start(database, Map.of())) {
            Api api = new Api(app.uri());
            api.create(tenant, "{\"title\": \"fine so far\"}");
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE todo RENAME COLUMN title TO title_lost");
            }
            ListAppender<ILoggingEvent> errors = new ListAppender<>();
            errors.start();
            Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
            root.addAppender(errors);
            Api.Response response;
            try {
                response = api.get("/api/v1/todos").tenant(tenant).header("X-Request-Id", "defect-1").send();
            } finally {
                root.detachAppender(errors);
            }
            assertThat(response.status()).isEqualTo(500);
            // One ERROR line for the defect, with the exception and the id the client got; the framework's own line,
            // which had no id, is off.
            assertThat(errors.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getMDCPropertyMap()).containsEntry("request_id", "defect-1");
                        assertThat(e.getThrowableProxy()).isNotNull();
                        assertThat(e.getFormattedMessage()).doesNotContain(tenant);
                    });
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.get("error_code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(problem.get("detail").asText()).isEqualTo("An unexpected error occurred.");
            assertThat(response.body()).doesNotContain("title_lost", "SELECT", "column", "Exception", "at ",
                    "org.", "io.", "dev.todo");
        }
    }
}
