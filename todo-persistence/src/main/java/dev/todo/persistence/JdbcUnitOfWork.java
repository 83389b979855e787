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

    JdbcUnitOfWork(TransactionOperations<Connection> transactions, TodoRowRepository rows) {
        this.transactions = transactions;
        this.rows = rows;
    }

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        TransactionDefinition definition =
                intent == Intent.READ ? TransactionDefinition.READ_ONLY : TransactionDefinition.DEFAULT;
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
        }
    }
}
