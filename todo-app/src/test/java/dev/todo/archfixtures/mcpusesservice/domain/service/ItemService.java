package dev.todo.archfixtures.mcpusesservice.domain.service;

public final class ItemService {
    public String add(String name) {
        return name;
    }
}
