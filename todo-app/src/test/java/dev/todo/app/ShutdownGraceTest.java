package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Item 5 of docs/reliability.md, its bound: a stop waits for a request in flight no longer than the grace period
 * (TODO_SHUTDOWN_GRACE). A request still held up in the database then is cut off (its statement cancelled), and its
 * write is not applied, although, as a single write, it would commit on its own once it got its lock.
 */
class ShutdownGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(1);

    @Test
    void aStopWaitsForARequestNoLongerThanTheGracePeriodAndACutOffWriteIsNotApplied() throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        Settings settings = new Settings(Optional.of(ExternalDatabase.direct(TestApp.url(database))), null,
                Optional.empty(), Settings.Auth.header(), List.of(), Optional.empty(), TodoLimits.DEFAULTS,
                Settings.DEFAULT_IDEMPOTENCY_TTL, GRACE);
        // The request is held up on purpose for longer than the grace period: PostgreSQL must not cancel it first.
        TodoApplication app = TestApp.start(settings, Map.of("todo.database.statement-timeout", "30s"));
        Api api = new Api(app.uri());
        String tenant = TestApp.newTenant();
        api.create(tenant, "{\"title\": \"before the stop\"}");
        Duration stopping;
        CompletableFuture<Api.Response> held;
        try (Connection admin = database.admin().connect()) {
            admin.setAutoCommit(false);
            try (PreparedStatement s = admin.prepareStatement(
                    "SELECT 1 FROM tenant_state WHERE user_id = ? FOR UPDATE")) {
                s.setString(1, tenant);
                s.executeQuery().close();
            }
            held = CompletableFuture.supplyAsync(() -> api.post("/api/v1/todos").tenant(tenant)
                    .json("{\"title\": \"held past the grace period\"}").send());
            awaitLockWaiter(database);

            Instant start = Instant.now();
            app.close();
            stopping = Duration.between(start, Instant.now());
            admin.rollback();
        }
        assertThat(stopping).as("waited for the request, for the grace period").isGreaterThanOrEqualTo(GRACE)
                .as("and not much longer").isLessThan(GRACE.plusSeconds(5));
        // Cut off: its statement cancelled, it answers 503 if its connection is still open, else gets no answer.
        Optional<Integer> answer;
        try {
            answer = Optional.of(held.get(10, TimeUnit.SECONDS).status());
        } catch (ExecutionException noAnswer) {
            answer = Optional.empty();
        }
        answer.ifPresent(status -> assertThat(status).as("the cut-off request").isEqualTo(503));
        System.out.printf("grace: the stop took %d ms with a grace period of %d ms%n", stopping.toMillis(),
                GRACE.toMillis());
        Instant deadline = Instant.now().plusSeconds(10);
        while (count(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()") > 0) {
            assertThat(Instant.now()).as("the cut-off transaction ends").isBefore(deadline);
            Thread.sleep(20);
        }
        assertThat(count(database, "SELECT count(*) FROM todo WHERE title = 'held past the grace period'"))
                .as("the cut-off write was rolled back").isZero();
        assertThat(count(database, "SELECT todo_count FROM tenant_state WHERE user_id = '" + tenant + "'"))
                .isEqualTo(1);
    }

    private static void awaitLockWaiter(TestPostgres.Database database) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (count(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'") == 0) {
            assertThat(Instant.now()).as("the create waits for the held row").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static long count(TestPostgres.Database database, String sql) throws Exception {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
