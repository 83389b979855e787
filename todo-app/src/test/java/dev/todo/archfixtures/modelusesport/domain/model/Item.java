package dev.todo.archfixtures.modelusesport.domain.model;

import dev.todo.archfixtures.modelusesport.domain.port.in.AddItemCommand;

public record Item(String name) {
    // Violation (rule 6): the model knows an in-port's command.
    public static Item from(AddItemCommand command) {
        return new Item(command.name());
    }
}
