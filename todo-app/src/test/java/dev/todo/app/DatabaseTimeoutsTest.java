package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The time limits of docs/reliability.md reach the pool and the driver as configured, on real connections: a value
 * the driver silently ignored (it reads only string properties) would leave a silent network hanging a request
 * forever, which only a test with a broken network would otherwise notice.
 */
class DatabaseTimeoutsTest {

    @Test
    void thePoolAndTheDriverHaveTheDocumentedLimits() throws SQLException {
        try (TodoApplication app = TestApp.start(TestPostgres.createDatabase(), Map.of())) {
            HikariDataSource pool = pool(app);
            assertThat(pool.getConnectionTimeout()).isEqualTo(1_000);
            assertThat(pool.getValidationTimeout()).isEqualTo(750);
            assertThat(pool.getDataSourceProperties())
                    .containsEntry("connectTimeout", "5")
                    .containsEntry("loginTimeout", "5")
                    .containsEntry("socketTimeout", "3");
            assertThat(pool.getDataSourceProperties().values()).as("strings, or the driver ignores them")
                    .allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.getNetworkTimeout()).as("socketTimeout, in force on a pooled connection")
                        .isEqualTo(3_000);
            }
            assertThat(pool.getDataSource()).as("connecting again at once after an outage")
                    .isInstanceOf(PersistentReconnection.Retrying.class);
            assertThat(app.context().getProperty("todo.database.statement-timeout", String.class)).contains("2s");
            assertThat(app.context().getProperty("todo.database.idle-in-transaction-timeout", String.class))
                    .contains("5s");
            assertThat(app.context().getProperty("todo.database.admission-timeout", String.class)).contains("5s");
        }
    }

    /**
     * Issue 20: a request that cannot get a connection in time while the database answers is told the service is
     * busy (503 SERVICE_BUSY, Retry-After: 1, nothing done), never that the database cannot be reached, and the
     * request holding the connection still completes.
     */
    @Test
    void aRequestThatWaitsTooLongForItsTurnIs503ServiceBusyAndChangesNothing() throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        try (TodoApplication app = TestApp.start(database, Map.of("datasources.default.maximum-pool-size", 1,
                "todo.database.admission-timeout", "200ms", "todo.database.statement-timeout", "30s"));
             Connection locker = database.connect(); Connection watcher = database.connect()) {
            Api api = new Api(app.uri());
            String alice = TestApp.newTenant();
            String bob = TestApp.newTenant();
            String id = api.create(alice, "{\"title\": \"Hold me\"}").get("id").asText();
            // Every write of alice's first takes her tenant_state row's lock: held here, her PATCH waits on the
            // service's only connection, holding the only turn.
            locker.setAutoCommit(false);
            try (java.sql.PreparedStatement actAs = locker.prepareStatement("SELECT set_config('app.user_id', ?, true)");
                 java.sql.PreparedStatement lock = locker.prepareStatement(
                         "SELECT user_id FROM tenant_state WHERE user_id = ? FOR UPDATE")) {
                actAs.setString(1, alice);
                actAs.execute();
                lock.setString(1, alice);
                try (java.sql.ResultSet locked = lock.executeQuery()) {
                    assertThat(locked.next()).as("alice's tenant_state row, locked").isTrue();
                }
            }
            java.util.concurrent.CompletableFuture<Api.Response> patch = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> api.patch("/api/v1/todos/" + id).tenant(alice)
                            .json("{\"title\": \"Held\"}").send());
            waitForALockWait(watcher);

            Api.Response busy = api.post("/api/v1/todos").tenant(bob).json("{\"title\": \"Not now\"}").send();
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.json().get("error_code").asText()).isEqualTo("SERVICE_BUSY");
            assertThat(busy.header("Retry-After")).contains("1");
            assertThat(busy.body()).doesNotContain("database cannot", "Exception", "SELECT");

            locker.rollback();
            assertThat(patch.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(api.list(bob).get("items")).as("nothing was created for bob").isEmpty();
            assertThat(api.get("/health").send().status()).isEqualTo(200);
            assertThat(api.get("/prometheus").send().body()).contains("todo_database_admission_waiting 0.0");
        }
    }

    /** Returns once some session of the database waits for a lock (the service's PATCH, behind the test's lock). */
    private static void waitForALockWait(Connection watcher) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.sql.Statement s = watcher.createStatement(); java.sql.ResultSet rows = s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND wait_event_type = 'Lock'")) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the PATCH never waited for the lock");
    }

    @Test
    void aSettingInTheDatabaseUrlWins() throws SQLException {
        TestPostgres.Database database = TestPostgres.createDatabase();
        DatabaseUrl url = new DatabaseUrl(database.jdbcUrl() + "?socketTimeout=7", database.username(),
                database.password());
        try (TodoApplication app = TestApp.start(ExternalDatabase.direct(url), Settings.Auth.header(),
                TodoLimits.DEFAULTS, Map.of()); Connection connection = pool(app).getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(7_000);
        }
    }

    private static HikariDataSource pool(TodoApplication app) throws SQLException {
        return app.context().getBean(DataSource.class).unwrap(HikariDataSource.class);
    }
}
