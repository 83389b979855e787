package dev.todo.archfixtures.restusesmemory.rest;

import dev.todo.archfixtures.restusesmemory.memory.InMemoryItemStore;

public final class ItemResource {
    // Violation (rule 8): the REST adapter keeps items in the in-memory adapter directly.
    private final InMemoryItemStore store = new InMemoryItemStore();

    public void add(String name) {
        store.save(name);
    }
}
