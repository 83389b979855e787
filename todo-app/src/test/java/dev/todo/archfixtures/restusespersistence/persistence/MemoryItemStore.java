package dev.todo.archfixtures.restusespersistence.persistence;

import java.util.ArrayList;
import java.util.List;

public final class MemoryItemStore {
    private final List<String> names = new ArrayList<>();

    public void save(String name) {
        names.add(name);
    }
}
