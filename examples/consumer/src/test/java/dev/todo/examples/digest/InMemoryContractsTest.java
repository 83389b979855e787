package dev.todo.examples.digest;

import dev.todo.domain.testkit.Adapter;
import dev.todo.domain.testkit.TodoRepositoryContract;
import dev.todo.domain.testkit.TodoUseCasesContract;
import dev.todo.memory.InMemoryTodoStore;
import org.junit.jupiter.api.Nested;

/** The adapter this service runs on passes the domain's contracts: the storage ports, and the use cases on top. */
class InMemoryContractsTest {

    @Nested
    class Storage extends TodoRepositoryContract {
        @Override
        protected Adapter newAdapter() {
            return Adapter.of(new InMemoryTodoStore());
        }
    }

    @Nested
    class UseCases extends TodoUseCasesContract {
        @Override
        protected Adapter newAdapter() {
            return Adapter.of(new InMemoryTodoStore());
        }
    }
}
