package dev.todo.archfixtures.persistenceusesinport.persistence;

import dev.todo.archfixtures.persistenceusesinport.domain.port.in.AddItem;
import java.util.List;

public final class ImportingItemStore {
    // Violation (rule 7): the persistence adapter drives the domain through an in-port.
    public void importAll(List<String> names, AddItem addItem) {
        names.forEach(addItem::add);
    }
}
