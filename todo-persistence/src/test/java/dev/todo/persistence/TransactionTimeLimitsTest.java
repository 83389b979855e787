package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every unit of work runs under PostgreSQL's statement_timeout and idle_in_transaction_session_timeout, set for its
 * transaction only: a statement that runs too long is cancelled and a transaction left idle too long loses its
 * session, both reported as the database being unavailable, and the pool serves again right after.
 */
class TransactionTimeLimitsTest {

    private static final TenantId ALICE = TenantId.of("alice");

    private static ApplicationContext defaults;
    private static ApplicationContext strict;

    @BeforeAll
    static void start() {
        TestPostgres.Database database = TestPostgres.createDatabase();
        PostgresTestSupport.migrate(database);
        defaults = context(database, Map.of());
        strict = context(database, Map.of(
                "todo.database.statement-timeout", "300ms",
                "todo.database.idle-in-transaction-timeout", "300ms"));
    }

    private static ApplicationContext context(TestPostgres.Database database, Map<String, Object> limits) {
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
        // One connection, so that each unit of work below runs on the same pooled session as the one before.
        properties.put("datasources.default.maximum-pool-size", 1);
        properties.putAll(limits);
        return ApplicationContext.run(properties);
    }

    @AfterAll
    static void stop() {
        defaults.close();
        strict.close();
    }

    @Test
    void theDefaultLimitsHoldInsideAUnitOfWorkAndNotAfterIt() {
        JdbcUnitOfWork unitOfWork = defaults.getBean(JdbcUnitOfWork.class);
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query(defaults,
                "SELECT current_setting('statement_timeout') || ' ' "
                        + "|| current_setting('idle_in_transaction_session_timeout')")))
                .containsExactly("2s 5s");
        assertThat(outsideAUnitOfWork(defaults, "SELECT current_setting('statement_timeout') || ' ' "
                + "|| current_setting('idle_in_transaction_session_timeout')"))
                .as("set for the transaction only, so nothing outlives it on a pooled session").containsExactly("0 0");
    }

    @Test
    void aStatementOverItsTimeLimitIsCancelledAsUnavailableAndTheConnectionStaysUsable() {
        JdbcUnitOfWork unitOfWork = strict.getBean(JdbcUnitOfWork.class);
        assertThatThrownBy(() -> unitOfWork.execute(ALICE, Intent.WRITE, () -> query(strict, "SELECT pg_sleep(5)")))
                .isInstanceOf(StorageUnavailableException.class)
                .hasStackTraceContaining("statement timeout");
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query(strict, "SELECT pg_backend_pid() > 0")))
                .containsExactly("t");
    }

    @Test
    void aTransactionLeftIdleLosesItsSessionAsUnavailableAndThePoolServesAgain() {
        JdbcUnitOfWork unitOfWork = strict.getBean(JdbcUnitOfWork.class);
        assertThatThrownBy(() -> unitOfWork.execute(ALICE, Intent.WRITE, () -> {
            query(strict, "SELECT 1");
            try {
                Thread.sleep(1_500);  // a service that stalls, or was cut off, while its transaction is open
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return query(strict, "SELECT 2");
        })).isInstanceOf(StorageUnavailableException.class);
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query(strict, "SELECT 3"))).containsExactly("3");
    }

    @SuppressWarnings("unchecked")
    private static List<String> outsideAUnitOfWork(ApplicationContext context, String sql) {
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        return transactions.execute(TransactionDefinition.READ_ONLY, status -> raw(context, sql));
    }

    /** Runs SQL as the adapter runs its statements, in the current unit of work. */
    private static List<String> query(ApplicationContext context, String sql) {
        return PostgresTestSupport.strings(context.getBean(TenantStatements.class), sql);
    }

    /** Runs raw SQL on the connection of the current transaction, past the adapter. */
    @SuppressWarnings("unchecked")
    private static List<String> raw(ApplicationContext context, String sql) {
        return PostgresTestSupport.strings(context.getBean(TransactionOperations.class), sql);
    }
}
