package dev.todo.archfixtures.persistenceusesrest.persistence;

import dev.todo.archfixtures.persistenceusesrest.rest.ItemJson;
import java.util.ArrayList;
import java.util.List;

public final class MemoryItemStore {
    // Violation (rule 3): the persistence adapter stores the REST adapter's JSON type.
    private final List<ItemJson> items = new ArrayList<>();

    public void save(ItemJson item) {
        items.add(item);
    }
}
