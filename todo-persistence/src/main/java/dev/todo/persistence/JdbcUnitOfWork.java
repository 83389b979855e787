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
 * {@link UnitOfWork} on PostgreSQL. A writing unit of work is one transaction, committed when the work returns and
 * rolled back when it throws. A reading one holds a connection without a transaction: each of its statements is an
 * implicit, read-only transaction of its own, which reads exactly what a statement of a read-committed transaction
 * would (each statement sees the data committed when it starts) and saves the {@code COMMIT} round trip; a read of
 * one todo or one list is then a single round trip. A {@linkplain #executeSingleWrite single write} runs the same
 * way, its one statement committed by the server as it completes: a create is then one round trip too. Every statement carries the tenant for row-level security
 * ({@link TenantStatements}), so that even a statement that forgot its {@code user_id} sees only that tenant's rows.
 * A failure to reach the database becomes {@link StorageUnavailableException}.
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
     * {@inheritDoc}
     *
     * <p>Here: without a transaction. The write is one statement, which PostgreSQL commits on its own when it
     * completes, in the same round trip; a second statement of the work is refused.
     */
    @Override
    public <T> T executeSingleWrite(TenantId tenant, Supplier<T> work) {
        if (statements.current() != null) {
            return execute(tenant, Intent.WRITE, work);
        }
        return run(tenant, TenantStatements.Mode.SINGLE_WRITE, work);
    }

    /**
     * Asks PostgreSQL to cancel the statements of every unit of work running now, for a stop that will not wait for
     * them any longer: their units of work fail and write nothing, unless a statement completed before the cancel
     * arrived (a single write is then kept, as a committed transaction would be).
     *
     * @return how many statements were asked to stop
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
