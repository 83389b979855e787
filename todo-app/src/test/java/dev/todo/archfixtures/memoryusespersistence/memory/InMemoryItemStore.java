package dev.todo.archfixtures.memoryusespersistence.memory;

import dev.todo.archfixtures.memoryusespersistence.persistence.JdbcItemStore;

public final class InMemoryItemStore {
    // Violation (rule 8): the in-memory adapter writes through to the persistence adapter.
    private final JdbcItemStore database = new JdbcItemStore();

    public void save(String name) {
        database.save(name);
    }
}
