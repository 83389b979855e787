package dev.todo.archfixtures.portusesservice.domain.port.in;

import dev.todo.archfixtures.portusesservice.domain.model.Item;
import dev.todo.archfixtures.portusesservice.domain.service.Receipt;

public interface AddItem {
    // Violation (rule 6): an in-port returns a type of the service that implements it.
    Receipt add(Item item);
}
