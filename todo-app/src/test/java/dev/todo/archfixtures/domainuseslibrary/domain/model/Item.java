package dev.todo.archfixtures.domainuseslibrary.domain.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public record Item(String name) {
    // Violation (rule 1): a third-party library in the domain.
    private static final Logger LOG = LoggerFactory.getLogger(Item.class);

    public Item {
        LOG.debug("new item {}", name);
    }
}
