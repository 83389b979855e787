package dev.todo.memory;

import dev.todo.testkit.Adapter;
import dev.todo.testkit.TodoUseCasesContract;

/** The use cases on the in-memory store, each test on a new, empty store. */
class InMemoryTodoStoreUseCasesContractTest extends TodoUseCasesContract {

    @Override
    protected Adapter newAdapter() {
        return adapter(new InMemoryTodoStore());
    }

    private static Adapter adapter(InMemoryTodoStore store) {
        return new Adapter(store.repository(), store.unitOfWork());
    }
}
