package dev.todo.persistence;

import dev.todo.testkit.Adapter;
import dev.todo.testkit.TodoUseCasesContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The use cases, TodoService, on PostgreSQL: one fresh database for the class, shared by tests with their own tenants. */
class JdbcTodoUseCasesContractTest extends TodoUseCasesContract {

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
    protected Adapter newAdapter() {
        return new Adapter(context.getBean(JdbcTodoRepository.class), context.getBean(JdbcUnitOfWork.class));
    }
}
