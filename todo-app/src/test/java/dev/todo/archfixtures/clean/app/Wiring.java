package dev.todo.archfixtures.clean.app;

import dev.todo.archfixtures.clean.domain.port.in.AddItem;
import dev.todo.archfixtures.clean.domain.service.ItemService;
import dev.todo.archfixtures.clean.persistence.MemoryItemStore;

public final class Wiring {
    public AddItem addItem() {
        return new ItemService(new MemoryItemStore());
    }
}
