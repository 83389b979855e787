package dev.todo.archfixtures.domainusesjakarta.domain.service;

import dev.todo.archfixtures.domainusesjakarta.domain.port.out.ItemStore;
import jakarta.inject.Provider;

public final class ItemService {
    // Violation (rules 1 and 2): a Jakarta injection type in the domain.
    private final Provider<ItemStore> store;

    public ItemService(Provider<ItemStore> store) {
        this.store = store;
    }

    public void add(String name) {
        store.get().save(name);
    }
}
