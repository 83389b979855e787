package dev.todo.archfixtures.domainusesmicronaut.domain.service;

import dev.todo.archfixtures.domainusesmicronaut.domain.port.out.ItemStore;
import io.micronaut.context.BeanLocator;

public final class ItemService {
    // Violation (rules 1 and 2): the service looks its port up in Micronaut instead of being given it.
    private final BeanLocator beans;

    public ItemService(BeanLocator beans) {
        this.beans = beans;
    }

    public void add(String name) {
        beans.getBean(ItemStore.class).save(name);
    }
}
