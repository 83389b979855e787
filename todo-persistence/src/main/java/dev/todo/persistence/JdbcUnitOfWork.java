package dev.todo.persistence;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.port.out.UnitOfWork;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} as one PostgreSQL transaction: read-only for {@link Intent#READ}, read-write otherwise,
 * committed when the work returns and rolled back when it throws. Its first statement names the tenant for
 * row-level security, so that even a statement that forgot its {@code user_id} sees only that tenant's rows, and sets
 * the transaction's time limits: PostgreSQL cancels a statement that runs longer than
 * {@code todo.database.statement-timeout} (default 2 s), and ends the session of a transaction left idle longer than
 * {@code todo.database.idle-in-transaction-timeout} (default 5 s), releasing its locks when the service that held it
 * is cut off (docs/reliability.md). A failure to reach the database, or a statement cancelled by its time limit,
 * becomes {@link StorageUnavailableException}.
 */
@Singleton
public class JdbcUnitOfWork implements UnitOfWork {

    private final TransactionOperations<Connection> transactions;
    private final TodoRowRepository rows;
    /** The tenant of the unit of work this thread is in, so that a nested one can join it. */
    private final ThreadLocal<TenantId> current = new ThreadLocal<>();

    private final String statementTimeout;
    private final String idleTimeout;

    JdbcUnitOfWork(TransactionOperations<Connection> transactions, TodoRowRepository rows,
                   @Value("${todo.database.statement-timeout:2s}") Duration statementTimeout,
                   @Value("${todo.database.idle-in-transaction-timeout:5s}") Duration idleTimeout) {
        this.transactions = transactions;
        this.rows = rows;
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

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        TenantId outer = current.get();
        if (outer != null) {
            // Nested: join the transaction that is open, whose tenant is already set.
            if (!outer.equals(tenant)) {
                throw new IllegalStateException("a unit of work for another tenant cannot join this one");
            }
            return transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
        }
        TransactionDefinition definition =
                intent == Intent.READ ? TransactionDefinition.READ_ONLY : TransactionDefinition.DEFAULT;
        current.set(tenant);
        try {
            return transactions.execute(definition, status -> {
                rows.actAs(tenant.value(), statementTimeout, idleTimeout);
                return work.get();
            });
        } catch (RuntimeException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database cannot be reached", e);
            }
            throw e;
        } finally {
            current.remove();
        }
    }
}
