package dev.todo.persistence;

import dev.todo.testkit.IdempotencyAdapter;
import dev.todo.testkit.IdempotencyKeysContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The idempotency-key contract against PostgreSQL: JdbcIdempotencyKeys in JdbcUnitOfWork's transactions, on one fresh
 * database for the class, used through the plain (row-level-security bound) role. The contract gives every test
 * tenants and keys of its own, so the tests share it.
 */
class JdbcIdempotencyKeysContractTest extends IdempotencyKeysContract {

    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = PostgresTestSupport.start(TestPostgres.createDatabase());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Override
    protected IdempotencyAdapter newAdapter() {
        return new IdempotencyAdapter(context.getBean(JdbcIdempotencyKeys.class), context.getBean(JdbcUnitOfWork.class));
    }
}
