package dev.todo.persistence;

import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.UnitOfWork;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} on PostgreSQL: a writing unit of work is one transaction; a reading one, or a single write, holds a
 * connection without one, each statement its own implicit transaction (ADR 0021, 0022).
 */
@Singleton
public class JdbcUnitOfWork implements UnitOfWork {

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final TenantStatements statements;

    JdbcUnitOfWork(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections,
                   TenantStatements statements) {
        this.transactions = transactions;
        this.connections = connections;
        this.statements = statements;
    }

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        TenantStatements.Scope outer = statements.current();
        if (outer != null) {
            // Nested: join the unit of work that is open, whose tenant is already set.
            if (!outer.tenant.equals(tenant.value())) {
                throw new IllegalStateException("a unit of work for another tenant cannot join this one");
            }
            return outer.eachStatement() ? work.get()
                    : transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
        }
        return run(tenant, intent == Intent.READ ? TenantStatements.Mode.READ : TenantStatements.Mode.TRANSACTION,
                work);
    }

    /**
     * Runs work that writes through exactly one statement without a transaction: PostgreSQL commits it as it completes,
     * in the same round trip; a second statement is refused. Inside a unit of work, it joins it.
     */
    <T> T executeSingleWrite(TenantId tenant, Supplier<T> work) {
        if (statements.current() != null) {
            return execute(tenant, Intent.WRITE, work);
        }
        return run(tenant, TenantStatements.Mode.SINGLE_WRITE, work);
    }

    /**
     * Asks PostgreSQL to cancel the statements of every unit of work running now, for a stop that will not wait for
     * them any longer: their units of work fail and write nothing, unless a statement completed before the cancel
     * arrived (a single write is then kept, as a committed transaction would be).
     */
    public int cancelRunningStatements() {
        return statements.cancelRunning();
    }

    private <T> T run(TenantId tenant, TenantStatements.Mode mode, Supplier<T> work) {
        statements.open(tenant.value(), mode);
        try {
            if (mode == TenantStatements.Mode.TRANSACTION) {
                return transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
            }
            return connections.execute(ConnectionDefinition.DEFAULT, status -> work.get());
        } catch (RuntimeException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database cannot be reached", e);
            }
            throw e;
        } finally {
            statements.close();
        }
    }
}
