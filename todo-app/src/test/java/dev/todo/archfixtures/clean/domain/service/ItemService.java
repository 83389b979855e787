package dev.todo.archfixtures.clean.domain.service;

import dev.todo.archfixtures.clean.domain.model.Item;
import dev.todo.archfixtures.clean.domain.port.in.AddItem;
import dev.todo.archfixtures.clean.domain.port.out.ItemStore;

public final class ItemService implements AddItem {
    private final ItemStore store;

    public ItemService(ItemStore store) {
        this.store = store;
    }

    @Override
    public Item add(String name) {
        Item item = new Item(name);
        store.save(item);
        return item;
    }
}
