package dev.todo.archfixtures.restusesservice.domain.service;

public final class ItemService {
    public String add(String name) {
        return name;
    }
}
