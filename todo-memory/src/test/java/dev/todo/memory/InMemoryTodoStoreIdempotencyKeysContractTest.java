package dev.todo.memory;

import dev.todo.testkit.IdempotencyAdapter;
import dev.todo.testkit.IdempotencyKeysContract;

/** The idempotency-key contract, each test on a new, empty store. */
class InMemoryTodoStoreIdempotencyKeysContractTest extends IdempotencyKeysContract {

    @Override
    protected IdempotencyAdapter newAdapter() {
        return adapter(new InMemoryTodoStore());
    }

    private static IdempotencyAdapter adapter(InMemoryTodoStore store) {
        return new IdempotencyAdapter(store.idempotencyKeys(), store.unitOfWork());
    }
}
