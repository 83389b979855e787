package dev.todo.examples.digest;

import dev.todo.testkit.Adapter;
import dev.todo.testkit.IdempotencyAdapter;
import dev.todo.testkit.IdempotencyKeysContract;
import dev.todo.testkit.TodoRepositoryContract;
import dev.todo.testkit.TodoUseCasesContract;
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
            InMemoryTodoStore store = new InMemoryTodoStore();
            return new Adapter(store.repository(), store.unitOfWork());
        }
    }

    @Nested
    class UseCases extends TodoUseCasesContract {
        @Override
        protected Adapter newAdapter() {
            InMemoryTodoStore store = new InMemoryTodoStore();
            return new Adapter(store.repository(), store.unitOfWork());
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeysContract {
        @Override
        protected IdempotencyAdapter newAdapter() {
            InMemoryTodoStore store = new InMemoryTodoStore();
            return new IdempotencyAdapter(store.idempotencyKeys(), store.unitOfWork());
        }
    }
}
