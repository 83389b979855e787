package dev.todo.persistence;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.UnitOfWork;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} on PostgreSQL: a writing unit of work is one transaction; a reading one holds a connection
 * without one, each statement its own implicit transaction (ADR 0021). A nested one joins the open one.
 */
@Singleton
public class JdbcUnitOfWork implements UnitOfWork {

    private final TenantStatements statements;

    JdbcUnitOfWork(TenantStatements statements) {
        this.statements = statements;
    }

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        return statements.run(tenant, intent == Intent.READ ? TenantStatements.Mode.READ
                : TenantStatements.Mode.TRANSACTION, work);
    }

    /** {@return about how many units of work are waiting for a database connection now, in line (a gauge)} */
    public int waiting() {
        return statements.waiting();
    }

    /**
     * Cancels the statements of every unit of work running now, for a stop that will not wait for them: they fail
     * and write nothing, except a single write whose statement completed before the cancel.
     */
    public int cancelRunningStatements() {
        return statements.cancelRunning();
    }
}
