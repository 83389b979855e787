package dev.todo.archfixtures.controllerbypassesinports.domain.service;

public final class ItemService {
    public int count() {
        return 0;
    }
}
