package dev.todo.archfixtures.clean.domain.port.in;

import dev.todo.archfixtures.clean.domain.model.Item;

public interface AddItem {
    Item add(String name);
}
