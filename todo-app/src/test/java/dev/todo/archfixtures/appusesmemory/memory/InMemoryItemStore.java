package dev.todo.archfixtures.appusesmemory.memory;

import java.util.ArrayList;
import java.util.List;

public final class InMemoryItemStore {
    private final List<String> names = new ArrayList<>();

    public void save(String name) {
        names.add(name);
    }
}
