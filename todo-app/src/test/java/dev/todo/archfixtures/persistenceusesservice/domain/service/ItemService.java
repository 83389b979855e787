package dev.todo.archfixtures.persistenceusesservice.domain.service;

public final class ItemService {
    public void add(String name) {
    }
}
