package dev.todo.persistence;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.port.out.UnitOfWork;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} as one PostgreSQL transaction: read-only for {@link Intent#READ}, read-write otherwise,
 * committed when the work returns and rolled back when it throws. Its first statement names the tenant for
 * row-level security, so that even a statement that forgot its {@code user_id} sees only that tenant's rows. A failure
 * to reach the database becomes {@link StorageUnavailableException}.
 */
@Singleton
public class JdbcUnitOfWork implements UnitOfWork {

    private final TransactionOperations<Connection> transactions;
    private final TodoRowRepository rows;
    /** The tenant of the unit of work this thread is in, so that a nested one can join it. */
    private final ThreadLocal<TenantId> current = new ThreadLocal<>();

    JdbcUnitOfWork(TransactionOperations<Connection> transactions, TodoRowRepository rows) {
        this.transactions = transactions;
        this.rows = rows;
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
                rows.actAs(tenant.value());
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
