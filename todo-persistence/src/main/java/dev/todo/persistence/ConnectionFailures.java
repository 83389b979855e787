package dev.todo.persistence;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that cannot be reached or cannot answer in time (retry later) from a statement that failed (a
 * defect).
 */
final class ConnectionFailures {

    /**
     * SQLSTATEs that mean "the server is not available": class 08 (connection exception) is checked by prefix; these
     * are the others (PostgreSQL appendix A).
     */
    private static final Set<String> UNAVAILABLE = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, recovering)
            "53300", // too_many_connections
            "53400", // configuration_limit_exceeded
            "57014", // query_canceled: statement_timeout (the database too slow or a lock held too long), or an
                     // operator's pg_cancel_backend; the same request may succeed later
            "25P03", // idle_in_transaction_session_timeout ended the session
            "57P05"  // idle_session_timeout ended the session
    );

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Micronaut Data could not obtain or prepare a connection (a pooled connection that broke while idle
            // reports "Connection is closed" without an SQLSTATE). NoConnectionException is different: a
            // repository used outside a unit of work, which is a defect.
            if (t instanceof ConnectionException && !(t instanceof NoConnectionException)) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
