package dev.todo.memory;

import dev.todo.testkit.IdempotencyAdapter;
import dev.todo.testkit.IdempotencyKeysContract;

/** The idempotency-key contract, each test on a new, empty store. */
class InMemoryTodoStoreIdempotencyKeysContractTest extends IdempotencyKeysContract {

    @Override
    protected IdempotencyAdapter newAdapter() {
        return IdempotencyAdapter.of(new InMemoryTodoStore());
    }
}
