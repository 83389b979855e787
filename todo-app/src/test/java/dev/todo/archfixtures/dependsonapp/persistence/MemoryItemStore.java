package dev.todo.archfixtures.dependsonapp.persistence;

import dev.todo.archfixtures.dependsonapp.app.Settings;
import java.util.ArrayList;
import java.util.List;

public final class MemoryItemStore {
    // Violation (rule 4): an adapter reads the application's settings.
    private final List<String> names = new ArrayList<>(Settings.capacity());

    public void save(String name) {
        names.add(name);
    }
}
