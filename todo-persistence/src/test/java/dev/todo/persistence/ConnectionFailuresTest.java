package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached" (503) and which are defects (500). */
class ConnectionFailuresTest {

    @Test
    void connectionProblemsAnywhereInTheChainAreUnavailability() {
        assertThat(ConnectionFailures.isConnectionFailure(new DataAccessException("x",
                new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new RuntimeException(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new RuntimeException(
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new ConnectionException("Could not set JDBC Connection "
                + "read-only: Connection is closed", new SQLException("Connection is closed")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("too many clients", "53300"))).isTrue();
    }

    @Test
    void aStatementOrTransactionOverItsTimeLimitIsUnavailability() {
        assertThat(ConnectionFailures.isConnectionFailure(new DataAccessException("x",
                new SQLException("canceling statement due to statement timeout", "57014")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException(
                "terminating connection due to idle-in-transaction timeout", "25P03"))).isTrue();
    }

    @Test
    void statementErrorsAndDefectsAreNot() {
        assertThat(ConnectionFailures.isConnectionFailure(new DataAccessException("x",
                new SQLException("column \"title\" does not exist", "42703")))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new NoConnectionException("No current connection")))
                .isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("boom"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("no state"))).isFalse();
    }
}
