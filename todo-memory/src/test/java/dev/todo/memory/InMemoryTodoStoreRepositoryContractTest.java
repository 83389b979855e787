package dev.todo.memory;

import dev.todo.testkit.Adapter;
import dev.todo.testkit.TodoRepositoryContract;

/** The storage contract, each test on a new, empty store. */
class InMemoryTodoStoreRepositoryContractTest extends TodoRepositoryContract {

    @Override
    protected Adapter newAdapter() {
        return adapter(new InMemoryTodoStore());
    }

    private static Adapter adapter(InMemoryTodoStore store) {
        return new Adapter(store.repository(), store.unitOfWork());
    }
}
