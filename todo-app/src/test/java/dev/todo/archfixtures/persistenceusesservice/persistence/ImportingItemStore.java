package dev.todo.archfixtures.persistenceusesservice.persistence;

import dev.todo.archfixtures.persistenceusesservice.domain.service.ItemService;
import java.util.List;

public final class ImportingItemStore {
    // Violation (rule 7): the persistence adapter calls the domain service.
    public void importAll(List<String> names, ItemService service) {
        names.forEach(service::add);
    }
}
