package dev.todo.persistence;

import dev.todo.testkit.Adapter;
import dev.todo.testkit.TodoRepositoryContract;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract against PostgreSQL: one fresh database for the class, migrated by Liquibase and used through the
 * plain (row-level-security bound) role. The contract gives every test tenants of its own, so the tests share it.
 */
class JdbcTodoRepositoryContractTest extends TodoRepositoryContract {

    private static ApplicationContext context;
    private static TimeZone originalZone;

    @BeforeAll
    static void start() {
        // A zone far from UTC: what is read back must not depend on the JVM's or the session's time zone.
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        // The contract lets a writer wait for a unit of work that holds the tenant's writes for up to two seconds
        // (holdWrites): the statement time limit, two seconds by default, must not end the wait first.
        context = PostgresTestSupport.start(TestPostgres.createDatabase(),
                Map.of("todo.database.statement-timeout", "30s"));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    @Override
    protected Adapter newAdapter() {
        return new Adapter(context.getBean(JdbcTodoRepository.class), context.getBean(JdbcUnitOfWork.class));
    }
}
