package dev.todo.archfixtures.restusespersistence.rest;

import dev.todo.archfixtures.restusespersistence.persistence.MemoryItemStore;

public final class ItemResource {
    // Violation (rule 3): the REST adapter writes to the persistence adapter directly.
    private final MemoryItemStore store = new MemoryItemStore();

    public void add(String name) {
        store.save(name);
    }
}
