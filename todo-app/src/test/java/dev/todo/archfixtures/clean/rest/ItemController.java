package dev.todo.archfixtures.clean.rest;

import dev.todo.archfixtures.clean.domain.model.Item;
import dev.todo.archfixtures.clean.domain.port.in.AddItem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

// Micronaut's processor sees test classes too: a property nobody sets keeps this fixture out of every bean context,
// and being abstract it could not be instantiated anyway. Fixtures are analysed, never run.
@Requires(property = "dev.todo.archfixtures.never")
@Controller("/archfixtures/clean/items")
public abstract class ItemController {
    private final AddItem addItem;

    protected ItemController(AddItem addItem) {
        this.addItem = addItem;
    }

    public String add(String name) {
        Item item = addItem.add(name);
        return item.name();
    }
}
