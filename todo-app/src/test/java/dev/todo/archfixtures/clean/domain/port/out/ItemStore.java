package dev.todo.archfixtures.clean.domain.port.out;

import dev.todo.archfixtures.clean.domain.model.Item;

public interface ItemStore {
    void save(Item item);
}
