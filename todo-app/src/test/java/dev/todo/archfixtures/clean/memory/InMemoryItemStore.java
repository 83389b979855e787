package dev.todo.archfixtures.clean.memory;

import dev.todo.archfixtures.clean.domain.model.Item;
import dev.todo.archfixtures.clean.domain.port.out.ItemStore;
import java.util.ArrayList;
import java.util.List;

public final class InMemoryItemStore implements ItemStore {
    private final List<Item> items = new ArrayList<>();

    @Override
    public void save(Item item) {
        items.add(item);
    }
}
