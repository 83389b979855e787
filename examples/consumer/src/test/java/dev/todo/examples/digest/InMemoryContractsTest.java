package dev.todo.examples.digest;

import dev.todo.domain.testkit.Adapter;
import dev.todo.domain.testkit.IdempotencyAdapter;
import dev.todo.domain.testkit.IdempotencyKeysContract;
import dev.todo.domain.testkit.TodoRepositoryContract;
import dev.todo.domain.testkit.TodoUseCasesContract;
import dev.todo.memory.InMemoryTodoStore;
import org.junit.jupiter.api.Nested;

/**
 * The adapter this service runs on passes the domain's contracts: the storage ports, the use cases on top, and the
 * idempotency keys.
 */
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

    @Nested
    class IdempotencyKeys extends IdempotencyKeysContract {
        @Override
        protected IdempotencyAdapter newAdapter() {
            return IdempotencyAdapter.of(new InMemoryTodoStore());
        }
    }
}
