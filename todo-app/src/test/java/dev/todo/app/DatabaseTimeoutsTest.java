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
        }
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
