package dev.todo.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes the pool connect again within {@value #RETRY_MILLIS} ms of the database coming back, however long the outage
 * (HikariCP's own back-off reaches 5 s): on HikariCP's {@code …:connection-adder} thread only, an attempt that fails
 * to reach the database (SQLSTATE class 08, or the server starting or full) retries until the pool closes; any
 * other failure ends it at once. docs/reliability.md says why; NetworkFaultsTest fails should the thread's name change.
 */
final class PersistentReconnection {

    static final long RETRY_MILLIS = 250;

    /** SQLSTATEs, besides class 08, that mean the server cannot take the connection yet. */
    private static final Set<String> NOT_YET = Set.of("57P03", "53300", "57P01", "57P02");

    /** Gives the pool's configuration a data source that retries on the pool's background thread. */
    @Singleton
    static final class Configure implements BeanCreatedEventListener<DatasourceConfiguration> {
        @Override
        public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
            DatasourceConfiguration config = event.getBean();
            if (config.getDataSource() == null && config.getJdbcUrl() != null) {
                Properties properties = new Properties();
                properties.putAll(config.getDataSourceProperties());
                config.setDataSource(new Retrying(new DriverDataSource(config.getJdbcUrl(),
                        config.getDriverClassName(), properties, config.getUsername(), config.getPassword())));
            }
            return config;
        }
    }

    /** Tells the retrying data source when its pool has closed, so that it stops retrying then. */
    @Singleton
    static final class Watch implements BeanCreatedEventListener<DataSource> {
        @Override
        public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
            if (event.getBean() instanceof HikariDataSource pool && pool.getDataSource() instanceof Retrying retrying) {
                retrying.until(pool::isClosed);
            }
            return event.getBean();
        }
    }

    private PersistentReconnection() {
    }

    /** Whether a failure to connect means the database cannot be reached (yet). */
    static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || NOT_YET.contains(state));
    }

    /** The driver's data source, whose connection attempts on the pool's background thread persist. */
    static final class Retrying implements DataSource {

        private final DataSource driver;
        private volatile BooleanSupplier closed = () -> false;

        Retrying(DataSource driver) {
            this.driver = driver;
        }

        void until(BooleanSupplier poolClosed) {
            this.closed = poolClosed;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return persist(driver::getConnection);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return persist(() -> driver.getConnection(username, password));
        }

        private interface Attempt {
            Connection connect() throws SQLException;
        }

        private Connection persist(Attempt attempt) throws SQLException {
            boolean backgroundThread = Thread.currentThread().getName().endsWith(":connection-adder");
            while (true) {
                try {
                    return attempt.connect();
                } catch (SQLException e) {
                    if (!backgroundThread || !unreachable(e) || closed.getAsBoolean()) {
                        throw e;
                    }
                    try {
                        Thread.sleep(Duration.ofMillis(RETRY_MILLIS));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return driver.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            driver.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            driver.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return driver.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            return driver.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || driver.isWrapperFor(type);
        }
    }
}
