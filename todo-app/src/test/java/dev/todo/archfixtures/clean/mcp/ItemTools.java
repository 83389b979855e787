package dev.todo.archfixtures.clean.mcp;

import dev.todo.archfixtures.clean.domain.model.Item;
import dev.todo.archfixtures.clean.domain.port.in.AddItem;

public final class ItemTools {
    private final AddItem addItem;

    public ItemTools(AddItem addItem) {
        this.addItem = addItem;
    }

    public String addTool(String name) {
        Item item = addItem.add(name);
        return item.name();
    }
}
