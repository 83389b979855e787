package dev.todo.persistence;

import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TenantId;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the adapter's work for one tenant on a connection, as a transaction, a read or a single write (ADR 0022), and
 * sends each statement with the tenant that row-level security checks, in the same round trip (ADR 0021).
 */
@Singleton
final class TenantStatements {

    /**
     * Names the tenant and sets the statement and idle-in-transaction time limits until the end of the current
     * transaction (docs/reliability.md).
     */
    static final String ACT_AS = "SELECT set_config('app.user_id', ?, true), set_config('statement_timeout', ?, true), "
            + "set_config('idle_in_transaction_session_timeout', ?, true)";
    /** The same, and the rest of the (implicit) transaction may not write. */
    static final String ACT_AS_READ_ONLY = ACT_AS + ", set_config('transaction_read_only', 'on', true)";

    /** Reads the rows of a result set. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** How the statements of a unit of work meet transactions. */
    enum Mode {
        /** In one transaction: the tenant goes with the first statement. */
        TRANSACTION,
        /** Reading, without a transaction: each statement is its own read-only implicit transaction. */
        READ,
        /** One write without a transaction, committed as it completes; a second statement is refused. */
        SINGLE_WRITE
    }

    /** The unit of work on this thread: its tenant, its mode, and how many statements it sent. */
    static final class Scope {
        final String tenant;
        final Mode mode;
        private int sent;

        Scope(String tenant, Mode mode) {
            this.tenant = tenant;
            this.mode = mode;
        }
    }

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final ThreadLocal<Scope> scope = new ThreadLocal<>();
    /** The statements executing now, so that a stop can cancel them. */
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();
    private final String statementTimeout;
    private final String idleTimeout;
    private final Admission admission;

    TenantStatements(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                     ConnectionOperations<Connection> connections,
                     @Value("${todo.database.statement-timeout:2s}") Duration statementTimeout,
                     @Value("${todo.database.idle-in-transaction-timeout:5s}") Duration idleTimeout,
                     @Value("${datasources.default.maximum-pool-size:10}") int poolSize,
                     @Value("${todo.database.admission-timeout:5s}") Duration admissionTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.connections = connections;
        this.admission = new Admission(poolSize, admissionTimeout);
        this.statementTimeout = milliseconds("todo.database.statement-timeout", statementTimeout);
        this.idleTimeout = milliseconds("todo.database.idle-in-transaction-timeout", idleTimeout);
    }

    /** A PostgreSQL duration setting in milliseconds; zero turns the limit off. */
    private static String milliseconds(String property, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative: " + duration);
        }
        return Long.toString(duration.toMillis());
    }

    /**
     * Runs work for the tenant in this mode, or inside the unit of work open on this thread, which must be the same
     * tenant's. A database that cannot be reached fails it with {@link StorageUnavailableException}; one whose
     * connections all stay busy past the admission timeout, with {@link dev.todo.domain.model.StorageBusyException}.
     */
    <T> T run(TenantId tenant, Mode mode, Supplier<T> work) {
        Scope outer = scope.get();
        if (outer != null) {
            if (!outer.tenant.equals(tenant.value())) {
                throw new IllegalStateException("a unit of work for another tenant cannot join this one");
            }
            return outer.mode != Mode.TRANSACTION ? work.get()
                    : transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
        }
        admission.enter();
        boolean failed = false;
        scope.set(new Scope(tenant.value(), mode));
        try {
            if (mode == Mode.TRANSACTION) {
                return transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
            }
            return connections.execute(ConnectionDefinition.DEFAULT, status -> work.get());
        } catch (RuntimeException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                failed = true;
                throw new StorageUnavailableException("the database cannot be reached", e);
            }
            throw e;
        } finally {
            scope.remove();
            admission.leave(failed);
        }
    }

    /** {@return about how many units of work are waiting for their turn at the pool now ({@link Admission})} */
    int waiting() {
        return admission.waiting();
    }

    /** {@return the unit of work this thread is in, or null outside one} */
    @Nullable Scope current() {
        return scope.get();
    }

    /** Asks PostgreSQL to cancel every statement executing now; one that has completed is not undone. */
    int cancelRunning() {
        int cancelled = 0;
        for (Statement statement : running) {
            try {
                statement.cancel();
                cancelled++;
            } catch (SQLException e) {
                // It completed or its connection closed meanwhile: nothing left to cancel.
            }
        }
        return cancelled;
    }

    /** Runs a query and reads its rows. */
    <T> T query(String sql, Rows<T> rows, @Nullable Object... parameters) {
        return send(sql, statement -> {
            try (ResultSet rs = statement.getResultSet()) {
                return rows.read(rs);
            }
        }, parameters);
    }

    /** Runs an insert, update or delete. */
    int update(String sql, @Nullable Object... parameters) {
        return send(sql, PreparedStatement::getUpdateCount, parameters);
    }

    @FunctionalInterface
    private interface Result<T> {
        T of(PreparedStatement executed) throws SQLException;
    }

    private <T> T send(String sql, Result<T> result, @Nullable Object... parameters) {
        Scope current = scope.get();
        if (current == null) {
            throw new IllegalStateException("the adapter's statements run inside a unit of work");
        }
        if (current.mode == Mode.SINGLE_WRITE && current.sent > 0) {
            // The first statement has committed on its own: this one could not be undone with it.
            throw new IllegalStateException("a single-write unit of work sent a second statement");
        }
        if (current.mode == Mode.TRANSACTION && current.sent > 0) {
            current.sent++;
            return jdbc.prepareStatement(sql, statement -> {
                bind(statement, 0, parameters);
                execute(statement);
                return result.of(statement);
            });
        }
        String actAs = current.mode == Mode.READ ? ACT_AS_READ_ONLY : ACT_AS;
        current.sent++;
        return jdbc.prepareStatement(actAs + ";\n" + sql, statement -> {
            statement.setString(1, current.tenant);
            statement.setString(2, statementTimeout);
            statement.setString(3, idleTimeout);
            bind(statement, 3, parameters);
            execute(statement);
            statement.getMoreResults();
            return result.of(statement);
        });
    }

    private void execute(PreparedStatement statement) throws SQLException {
        running.add(statement);
        try {
            statement.execute();
        } finally {
            running.remove(statement);
        }
    }

    private static void bind(PreparedStatement statement, int offset, @Nullable Object... parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(offset + i + 1, parameters[i]);
        }
    }
}
