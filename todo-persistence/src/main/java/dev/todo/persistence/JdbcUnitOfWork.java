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
 * committed when the work returns and rolled back when it throws. A failure to reach the database becomes
 * {@link StorageUnavailableException}.
 */
@Singleton
public class JdbcUnitOfWork implements UnitOfWork {

    private final TransactionOperations<Connection> transactions;

    JdbcUnitOfWork(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        TransactionDefinition definition =
                intent == Intent.READ ? TransactionDefinition.READ_ONLY : TransactionDefinition.DEFAULT;
        try {
            return transactions.execute(definition, status -> work.get());
        } catch (RuntimeException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database cannot be reached", e);
            }
            throw e;
        }
    }
}
