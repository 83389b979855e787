package dev.todo.archfixtures.appusesmemory.app;

import dev.todo.archfixtures.appusesmemory.memory.InMemoryItemStore;

public final class Wiring {
    // Violation (rule 8): the service is wired to the in-memory adapter instead of its database.
    public InMemoryItemStore store() {
        return new InMemoryItemStore();
    }
}
