package dev.todo.archfixtures.domainusesjdbc.domain.port.out;

import dev.todo.archfixtures.domainusesjdbc.domain.model.Item;
import java.sql.Connection;

public interface ItemStore {
    // Violation (rule 2 only): java.sql is part of java.., so rule 1 lets it through.
    void save(Item item, Connection connection);
}
